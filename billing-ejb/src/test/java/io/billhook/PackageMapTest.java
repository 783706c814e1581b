package io.billhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package map of docs/architecture.md against the code of all three code modules, so the map cannot go
 * stale; no feature grows past ~15 % of the main code; and the status of a stored event changes in one place.
 */
class PackageMapTest {

    static final Path ROOT = Path.of("..");
    static final List<String> MODULES = List.of("billing-ejb", "webhooks-war", "admin-cli");
    static final Pattern MAPPED = Pattern.compile("^\\| `(io\\.billhook[a-z.]*)` \\|", Pattern.MULTILINE);
    static final double MAX_SHARE = 0.15;

    @Test
    void theArchitectureDocumentMapsEveryPackageAndNoOther() throws IOException {
        Matcher rows = MAPPED.matcher(Files.readString(ROOT.resolve("docs/architecture.md")));
        TreeSet<String> mapped = new TreeSet<>();
        while (rows.find()) {
            mapped.add(rows.group(1));
        }
        assertEquals(new TreeSet<>(linesByFeature().keySet()), mapped, "packages in the code vs. docs/architecture.md");
    }

    @Test
    void noFeatureHoldsMoreThanAboutFifteenPercentOfTheCode() {
        Map<String, Long> lines = linesByFeature();
        long total = lines.values().stream().mapToLong(Long::longValue).sum();
        lines.forEach((feature, count) -> assertTrue(count <= MAX_SHARE * total,
                feature + " holds " + count + " of " + total + " lines: it is two features"));
    }

    @Test
    void onlyTheEventRepositoryChangesStatusesInSql() {
        // retention's updates replace payloads (retention.control.Purge) and leave every status as it is
        List<Path> writers = mainSources()
                .filter(source -> read(source).matches("(?s).*UPDATE\\s+webhook_event\\s+SET\\s[^;\"]*\\bstatus\\s*=.*"))
                .map(source -> source.getFileName())
                .toList();
        assertEquals(List.of(Path.of("WebhookEvents.java")), writers);
    }

    /** Lines per feature: a package with its boundary, control and entity parts. */
    static Map<String, Long> linesByFeature() {
        return mainSources().collect(Collectors.groupingBy(PackageMapTest::feature, TreeMap::new,
                Collectors.summingLong(source -> read(source).lines().count())));
    }

    private static String feature(Path source) {
        String path = source.getParent().toString().replace('\\', '/');
        String pkg = path.substring(path.indexOf("/src/main/java/") + "/src/main/java/".length()).replace('/', '.');
        return pkg.replaceFirst("\\.(boundary|control|entity)$", "");
    }

    private static Stream<Path> mainSources() {
        return MODULES.stream().flatMap(module -> {
            try {
                return Files.walk(ROOT.resolve(module).resolve("src/main/java")).filter(p -> p.toString().endsWith(".java"))
                        .toList().stream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String read(Path source) {
        try {
            return Files.readString(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
