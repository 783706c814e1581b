package io.billhook.cli;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "catalogue", mixinStandardHelpOptions = true,
        description = "The event types that have an effect, with their lane, what they do and which class does it;"
                + " every other type is acknowledged and ignored.")
public class CatalogueCommand implements Runnable {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--provider", description = "stripe, retell or calcom; all when absent")
    String provider;

    @Option(names = "--wide", description = "also the handler's class")
    boolean wide;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        JsonArray entries = (JsonArray) connection.client().get("api/admin/catalogue"
                + WebhooksCommand.query("provider", provider));
        if (connection.json) {
            Output.json(out, entries);
            return;
        }
        Output.Table table = wide ? new Output.Table("PROVIDER", "TYPE", "LANE", "EFFECT", "HANDLER")
                : new Output.Table("PROVIDER", "TYPE", "LANE", "EFFECT");
        for (JsonValue value : entries) {
            JsonObject entry = value.asJsonObject();
            String effect = wide ? Output.text(entry, "effect") : Output.shorten(Output.text(entry, "effect"), 90);
            if (wide) {
                String handler = Output.text(entry, "handler");
                table.row(Output.text(entry, "provider"), Output.text(entry, "type"), Output.text(entry, "lane"), effect,
                        handler.substring(handler.lastIndexOf('.') + 1));
            } else {
                table.row(Output.text(entry, "provider"), Output.text(entry, "type"), Output.text(entry, "lane"), effect);
            }
        }
        table.print(out);
        out.println(entries.size() + " types");
    }
}
