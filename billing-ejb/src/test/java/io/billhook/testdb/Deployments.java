package io.billhook.testdb;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.Gson;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.stripe.Stripe;
import io.billhook.processing.boundary.WebhookEventConsumer;
import java.io.File;
import java.net.URISyntaxException;
import org.flywaydb.core.Flyway;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The billing module as an Arquillian deployment, with every migration, and without the queue consumer:
 * a test decides itself when and in which order events are processed.
 */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive billingWithoutConsumer(String name) {
        return ShrinkWrap.create(WebArchive.class, name)
                .addPackages(true, "io.billhook")
                .deleteClass(WebhookEventConsumer.class)
                .deleteClass(TestDatabase.class)
                // tests over the compiled classes, not for the server
                .deleteClass("io.billhook.ArchitectureTest")
                .deleteClass("io.billhook.PackageMapTest")
                .deleteClass("io.billhook.handling.control.EventCatalogueTest")
                .deleteClass("io.billhook.schema.boundary.QuarantineKeyMigrationIT")
                .deleteClass("io.billhook.schema.boundary.UpgradeMigrationIT")
                .addAsResource("META-INF/persistence.xml")
                .addAsResource("META-INF/services/org.eclipse.microprofile.config.spi.Converter")
                .addAsResource(new File("src/main/resources/db"), "db")
                .addAsWebInfResource("META-INF/beans.xml", "beans.xml")
                .addAsLibraries(jarOf(Stripe.class), jarOf(Gson.class), jarOf(Flyway.class), jarOf(PhoneNumberUtil.class),
                        jarOf(PostgreSQLConfigurationExtension.class), jarOf(ObjectMapper.class), jarOf(JsonFactory.class),
                        jarOf(JsonAutoDetect.class));
    }

    private static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
