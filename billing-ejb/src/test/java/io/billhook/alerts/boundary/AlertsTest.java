package io.billhook.alerts.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AlertsTest {

    @Test
    void aReceiverThatIsNoHttpUrlIsAClearErrorNamingTheSetting() {
        for (String bad : new String[] {"not a url", "hooks.example.com/x", "ftp://hooks.example.com/x", "https://"}) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Alerts.requireHttpUrl(bad), bad);
            assertTrue(refused.getMessage().startsWith("BILLHOOK_ALERT_WEBHOOK_URL must be an http(s) URL"), refused.getMessage());
        }
        assertEquals("hooks.example.com", Alerts.requireHttpUrl("https://hooks.example.com/services/T0/B0/x").getHost());
    }

    @Test
    void aConditionAlertsOncePerIntervalAndTheMemoryOfConditionsIsBounded() {
        Alerts alerts = new Alerts();
        alerts.interval = Duration.ofHours(1);
        assertTrue(alerts.due("event-failed:stripe:evt_1"));
        assertFalse(alerts.due("event-failed:stripe:evt_1"), "once per interval");
        for (int i = 0; i < 3 * Alerts.REMEMBERED_AT_MOST; i++) {
            assertTrue(alerts.due("event-failed:stripe:evt_storm_" + i), "a new condition alerts");
        }
        assertTrue(alerts.remembered() <= Alerts.REMEMBERED_AT_MOST, "remembered: " + alerts.remembered());
        assertFalse(alerts.due("event-failed:stripe:evt_1"), "what was remembered before the storm still is");
    }
}
