package io.billhook.retention.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PersonalDataTest {

    @Test
    void aStripeCustomerKeepsItsIdsAndLosesWhoItIs() {
        String masked = PersonalData.masked("""
                {"id":"evt_1","type":"customer.updated","data":{"object":{"id":"cus_1","object":"customer",
                 "email":"ann@example.com","name":"Ann Lee","phone":"+4930123456","balance":0,
                 "address":{"city":"Berlin","line1":"Unter den Linden 1"},"metadata":{"billhook_company_id":"42"},
                 "invoice_settings":{"default_payment_method":null}}}}""");
        assertEquals("""
                {"id":"evt_1","type":"customer.updated","data":{"object":{"id":"cus_1","object":"customer",\
                "email":"[redacted]","name":"[redacted]","phone":"[redacted]","balance":0,"address":"[redacted]",\
                "metadata":{"billhook_company_id":"42"},"invoice_settings":{"default_payment_method":null}}}}""", masked);
    }

    @Test
    void namesInListsAndEveryKindOfEmailAndPhoneFieldAreMasked() {
        String masked = PersonalData.masked("""
                {"payload":{"attendees":[{"name":"Bo","email":"bo@example.com"}],"receipt_email":"x@example.com",
                 "customerPhoneNumber":"+1555","from_number":"+4930","call_id":"call_1","amount":4900,
                 "billing_details":{"name":"Bo"},"lines":{"data":[{"customer_email":"y@example.com","amount":10}]}}}""");
        assertFalse(masked.contains("example.com") || masked.contains("Bo") || masked.contains("+1555")
                || masked.contains("+4930"), masked);
        assertTrue(masked.contains("\"call_id\":\"call_1\"") && masked.contains("\"amount\":4900")
                && masked.contains("\"amount\":10"), masked);
    }

    @Test
    void aFieldThatIsNullStaysNull() {
        assertEquals("{\"email\":null,\"name\":\"[redacted]\"}", PersonalData.masked("{\"email\":null,\"name\":\"A\"}"));
    }
}
