package io.billhook.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Where the server is and who asks: flags first, then the environment, then the config file
 * ({@code ~/.config/billhook/config.properties} or {@code --config}).
 */
public class ConnectionOptions {

    @Option(names = "--url", description = "the server, e.g. https://billhook.example.com (default http://localhost:9080)")
    String url;

    @Option(names = {"-u", "--username"}, description = "admin API user")
    String username;

    @Option(names = {"-p", "--password"}, description = "its password (better: BILLHOOK_PASSWORD or the config file)")
    String password;

    @Option(names = "--config", description = "a properties file with url=, username=, password=")
    Path config;

    @Option(names = "--insecure", description = "accept any TLS certificate (a development server's own)")
    boolean insecure;

    @Option(names = "--json", description = "print the server's JSON instead of tables")
    boolean json;

    AdminClient client() {
        Properties file = file();
        String base = first(url, System.getenv("BILLHOOK_URL"), file.getProperty("url"), "http://localhost:9080");
        String user = first(username, System.getenv("BILLHOOK_USERNAME"), file.getProperty("username"), null);
        String secret = first(password, System.getenv("BILLHOOK_PASSWORD"), file.getProperty("password"), null);
        return new AdminClient(base, user, secret, insecure);
    }

    private Properties file() {
        Path path = config != null ? config
                : Path.of(System.getProperty("user.home"), ".config", "billhook", "config.properties");
        Properties properties = new Properties();
        if (Files.isReadable(path)) {
            try (Reader reader = Files.newBufferedReader(path)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new CliFailure(Billhook.USAGE, "cannot read " + path + ": " + e.getMessage());
            }
        } else if (config != null) {
            throw new CliFailure(Billhook.USAGE, "no config file " + config);
        }
        return properties;
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
