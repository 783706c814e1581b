package io.billhook.cli;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "companies", mixinStandardHelpOptions = true, description = "What billing knows about companies.",
        subcommands = {CompaniesCommand.Billing.class, CompaniesCommand.Dunning.class, CompaniesCommand.PhoneNumbers.class,
                CompaniesCommand.CalcomMappings.class})
public class CompaniesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CliFailure(Billhook.USAGE, "a companies command is needed");
    }

    @Command(name = "dunning", mixinStandardHelpOptions = true,
            description = "A company's dunning: its state and access, its unpaid invoices with their step, and what ran.")
    static class Dunning implements Runnable {

        @Mixin
        ConnectionOptions connection;

        @Parameters(paramLabel = "ID", description = "the company id")
        long id;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            JsonObject dunning = (JsonObject) connection.client().get("api/admin/companies/" + id + "/dunning");
            if (connection.json) {
                Output.json(out, dunning);
                return;
            }
            out.println("Company " + id + ": " + Output.text(dunning, "state") + ", access " + Output.text(dunning, "access"));
            Billing.section(out, "Open cases", dunning.getJsonArray("openCases"), "invoice", "amountDue", "currency",
                    "openedAt", "step", "state", "access", "nextStep", "nextStepAt", "pausedUntil");
            Billing.section(out, "Steps run", dunning.getJsonArray("history"), "invoice", "step", "state", "access",
                    "ranAt", "skipped");
            Billing.section(out, "Closed cases", dunning.getJsonArray("closed"), "invoice", "openedAt", "closedAt",
                    "reason");
        }
    }

    @Command(name = "billing", mixinStandardHelpOptions = true,
            description = "A company's subscriptions, billing periods, invoices and charges.")
    static class Billing implements Runnable {

        @Mixin
        ConnectionOptions connection;

        @Parameters(paramLabel = "ID", description = "the company id")
        long id;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            JsonObject billing = (JsonObject) connection.client().get("api/admin/companies/" + id + "/billing");
            if (connection.json) {
                Output.json(out, billing);
                return;
            }
            JsonObject company = billing.getJsonObject("company");
            out.println("Company " + Output.text(company, "id") + " " + Output.text(company, "name"));
            section(out, "Subscriptions", billing.getJsonArray("subscriptions"), "stripeSubscriptionId", "status",
                    "currentPeriodStart", "currentPeriodEnd", "cancelAtPeriodEnd", "canceledAt");
            section(out, "Billing periods", billing.getJsonArray("billingPeriods"), "periodStart", "periodEnd", "status",
                    "stripeInvoiceId");
            section(out, "Invoices", billing.getJsonArray("invoices"), "stripeInvoiceId", "number", "status", "amountDue",
                    "amountPaid", "currency", "attemptCount", "billingReason");
            section(out, "Charges", billing.getJsonArray("charges"), "stripeChargeId", "status", "amount", "amountRefunded",
                    "currency", "failureCode", "stripeInvoiceId");
            JsonObject usage = billing.getJsonObject("usage");
            out.println();
            out.println("Call usage: " + Output.text(usage, "reportedSeconds") + " s reported to Stripe, "
                    + Output.text(usage, "unreportedSeconds") + " s not yet");
            section(out, "Usage records", usage.getJsonArray("records"), "callId", "billableSeconds", "occurredAt",
                    "reportedAt", "lastReportError");
            section(out, "Bookings", billing.getJsonArray("bookings"), "uid", "status", "title", "startTime",
                    "attendeeName", "rescheduledTo");
            section(out, "Phone numbers", billing.getJsonArray("phoneNumbers"), "number", "label");
            section(out, "Cal.com mappings", billing.getJsonArray("calcomMappings"), "kind", "value");
        }

        static void section(PrintWriter out, String title, JsonArray rows, String... columns) {
            out.println();
            out.println(title + " (" + rows.size() + ")");
            if (rows.isEmpty()) {
                return;
            }
            Output.Table table = new Output.Table(columns);
            for (JsonValue value : rows) {
                JsonObject row = value.asJsonObject();
                String[] cells = new String[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    cells[i] = Output.text(row, columns[i]);
                }
                table.row(cells);
            }
            table.print(out);
        }
    }

    @Command(name = "phone-numbers", mixinStandardHelpOptions = true,
            description = "The numbers a company owns (Retell calls to or from them are its calls); --add and --remove need an operator.")
    static class PhoneNumbers implements Runnable {

        @Mixin
        ConnectionOptions connection;

        @Parameters(paramLabel = "ID", description = "the company id")
        long id;

        @Option(names = "--add", description = "a number in any common format, with its country code (+49 30 1234567)")
        String add;

        @Option(names = "--label", description = "what the number is for (with --add)")
        String label;

        @Option(names = "--remove", description = "a number to take from the company")
        String remove;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            manage(connection, spec, "api/admin/companies/" + id + "/phone-numbers",
                    add == null ? null : encode(add) + WebhooksCommand.query("label", label),
                    remove == null ? null : encode(remove), "Phone numbers of company " + id, "number", "label");
        }
    }

    @Command(name = "calcom-mappings", mixinStandardHelpOptions = true,
            description = "The Cal.com organizers, teams and event types mapped to a company; --add and --remove need an operator.")
    static class CalcomMappings implements Runnable {

        @Mixin
        ConnectionOptions connection;

        @Parameters(paramLabel = "ID", description = "the company id")
        long id;

        @Option(names = "--add", description = "KIND:VALUE, KIND one of organizer (an email), team, event_type (ids)")
        String add;

        @Option(names = "--remove", description = "KIND:VALUE to remove")
        String remove;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            manage(connection, spec, "api/admin/companies/" + id + "/calcom-mappings",
                    add == null ? null : kindAndValue(add), remove == null ? null : kindAndValue(remove),
                    "Cal.com mappings of company " + id, "kind", "value");
        }

        private static String kindAndValue(String option) {
            int colon = option.indexOf(':');
            if (colon <= 0 || colon == option.length() - 1) {
                throw new CliFailure(Billhook.USAGE, "expected KIND:VALUE (e.g. event_type:123), not '" + option + "'");
            }
            return encode(option.substring(0, colon)) + "/" + encode(option.substring(colon + 1));
        }
    }

    /** Lists what is mapped to a company, after adding ({@code PUT base/added}) or removing ({@code DELETE base/removed}). */
    static void manage(ConnectionOptions connection, CommandSpec spec, String base, String added, String removed,
                       String title, String... columns) {
        AdminClient client = connection.client();
        JsonArray rows = (JsonArray) (added != null ? client.put(base + "/" + added)
                : removed != null ? client.delete(base + "/" + removed) : client.get(base));
        PrintWriter out = spec.commandLine().getOut();
        if (connection.json) {
            Output.json(out, rows);
        } else {
            Billing.section(out, title, rows, columns);
        }
    }

    static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
