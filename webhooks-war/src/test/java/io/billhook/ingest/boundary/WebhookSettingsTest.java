package io.billhook.ingest.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.billhook.handling.entity.Provider;
import io.billhook.inbox.entity.InboxUnavailable;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {

    @Test
    void anEndpointWithoutItsSecretIsUnavailableWithoutSayingWhichSecretIsMissing() {
        WebhookSettings settings = new WebhookSettings();
        settings.stripeSecrets = Optional.empty();
        settings.stripeTolerance = Duration.ofMinutes(5);
        settings.stripeThinSecrets = Optional.empty();
        settings.retellKeys = Optional.of("key_one");
        settings.retellTolerance = Duration.ofMinutes(5);
        settings.calcomSecrets = Optional.of(" ");
        settings.read();

        for (Provider provider : new Provider[] {Provider.STRIPE, Provider.CALCOM}) {
            String detail = assertThrows(InboxUnavailable.class, () -> settings.verifier(provider)).getMessage()
                    .toLowerCase(Locale.ROOT);
            assertEquals("this endpoint is not configured yet", detail);
            for (String inside : new String[] {"secret", "key", "stripe", "cal.com", "calcom"}) {
                assertTrue(!detail.contains(inside), detail);
            }
        }
        assertEquals("this endpoint is not configured yet",
                assertThrows(InboxUnavailable.class, settings::thinVerifier).getMessage(), "the thin events' path alike");
        assertTrue(settings.verifier(Provider.RETELL) != null, "a configured endpoint has its verifier");
    }
}
