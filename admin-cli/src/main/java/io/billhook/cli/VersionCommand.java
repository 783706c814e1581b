package io.billhook.cli;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "version", mixinStandardHelpOptions = true,
        description = "The version of this client and of the server it talks to (and the server's Java).")
public class VersionCommand implements Runnable {

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        JsonObject server = (JsonObject) connection.client().get("api/admin/version");
        if (connection.json) {
            Output.json(out, Json.createObjectBuilder().add("client", Billhook.version()).add("server", server).build());
            return;
        }
        out.println("client " + Billhook.version());
        out.println("server " + Output.text(server, "version") + " (Java " + Output.text(server, "java") + ")");
    }
}
