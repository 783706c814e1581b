package io.billhook.cli;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "retell", mixinStandardHelpOptions = true,
        description = "What Billhook fetches from Retell itself: the calls that no webhook brought.",
        subcommands = {RetellCommand.Reconcile.class})
public class RetellCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CliFailure(Billhook.USAGE, "a retell command is needed");
    }

    @Command(name = "reconcile", mixinStandardHelpOptions = true,
            description = {"List Retell's calls started since a moment and store the events of every ended call that"
                    + " is not stored yet, as if its webhooks had come (operator): each such call gets its call record"
                    + " and its usage once. Calls stored already count as duplicates; calls still going on are left to"
                    + " their webhooks."})
    static class Reconcile implements Runnable {

        @Mixin
        ConnectionOptions connection;

        @Option(names = "--since", required = true, paramLabel = "WHEN",
                description = "a look-back (24h, 7d) or an ISO-8601 instant (2026-11-27T09:00:00Z)")
        String since;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            if (!connection.json && System.console() != null) {
                // on a terminal only: a script reads one line of error, and nothing else, when the server refuses
                spec.commandLine().getErr().println("listing Retell's calls since " + since + " ...");
                spec.commandLine().getErr().flush();
            }
            JsonObject report = (JsonObject) connection.client().post("api/admin/retell/reconcile",
                    Json.createObjectBuilder().add("since", since).build());
            if (connection.json) {
                Output.json(out, report);
                return;
            }
            out.printf("%s call(s) listed since %s: %s event(s) stored, %s stored already, %s not ended%n",
                    Output.text(report, "calls"), Output.text(report, "since"), Output.text(report, "stored"),
                    Output.text(report, "alreadyStored"), Output.text(report, "notEnded"));
            for (JsonValue call : report.getJsonArray("firstMissing")) {
                out.println("  no webhook had brought " + ((JsonString) call).getString());
            }
        }
    }
}
