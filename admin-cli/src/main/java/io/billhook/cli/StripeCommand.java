package io.billhook.cli;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "stripe", mixinStandardHelpOptions = true,
        description = "What Billhook fetches from Stripe itself: a backfill of events that never arrived by webhook,"
                + " and a reconciliation of the local subscriptions and invoices with Stripe's.",
        subcommands = {StripeCommand.Backfill.class, StripeCommand.Reconcile.class})
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
            JsonObjectBuilder order = Json.createObjectBuilder().add("since", since)
                    .add("types", Json.createArrayBuilder(types))
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

    @Command(name = "reconcile", mixinStandardHelpOptions = true,
            description = {"Compare the local subscriptions and invoices with what Stripe lists, for one company's"
                    + " customers or every linked one, and print the drift: missing here, missing at Stripe, fields"
                    + " that differ (operator).",
                    "With --repair, Stripe's objects are applied as they are now, by the same freshness rules as"
                            + " events: a local state further along (a paid invoice Stripe lists as open) is kept."
                            + " Nothing is deleted."})
    static class Reconcile implements Runnable {

        @Mixin
        ConnectionOptions connection;

        @Option(names = "--company", paramLabel = "ID", description = "only this company's customers (default: every"
                + " linked customer)")
        Long company;

        @Option(names = "--objects", split = ",", paramLabel = "KIND",
                description = "subscriptions, invoices or both (the default)")
        List<String> objects = List.of();

        @Option(names = "--repair", description = "apply Stripe's state where it differs (a later local state stays)")
        boolean repair;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter progress = spec.commandLine().getErr();
            JsonObjectBuilder order = Json.createObjectBuilder().add("objects", Json.createArrayBuilder(objects))
                    .add("repair", repair);
            if (company != null) {
                order.add("company", company);
            }
            if (!connection.json && System.console() != null) {
                // on a terminal only: a script reads one line of error, and nothing else, when the server refuses
                progress.println("reconciling " + (company == null ? "every linked customer" : "company " + company)
                        + " with Stripe" + (repair ? ", repairing" : "") + " ...");
                progress.flush();
            }
            JsonObject report = (JsonObject) connection.client().post("api/admin/stripe/reconcile", order.build());
            if (connection.json) {
                Output.json(out, report);
                return;
            }
            JsonArray drifts = report.getJsonArray("drifts");
            out.printf("%s customer(s): %s subscriptions and %s invoices listed at Stripe, %d drift(s)%s%n",
                    Output.text(report, "customers"), Output.text(report, "subscriptions"), Output.text(report, "invoices"),
                    drifts.size(), repair ? "; " + Output.text(report, "repaired") + " repaired, "
                            + Output.text(report, "kept") + " kept (the local state is ahead)" : "");
            for (JsonValue value : drifts) {
                JsonObject drift = value.asJsonObject();
                String kind = Output.text(drift, "kind").toLowerCase(Locale.ROOT);
                out.printf("  %-17s %-12s %-30s %s%n", Output.text(drift, "drift"), kind.substring(0, kind.length() - 1),
                        Output.text(drift, "id"),
                        "NONE".equals(Output.text(drift, "repair")) ? "" : Output.text(drift, "repair"));
                for (JsonValue fieldValue : drift.getJsonArray("fields")) {
                    JsonObject field = fieldValue.asJsonObject();
                    out.printf("      %-24s here %s, Stripe %s%n", Output.text(field, "field"), Output.text(field, "local"),
                            Output.text(field, "stripe"));
                }
            }
        }
    }
}
