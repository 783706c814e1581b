package io.billhook.schema.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of a step that runs outside the server, found where the server finds its own: the environment first,
 * then a file named after the setting in one of the directories of VARIABLE_SOURCE_DIRS (Liberty's variable
 * source directories, where a Kubernetes Secret is mounted), its content with the trailing line break dropped.
 */
public record StepSettings(Map<String, String> environment, List<Path> variableDirectories) {

    public static StepSettings fromEnvironment() {
        Map<String, String> environment = System.getenv();
        List<Path> directories = Optional.ofNullable(environment.get("VARIABLE_SOURCE_DIRS")).stream()
                .flatMap(dirs -> Arrays.stream(dirs.split("[:;]")))
                .filter(dir -> !dir.isBlank())
                .map(Path::of)
                .toList();
        return new StepSettings(environment, directories);
    }

    public Optional<String> value(String name) {
        String set = environment.get(name);
        if (set != null && !set.isEmpty()) {
            return Optional.of(set);
        }
        return variableDirectories.stream()
                .map(dir -> dir.resolve(name))
                .filter(Files::isRegularFile)
                .findFirst()
                .map(StepSettings::read);
    }

    public String required(String name) {
        return value(name).orElseThrow(() -> new IllegalArgumentException(name + " is not set"));
    }

    private static String read(Path file) {
        try {
            String content = Files.readString(file);
            return content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                    : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
