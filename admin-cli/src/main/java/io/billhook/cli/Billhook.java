package io.billhook.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/** The operator's command line. It talks to a Billhook server only over its HTTP admin API. */
public final class Billhook {

    static final String USAGE = """
            Usage: billhook [--help] [--version] <command> [options]

            Manage a Billhook server over its admin REST API.

            Options:
              -h, --help       show this help and exit
              -V, --version    print the version and exit

            Commands arrive with the admin API; none is available in this version.
            """;

    private Billhook() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
            out.print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        if (args.contains("--version") || args.contains("-V")) {
            out.println("billhook " + version());
            return 0;
        }
        err.println("billhook: unknown command '" + args.get(0) + "' (see billhook --help)");
        return 2;
    }

    static String version() {
        try (InputStream in = Billhook.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
