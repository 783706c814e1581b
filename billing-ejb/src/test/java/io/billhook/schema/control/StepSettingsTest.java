package io.billhook.schema.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepSettingsTest {

    @TempDir
    Path first;

    @TempDir
    Path second;

    @Test
    void theEnvironmentComesBeforeAFile() throws IOException {
        Files.writeString(first.resolve("BILLHOOK_DB_PASSWORD"), "from-file");
        var settings = new StepSettings(Map.of("BILLHOOK_DB_PASSWORD", "from-env"), List.of(first));
        assertEquals(Optional.of("from-env"), settings.value("BILLHOOK_DB_PASSWORD"));
    }

    @Test
    void aFileOfTheFirstDirectoryThatHasOneWithItsLineBreakDropped() throws IOException {
        Files.writeString(second.resolve("BILLHOOK_DB_PASSWORD"), "mounted secret \n");
        Files.writeString(second.resolve("BILLHOOK_DB_USER"), "ignored");
        Files.writeString(first.resolve("BILLHOOK_DB_USER"), "owner\r\n");
        var settings = new StepSettings(Map.of(), List.of(first, second));
        assertEquals(Optional.of("mounted secret "), settings.value("BILLHOOK_DB_PASSWORD"));
        assertEquals(Optional.of("owner"), settings.value("BILLHOOK_DB_USER"));
    }

    @Test
    void aMissingRequiredSettingIsNamed() {
        var settings = new StepSettings(Map.of("BILLHOOK_DB_URL", ""), List.of(first));
        var refused = assertThrows(IllegalArgumentException.class, () -> settings.required("BILLHOOK_DB_URL"));
        assertEquals("BILLHOOK_DB_URL is not set", refused.getMessage());
    }
}
