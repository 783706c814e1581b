package io.billhook.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
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

    @Option(names = {"-p", "--password"}, description = "its password (better: --password-stdin, --password-file,"
            + " BILLHOOK_PASSWORD or the config file: a password on the command line shows in the process list)")
    String password;

    @Option(names = "--password-stdin", description = "read the password from the first line of standard input")
    boolean passwordStdin;

    @Option(names = "--password-file", description = "read the password from the first line of this file")
    Path passwordFile;

    @Option(names = "--cacert", description = "trust this PEM certificate (or bundle) for HTTPS, beside the JDK's")
    Path cacert;

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
        String secret = first(password, passwordFromInput(), System.getenv("BILLHOOK_PASSWORD"), file.getProperty("password"), null);
        return new AdminClient(base, user, secret, insecure, cacert);
    }

    private String passwordFromInput() {
        if (passwordStdin && passwordFile != null) {
            throw new CliFailure(Billhook.USAGE, "--password-stdin and --password-file exclude each other");
        }
        try {
            if (passwordStdin) {
                String line = new BufferedReader(new InputStreamReader(System.in,
                        StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isBlank()) {
                    throw new CliFailure(Billhook.USAGE, "--password-stdin: standard input holds no password");
                }
                return line.strip();
            }
            if (passwordFile != null) {
                return Files.readAllLines(passwordFile).stream().findFirst().map(String::strip)
                        .filter(line -> !line.isEmpty())
                        .orElseThrow(() -> new CliFailure(Billhook.USAGE, "--password-file: " + passwordFile + " is empty"));
            }
            return null;
        } catch (IOException e) {
            throw new CliFailure(Billhook.USAGE, "cannot read the password: " + e.getMessage());
        }
    }

    private Properties file() {
        Path path = config != null ? config
                : Path.of(System.getProperty("user.home"), ".config", "billhook", "config.properties");
        Properties properties = new Properties();
        if (Files.isReadable(path)) {
            warnIfOthersMayRead(path);
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

    /** A config file with a password that others on the machine may read is worth a line on stderr. */
    private static void warnIfOthersMayRead(Path path) {
        try {
            var permissions = Files.getPosixFilePermissions(path);
            if (permissions.contains(PosixFilePermission.OTHERS_READ)
                    || permissions.contains(PosixFilePermission.GROUP_READ)) {
                System.err.println("billhook: warning: " + path + " may be read by other users (chmod 600 " + path + ")");
            }
        } catch (UnsupportedOperationException | IOException notPosix) {
            // no POSIX permissions to look at
        }
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
