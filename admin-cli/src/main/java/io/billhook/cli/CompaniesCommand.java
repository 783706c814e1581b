package io.billhook.cli;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "companies", mixinStandardHelpOptions = true, description = "What billing knows about companies.",
        subcommands = CompaniesCommand.Billing.class)
public class CompaniesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CliFailure(Billhook.USAGE, "a companies command is needed");
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
        }

        private static void section(PrintWriter out, String title, JsonArray rows, String... columns) {
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
}
