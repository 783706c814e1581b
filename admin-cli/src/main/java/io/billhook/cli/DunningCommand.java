package io.billhook.cli;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "dunning", mixinStandardHelpOptions = true,
        description = "Failed payments: the open dunning cases, pausing a company's, and the policy.",
        subcommands = {DunningCommand.ListCases.class, DunningCommand.Pause.class, DunningCommand.Resume.class,
                DunningCommand.PolicyCommand.class})
public class DunningCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CliFailure(Billhook.USAGE, "a dunning command is needed");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The open cases, most money first, with the revenue at risk and what was recovered in 30 days.")
    static class ListCases implements Runnable {

        @Mixin
        ConnectionOptions connection;

        @Option(names = "--state", description = "grace, warning, restricted, suspended or final")
        String state;

        @Option(names = "--limit", defaultValue = "50", description = "cases per page (default: ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--cursor", description = "the next page: the cursor the page before printed")
        String cursor;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            JsonObject list = (JsonObject) connection.client().get("api/admin/dunning" + WebhooksCommand.query("state", state,
                    "limit", Integer.toString(limit), "cursor", cursor));
            if (connection.json) {
                Output.json(out, list);
                return;
            }
            out.println("Revenue at risk: " + list.getJsonObject("revenueAtRisk") + "; recovered in 30 days: "
                    + list.getJsonObject("recoveredLast30Days") + ", recovery rate " + Output.text(list, "recoveryRateLast30Days"));
            CompaniesCommand.Billing.section(out, "Open cases", list.getJsonArray("items"), "companyId", "invoice",
                    "amountDue", "currency", "openedAt", "step", "paused");
            if (list.containsKey("nextCursor") && !list.isNull("nextCursor")) {
                out.println("more: --cursor " + list.getString("nextCursor"));
            }
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Pause a company's open cases (operator): nothing escalates until resume or --until, and then"
                    + " their steps come as much later.")
    static class Pause implements Runnable {

        @Mixin
        ConnectionOptions connection;

        @Parameters(paramLabel = "COMPANY", description = "the company id")
        long company;

        @Option(names = "--until", paramLabel = "WHEN",
                description = "a date (2026-12-31: through that day, UTC) or an ISO-8601 instant; default: until resumed")
        String until;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            JsonObject dunning = (JsonObject) connection.client().post("api/admin/companies/" + company + "/dunning/pause"
                    + (until == null ? "" : "?until=" + URLEncoder.encode(until, StandardCharsets.UTF_8)));
            print(spec.commandLine().getOut(), connection, dunning, "paused");
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a company's paused cases (operator).")
    static class Resume implements Runnable {

        @Mixin
        ConnectionOptions connection;

        @Parameters(paramLabel = "COMPANY", description = "the company id")
        long company;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            JsonObject dunning = (JsonObject) connection.client().post("api/admin/companies/" + company + "/dunning/resume");
            print(spec.commandLine().getOut(), connection, dunning, "resumed");
        }
    }

    private static void print(PrintWriter out, ConnectionOptions connection, JsonObject dunning, String done) {
        if (connection.json) {
            Output.json(out, dunning);
            return;
        }
        long paused = dunning.getJsonArray("openCases").stream().filter(c -> c.asJsonObject().getBoolean("paused")).count();
        out.println("Company " + Output.text(dunning, "companyId") + " " + done + ": " + dunning.getJsonArray("openCases").size()
                + " open case(s), " + paused + " paused; " + Output.text(dunning, "state") + ", access "
                + Output.text(dunning, "access"));
    }

    @Command(name = "policy", mixinStandardHelpOptions = true,
            description = {"The dunning policy new cases start with, or with --validate FILE whether a policy document"
                    + " can be used (every reason it cannot, in one line; nothing is changed)."})
    static class PolicyCommand implements Runnable {

        @Mixin
        ConnectionOptions connection;

        @Option(names = "--validate", paramLabel = "FILE", description = "check this policy document")
        Path validate;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            if (validate == null) {
                Output.json(out, connection.client().get("api/admin/dunning/policy"));
                return;
            }
            String document;
            try {
                document = Files.readString(validate, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliFailure(Billhook.USAGE, validate + " cannot be read: " + e.getMessage());
            }
            JsonObject valid = (JsonObject) connection.client().post("api/admin/dunning/policy/validation", document);
            if (connection.json) {
                Output.json(out, valid);
            } else {
                out.println(validate + ": valid, version " + Output.text(valid, "version") + ", "
                        + Output.text(valid, "steps") + " steps");
            }
        }
    }
}
