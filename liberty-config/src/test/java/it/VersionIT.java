package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The version the server reports is the build's, and the build-info gauge carries it. */
class VersionIT {

    private static final String BUILD = System.getProperty("billhook.version");

    @Test
    void theServerReportsTheVersionItWasBuiltAs() {
        JsonObject version = Billhook.json(Billhook.get("/api/admin/version"));
        assertEquals(BUILD, version.getString("version"));
        assertEquals(Runtime.version().feature(), Runtime.Version.parse(version.getString("java")).feature(),
                "the server runs on the Java the tests run on");
    }

    @Test
    void theVersionNeedsCredentials() {
        assertEquals(401, Billhook.send("GET", "/api/admin/version", null).statusCode());
    }

    @Test
    void theBuildInfoGaugeCarriesTheVersion() {
        String metrics = Billhook.get("/metrics?scope=application").body();
        Pattern line = Pattern.compile("^billhook_build_info\\{[^}]*version=\"" + Pattern.quote(BUILD) + "\"[^}]*\\} 1(\\.0)?$",
                Pattern.MULTILINE);
        assertTrue(line.matcher(metrics).find(),
                () -> "no billhook_build_info line with version " + BUILD + " in\n" + metrics.lines()
                        .filter(text -> text.contains("build_info")).toList());
    }
}
