package io.billhook.admin.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The version this server was built as, read from the build's own properties, and the gauge
 * {@code billhook_build_info{version=…} 1} that lets a dashboard tell the nodes of a rolling upgrade apart.
 */
@ApplicationScoped
public class BuildVersion {

    private final String version = read();

    @Inject
    MetricRegistry metrics;

    void registered(@Observes @Initialized(ApplicationScoped.class) Object started) {
        metrics.gauge(Metadata.builder().withName("billhook.build.info").withUnit(MetricUnits.NONE)
                        .withDescription("1, with the version of the running build as a tag").build(),
                () -> 1, new Tag("version", version));
    }

    public String version() {
        return version;
    }

    private static String read() {
        try (InputStream in = BuildVersion.class.getResourceAsStream("build.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
