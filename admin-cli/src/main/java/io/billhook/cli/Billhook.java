package io.billhook.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.AutoComplete.GenerateCompletion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The operator's command line. It talks to a Billhook server only over its HTTP admin API.
 * Exit codes: 0 done, 1 the server refused or failed, 2 usage error, 3 cannot connect or authenticate.
 */
@Command(name = "billhook", mixinStandardHelpOptions = true, versionProvider = Billhook.Version.class,
        description = "Manage a Billhook server over its admin REST API.",
        subcommands = {WebhooksCommand.class, CompaniesCommand.class, CatalogueCommand.class, RetentionCommand.class,
                StripeCommand.class, RetellCommand.class, DunningCommand.class, VersionCommand.class, GenerateCompletion.class},
        footer = {"", "Exit codes: 0 done, 1 the server refused or failed, 2 usage error, 3 cannot connect or authenticate.",
                "Connection: --url, --username, --password; else BILLHOOK_URL, BILLHOOK_USERNAME, BILLHOOK_PASSWORD;",
                "else ~/.config/billhook/config.properties (url=, username=, password=)."})
public final class Billhook implements Runnable {

    public static final int REFUSED = 1;
    public static final int USAGE = 2;
    public static final int UNREACHABLE = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine(out, err);
        return cli.execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Billhook());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CliFailure failure) {
                commandLine.getErr().println("billhook: " + failure.getMessage());
                return failure.exitCode();
            }
            commandLine.getErr().println("billhook: " + e);
            return REFUSED;
        });
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine commandLine = e.getCommandLine();
            commandLine.getErr().println("billhook: " + e.getMessage() + " (see " + commandLine.getCommandSpec().qualifiedName()
                    + " --help)");
            return USAGE;
        });
        return cli;
    }

    /** Without a command: the usage, and a usage error. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CliFailure(USAGE, "a command is needed");
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

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"billhook " + version()};
        }
    }
}
