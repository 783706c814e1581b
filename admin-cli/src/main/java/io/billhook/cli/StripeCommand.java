package io.billhook.cli;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "stripe", mixinStandardHelpOptions = true,
        description = "What Billhook fetches from Stripe itself: a backfill of events that never arrived by webhook.",
        subcommands = {StripeCommand.Backfill.class})
public class StripeCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CliFailure(Billhook.USAGE, "a stripe command is needed");
    }

    @Command(name = "backfill", mixinStandardHelpOptions = true,
            description = {"Fetch the events of Stripe's Events API created since a moment (30 days at most) and store"
                    + " those that are not stored yet, as if they had been delivered (operator). The server pages in"
                    + " the background; this command follows it and prints its progress on standard error.",
                    "With --dry-run nothing is stored: it lists the events that are missing, and what the oldest 20 of"
                            + " them would write (their handlers run in transactions that are rolled back)."})
    static class Backfill implements Runnable {

        @Mixin
        ConnectionOptions connection;

        @Option(names = "--since", required = true, paramLabel = "WHEN",
                description = "a look-back (72h, 7d) or an ISO-8601 instant (2026-11-27T09:00:00Z)")
        String since;

        @Option(names = "--types", split = ",", paramLabel = "TYPE",
                description = "event types, exact or families: invoice.paid,charge.* (default: every type)")
        List<String> types = List.of();

        @Option(names = "--undelivered-only", description = "only the events Stripe could not deliver to an endpoint")
        boolean undeliveredOnly;

        @Option(names = "--dry-run", description = "list what is missing; store nothing")
        boolean dryRun;

        @Option(names = "--no-wait", description = "start the backfill and print it, without following it")
        boolean noWait;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter progress = spec.commandLine().getErr();
            JsonArrayBuilder typeList = Json.createArrayBuilder();
            types.forEach(typeList::add);
            JsonObjectBuilder order = Json.createObjectBuilder().add("since", since).add("types", typeList)
                    .add("undeliveredOnly", undeliveredOnly).add("dryRun", dryRun);
            JsonObject answer = (JsonObject) connection.client().post("api/admin/stripe/backfill", order.build());
            if (dryRun) {
                printMissing(out, answer);
                return;
            }
            JsonObject run = answer;
            long id = run.getJsonNumber("id").longValue();
            while (!noWait && "RUNNING".equals(run.getString("status", ""))) {
                progress.printf("backfill %d: %s fetched, %s stored, %s already stored%n", id, Output.text(run, "fetched"),
                        Output.text(run, "stored"), Output.text(run, "alreadyStored"));
                progress.flush();
                sleep();
                run = (JsonObject) connection.client().get("api/admin/stripe/backfill/" + id);
            }
            if (connection.json) {
                Output.json(out, run);
            } else {
                printRun(out, run);
            }
            if ("FAILED".equals(run.getString("status", ""))) {
                throw new CliFailure(Billhook.REFUSED, "backfill " + id + " failed: " + Output.text(run, "error"));
            }
        }

        private void printMissing(PrintWriter out, JsonObject missing) {
            if (connection.json) {
                Output.json(out, missing);
                return;
            }
            out.printf("dry run: %s fetched from Stripe, %s stored already, %s missing%n", Output.text(missing, "fetched"),
                    Output.text(missing, "alreadyStored"), Output.text(missing, "missing"));
            byType(out, missing.getJsonObject("missingByType"));
            for (JsonValue id : missing.getJsonArray("firstMissing")) {
                out.println("  " + ((jakarta.json.JsonString) id).getString());
            }
            JsonArray previews = missing.getJsonArray("previews");
            if (previews != null && !previews.isEmpty()) {
                out.println("what the oldest " + previews.size() + " missing event(s) would do, each as if it came alone:");
                for (JsonValue value : previews) {
                    JsonObject preview = value.asJsonObject();
                    out.println("  " + Output.text(preview, "eventId") + " " + Output.text(preview, "type"));
                    Effects.print(out, preview.getJsonObject("effects"), "    ");
                }
            }
        }

        private static void printRun(PrintWriter out, JsonObject run) {
            out.printf("backfill %s %s: %s fetched, %s stored, %s already stored%n", Output.text(run, "id"),
                    Output.text(run, "status"), Output.text(run, "fetched"), Output.text(run, "stored"),
                    Output.text(run, "alreadyStored"));
            byType(out, run.getJsonObject("storedByType"));
        }

        private static void byType(PrintWriter out, JsonObject counts) {
            if (counts != null) {
                counts.forEach((type, count) -> out.printf("  %-40s %s%n", type, count));
            }
        }

        private static void sleep() {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliFailure(Billhook.REFUSED, "interrupted");
            }
        }
    }
}
