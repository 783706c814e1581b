package io.billhook.cli;

import jakarta.json.JsonObject;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "retention", mixinStandardHelpOptions = true,
        description = "How long each kind of record is kept, and a retention pass now.",
        subcommands = {RetentionCommand.Show.class, RetentionCommand.Run.class})
public class RetentionCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CliFailure(Billhook.USAGE, "a retention command is needed");
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "The periods (ISO-8601: PT720H is 30 days), the interval, and this node's last pass.")
    static class Show implements Runnable {

        @Mixin
        ConnectionOptions connection;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            JsonObject shown = (JsonObject) connection.client().get("api/admin/retention");
            if (connection.json) {
                Output.json(out, shown);
                return;
            }
            JsonObject policy = shown.getJsonObject("policy");
            for (String kind : new String[] {"payloads", "personalData", "events", "attempts", "duplicates", "rejections"}) {
                out.printf("%-13s %s%n", kind, Output.text(policy, kind));
            }
            out.printf("%-13s %s%n", "interval", Output.text(shown, "interval"));
            if (shown.get("lastPass") instanceof JsonObject last) {
                report(out, last);
            } else {
                out.println("no pass on this node yet");
            }
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run one retention pass now (operator) and print what it removed or masked.")
    static class Run implements Runnable {

        @Mixin
        ConnectionOptions connection;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            JsonObject report = (JsonObject) connection.client().post("api/admin/retention/runs");
            if (connection.json) {
                Output.json(out, report);
                return;
            }
            report(out, report);
        }
    }

    static void report(PrintWriter out, JsonObject report) {
        out.println("pass of " + Output.text(report, "startedAt") + " (" + Output.text(report, "millis") + " ms):");
        JsonObject rows = report.getJsonObject("rows");
        for (String kind : rows.keySet()) {
            out.printf("  %-13s %s%n", kind.toLowerCase(java.util.Locale.ROOT), Output.text(rows, kind));
        }
    }
}
