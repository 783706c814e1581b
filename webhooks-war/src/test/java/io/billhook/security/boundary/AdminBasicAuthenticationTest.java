package io.billhook.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AdminBasicAuthenticationTest {

    @Test
    void readsCallerAndPasswordOfABasicHeaderSplitAtTheFirstColon() {
        UsernamePasswordCredential credential = AdminBasicAuthentication.credential("Basic " + base64("ops:pa:ss wörd")).orElseThrow();
        assertEquals("ops", credential.getCaller());
        assertEquals("pa:ss wörd", credential.getPasswordAsString());
        assertEquals("ops", AdminBasicAuthentication.credential("basic " + base64("ops:x")).orElseThrow().getCaller(),
                "the scheme is case-insensitive");
    }

    @Test
    void anyOtherHeaderIsNoCredential() {
        assertTrue(AdminBasicAuthentication.credential(null).isEmpty());
        assertTrue(AdminBasicAuthentication.credential("Bearer abc").isEmpty());
        assertTrue(AdminBasicAuthentication.credential("Basic not*base64").isEmpty());
        assertTrue(AdminBasicAuthentication.credential("Basic " + base64("no colon")).isEmpty());
        assertTrue(AdminBasicAuthentication.credential("Basic").isEmpty());
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
