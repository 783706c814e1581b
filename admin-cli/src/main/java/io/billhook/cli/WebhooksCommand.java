package io.billhook.cli;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.Console;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "webhooks", mixinStandardHelpOptions = true, description = "Stored webhook events: status, lists, retries.",
        subcommands = {WebhooksCommand.Status.class, WebhooksCommand.ListEvents.class, WebhooksCommand.Show.class,
                WebhooksCommand.Retry.class, WebhooksCommand.RetryFailed.class})
public class WebhooksCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CliFailure(Billhook.USAGE, "a webhooks command is needed");
    }

    static String query(String... namesAndValues) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                query.add(namesAndValues[i] + "=" + URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
            }
        }
        return query.toString();
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Counts per provider and status and the most recent failures; --stats adds the statistics.")
    static class Status implements Runnable {

        @Mixin
        ConnectionOptions connection;

        @Option(names = "--provider", description = "stripe, retell or calcom")
        String provider;

        @Option(names = "--stats", description = "print the statistics table first")
        boolean stats;

        @Option(names = "--watch", description = "redraw in place until Ctrl-C")
        boolean watch;

        @Option(names = "--interval", defaultValue = "2s", description = "how often --watch redraws (default ${DEFAULT-VALUE})")
        String interval;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            AdminClient client = connection.client();
            Duration every = duration(interval);
            do {
                JsonObject statistics = (JsonObject) client.get("api/admin/webhooks/stats" + query("provider", provider));
                JsonObject failures = (JsonObject) client.get("api/admin/webhooks"
                        + query("status", "failed", "provider", provider, "limit", "5"));
                if (watch) {
                    out.print("\033[H\033[2J");
                    out.println("Every " + interval + ": billhook webhooks status    last refresh "
                            + LocalTime.now().truncatedTo(ChronoUnit.SECONDS));
                    out.println();
                }
                print(out, statistics, failures);
                out.flush();
                if (watch) {
                    sleep(every);
                }
            } while (watch);
        }

        private void print(PrintWriter out, JsonObject statistics, JsonObject failures) {
            if (connection.json) {
                Output.json(out, Json.createObjectBuilder().add("statistics", statistics)
                        .add("recentFailures", failures.getJsonArray("items")).build());
                return;
            }
            if (stats) {
                statisticsTable(out, statistics);
                out.println();
            }
            Output.Table counts = new Output.Table("PROVIDER", "TOTAL", "RECEIVED", "RETRYING", "PROCESSED", "IGNORED",
                    "QUARANTINED", "FAILED", "REJECTED", "DUPLICATES", "BACKFILLED");
            statistics.getJsonObject("byProvider").forEach((name, value) -> {
                JsonObject figures = value.asJsonObject();
                counts.row(name, Output.text(figures, "total"), Output.text(figures, "received"),
                        Output.text(figures, "retrying"), Output.text(figures, "processed"), Output.text(figures, "ignored"),
                        Output.text(figures, "quarantined"), Output.text(figures, "failed"), Output.text(figures, "rejected"),
                        Output.text(figures, "duplicatesPrevented"), Output.text(figures, "backfilled"));
            });
            counts.print(out);
            out.println();
            JsonArray recent = failures.getJsonArray("items");
            out.println("Most recent failures (" + recent.size() + ")");
            if (!recent.isEmpty()) {
                Output.Table table = new Output.Table("ID", "PROVIDER", "TYPE", "ATTEMPTS", "RECEIVED", "LAST ERROR");
                for (JsonValue item : recent) {
                    JsonObject event = item.asJsonObject();
                    table.row(Output.text(event, "id"), Output.text(event, "provider"), Output.text(event, "type"),
                            Output.text(event, "attempts"), Output.text(event, "receivedAt"),
                            Output.shorten(Output.text(event, "lastError"), 80));
                }
                table.print(out);
            }
        }

        /** The seed's table first, then the rest. */
        static void statisticsTable(PrintWriter out, JsonObject s) {
            Output.Table table = new Output.Table("Metric", "Value");
            table.row("Total Webhooks", Output.text(s, "total"))
                    .row("Success Rate", String.format(Locale.ROOT, "%.2f%%", s.getJsonNumber("successRate").doubleValue() * 100))
                    .row("Failed Count", Output.text(s, "failed"))
                    .row("Duplicates Prevented", Output.text(s, "duplicatesPrevented"))
                    .row("Backfilled", Output.text(s, "backfilled"))
                    .row("Average Retry Count", String.format(Locale.ROOT, "%.2f", s.getJsonNumber("averageRetryCount").doubleValue()))
                    .row("Processed", Output.text(s, "processed"))
                    .row("Ignored", Output.text(s, "ignored"))
                    .row("Retrying", Output.text(s, "retrying"))
                    .row("Quarantined", Output.text(s, "quarantined"))
                    .row("Waiting", Output.text(s, "received"))
                    .row("Rejected", Output.text(s, "rejected"))
                    .row("Processing p50 (ms)", Output.text(s, "processingMillisP50"))
                    .row("Processing p95 (ms)", Output.text(s, "processingMillisP95"));
            table.print(out);
        }

        private static Duration duration(String text) {
            String value = text.trim().toLowerCase(Locale.ROOT);
            try {
                if (value.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
                }
                if (value.endsWith("s")) {
                    return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
                }
                if (value.endsWith("m")) {
                    return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
                }
                return Duration.ofSeconds(Long.parseLong(value));
            } catch (NumberFormatException e) {
                throw new CliFailure(Billhook.USAGE, "--interval must be like 2s, 500ms or 1m, not '" + text + "'");
            }
        }

        private static void sleep(Duration duration) {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliFailure(0, "stopped");
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Stored events, newest first.")
    static class ListEvents implements Runnable {

        @Mixin
        ConnectionOptions connection;

        @Option(names = "--status", description = "received, retrying, processed, ignored, quarantined or failed")
        String status;

        @Option(names = "--provider", description = "stripe, retell or calcom")
        String provider;

        @Option(names = "--type", description = "an event type, e.g. invoice.paid")
        String type;

        @Option(names = "--since", description = "an ISO-8601 instant or a look-back such as 24h")
        String since;

        @Option(names = "--limit", defaultValue = "20", description = "how many (default ${DEFAULT-VALUE}, at most 500)")
        int limit;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            JsonObject page = (JsonObject) connection.client().get("api/admin/webhooks" + query("status", status,
                    "provider", provider, "type", type, "since", since, "limit", Integer.toString(limit)));
            if (connection.json) {
                Output.json(out, page);
                return;
            }
            Output.Table table = new Output.Table("ID", "PROVIDER", "SOURCE", "TYPE", "STATUS", "ATTEMPTS", "RECEIVED",
                    "LAST ERROR");
            for (JsonValue item : page.getJsonArray("items")) {
                JsonObject event = item.asJsonObject();
                table.row(Output.text(event, "id"), Output.text(event, "provider"), Output.text(event, "source"),
                        Output.text(event, "type"),
                        Output.text(event, "status"), Output.text(event, "attempts"), Output.text(event, "receivedAt"),
                        Output.shorten(Output.text(event, "lastError"), 60));
            }
            table.print(out);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One event with its attempts and payload.")
    static class Show implements Runnable {

        @Mixin
        ConnectionOptions connection;

        @Parameters(paramLabel = "ID", description = "the event's id (the id column of list)")
        long id;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            JsonObject event = (JsonObject) connection.client().get("api/admin/webhooks/" + id);
            if (connection.json) {
                Output.json(out, event);
                return;
            }
            Output.Table fields = new Output.Table("Field", "Value");
            for (String name : List.of("id", "provider", "source", "eventId", "type", "status", "attempts", "receivedAt",
                    "processedAt", "processingMillis", "nextAttemptAt", "companyId", "correlationId", "lastError")) {
                fields.row(name, Output.text(event, name));
            }
            fields.print(out);
            out.println();
            out.println("Attempts");
            Output.Table attempts = new Output.Table("#", "STARTED", "FINISHED", "OUTCOME", "ERROR");
            for (JsonValue value : event.getJsonArray("attemptsHistory")) {
                JsonObject attempt = value.asJsonObject();
                attempts.row(Output.text(attempt, "attempt"), Output.text(attempt, "startedAt"),
                        Output.text(attempt, "finishedAt"), Output.text(attempt, "outcome"),
                        Output.shorten(Output.text(attempt, "error"), 80));
            }
            attempts.print(out);
            out.println();
            out.println("Payload");
            JsonValue payload = event.get("payload");
            if (payload instanceof jakarta.json.JsonStructure structure) {
                Output.json(out, structure);
            } else {
                out.println(payload);
            }
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = {"Process one event again now (a PROCESSED one only with --force).",
                    "With --dry-run nothing changes: its handler runs in a transaction that is rolled back, and the rows"
                            + " it would insert or update are printed, each changed field before -> after."})
    static class Retry implements Runnable {

        @Mixin
        ConnectionOptions connection;

        @Parameters(index = "0", paramLabel = "ID", description = "the event's id (webhooks list shows it)")
        long id;

        @Option(names = "--force", description = "also a PROCESSED event (its effects are idempotent)")
        boolean force;

        @Option(names = "--dry-run", description = "change nothing; show what processing it now would write")
        boolean dryRun;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            retry(spec.commandLine().getOut(), connection.client(), id, force, dryRun, connection.json);
        }

        static void retry(PrintWriter out, AdminClient client, long id, boolean force, boolean dryRun, boolean json) {
            String path = "api/admin/webhooks/" + id + "/retry" + query("force", force ? "true" : null,
                    "dryRun", dryRun ? "true" : null);
            JsonObject answer = (JsonObject) client.post(path);
            if (json) {
                Output.json(out, answer);
            } else if (dryRun) {
                JsonObject event = answer.getJsonObject("event");
                out.println("Dry run of event " + id + " (" + Output.text(event, "type") + ", " + Output.text(event, "status")
                        + "):");
                Effects.print(out, answer.getJsonObject("effects"), "  ");
                out.println("Nothing was changed.");
            } else {
                out.println("Retried event " + id + " (" + Output.text(answer, "type") + "): now " + Output.text(answer, "status"));
            }
        }
    }

    @Command(name = "retry-failed", mixinStandardHelpOptions = true,
            description = "Process FAILED events again (or one event with --webhook-id); --dry-run only says what it would do.")
    static class RetryFailed implements Runnable {

        /** Beyond this many events the command asks before it starts (unless --yes). */
        static final int ASK_ABOVE = 10;

        @Mixin
        ConnectionOptions connection;

        @Option(names = "--provider", description = "stripe, retell or calcom")
        String provider;

        @Option(names = "--type", description = "only events of this type")
        String type;

        @Option(names = "--webhook-id", description = "this one event (whatever its status but PROCESSED)")
        Long webhookId;

        @Option(names = "--dry-run", description = "change nothing; list what would be retried and, for the first 100,"
                + " the rows each would write (its handler run in a transaction that is rolled back)")
        boolean dryRun;

        @Option(names = "--quarantined", description = "the QUARANTINED events instead: each is resolved again (after a"
                + " fix, or to see whether what it waits for has come)")
        boolean quarantined;

        @Option(names = {"-y", "--yes"}, description = "do not ask for confirmation")
        boolean yes;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            AdminClient client = connection.client();
            if (webhookId != null) {
                Retry.retry(out, client, webhookId, false, dryRun, connection.json);
                return;
            }
            JsonObject plan = (JsonObject) client.post("api/admin/webhooks/retry-failed"
                    + query("provider", provider, "type", type, "status", quarantined ? "quarantined" : null, "dryRun", "true"));
            List<Long> ids = new ArrayList<>();
            plan.getJsonArray("ids").forEach(id -> ids.add(Long.parseLong(id.toString())));
            if (dryRun) {
                if (connection.json) {
                    Output.json(out, plan);
                    return;
                }
                for (JsonValue value : plan.getJsonArray("events")) {
                    JsonObject event = value.asJsonObject();
                    out.println(Output.text(event, "id") + "  " + Output.text(event, "provider") + " "
                            + Output.text(event, "type") + "  last error: " + Output.shorten(Output.text(event, "lastError"), 70));
                    Effects.print(out, event.getJsonObject("effects"), "    ");
                }
                out.println("Dry run: " + ids.size() + " " + which() + " event(s) would be retried; nothing was changed.");
                return;
            }
            if (ids.size() > ASK_ABOVE && !yes && !confirmed(ids.size())) {
                throw new CliFailure(Billhook.REFUSED, "not confirmed; nothing was retried (use --yes to skip the question)");
            }
            int requeued = 0;
            List<String> refused = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                try {
                    client.post("api/admin/webhooks/" + ids.get(i) + "/retry");
                    requeued++;
                } catch (CliFailure e) {
                    if (e.exitCode() == Billhook.UNREACHABLE) {
                        throw e;
                    }
                    refused.add(ids.get(i) + ": " + e.getMessage());
                }
                if (!connection.json) {
                    progress(spec.commandLine().getErr(), i + 1, ids.size());
                }
            }
            if (connection.json) {
                Output.json(out, Json.createObjectBuilder().add("dryRun", false).add("matched", ids.size())
                        .add("requeued", requeued).add("refused", Json.createArrayBuilder(refused)).build());
            } else {
                refused.forEach(line -> out.println("refused " + line));
                out.println("Retried " + requeued + " of " + ids.size() + " " + which() + " event(s)"
                        + (refused.isEmpty() ? "." : "; " + refused.size() + " refused."));
            }
            if (!refused.isEmpty()) {
                throw new CliFailure(Billhook.REFUSED, refused.size() + " event(s) could not be retried");
            }
        }

        private String which() {
            return quarantined ? "quarantined" : "failed";
        }

        private boolean confirmed(int count) {
            Console console = System.console();
            if (console == null) {
                return false;
            }
            String answer = console.readLine("Retry %d failed events? [y/N] ", count);
            return answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
        }

        private static void progress(PrintWriter err, int done, int total) {
            int width = 30;
            int filled = total == 0 ? width : done * width / total;
            err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total);
            if (done == total) {
                err.println();
            }
            err.flush();
        }
    }
}
