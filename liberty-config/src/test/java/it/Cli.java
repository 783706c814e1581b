package it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The admin CLI of this build, run as its own process against the server under test. */
final class Cli {

    static final Path JAR = Path.of(System.getProperty("billhook.cli.jar", "../admin-cli/target/billhook-cli.jar"));

    record Run(int exit, String out, String err) {
    }

    private Cli() {
    }

    static Run cli(String user, String... args) {
        List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        if (!List.of(args).contains("--url")) {
            command.addAll(List.of("--url", Billhook.BASE.toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("BILLHOOK_URL");
        if (user != null) {
            builder.environment().put("BILLHOOK_USERNAME", user.substring(0, user.indexOf(':')));
            builder.environment().put("BILLHOOK_PASSWORD", user.substring(user.indexOf(':') + 1));
        }
        try {
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            return new Run(process.exitValue(), out, err);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
