package io.billhook.cli;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints what a dry run found processing would do: the verdict, then each row it would write, field by field. */
final class Effects {

    private Effects() {
    }

    static void print(PrintWriter out, JsonObject effects, String indent) {
        if (effects == null) {
            out.println(indent + "(not run through its handler: only the first events of a dry run are)");
            return;
        }
        String verdict = Output.text(effects, "verdict");
        String detail = Output.text(effects, "detail");
        int rows = effects.getJsonArray("changes").size();
        out.println(indent + switch (verdict) {
            case "APPLY" -> rows == 0 ? "would apply, changing nothing: the state already holds what it says"
                    : "would apply, writing " + rows + " row(s):";
            case "IGNORE" -> "would be ignored: " + detail;
            case "FAIL" -> "would fail again: " + detail;
            case "QUARANTINE" -> "would be quarantined: " + detail;
            case "FETCH_FIRST" -> detail + "; a dry run does not, so what it would change then is not shown";
            default -> verdict.toLowerCase(Locale.ROOT) + (detail.isEmpty() ? "" : ": " + detail);
        });
        for (JsonValue value : effects.getJsonArray("changes")) {
            JsonObject row = value.asJsonObject();
            boolean insert = "INSERT".equals(Output.text(row, "operation"));
            out.println(indent + "  " + Output.text(row, "operation") + " " + Output.text(row, "table") + " ("
                    + Output.text(row, "key") + ")");
            for (JsonValue fieldValue : row.getJsonArray("fields")) {
                JsonObject field = fieldValue.asJsonObject();
                out.printf("%s      %-28s %s%n", indent, Output.text(field, "field"), insert ? Output.text(field, "after")
                        : Output.text(field, "before") + " -> " + Output.text(field, "after"));
            }
        }
    }
}
