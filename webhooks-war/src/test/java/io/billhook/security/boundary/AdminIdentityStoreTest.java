package io.billhook.security.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AdminIdentityStoreTest {

    @Test
    void withHttpsRequiredPlainHttpCredentialsAreRefusedButFromThisMachine() {
        assertTrue(AdminIdentityStore.refusedOverPlainHttp(true, false, "10.1.2.3"));
        assertTrue(AdminIdentityStore.refusedOverPlainHttp(true, false, "2001:db8::1"));
        assertFalse(AdminIdentityStore.refusedOverPlainHttp(true, false, "127.0.0.1"));
        assertFalse(AdminIdentityStore.refusedOverPlainHttp(true, false, "0:0:0:0:0:0:0:1"));
        assertFalse(AdminIdentityStore.refusedOverPlainHttp(true, true, "10.1.2.3"), "over HTTPS");
        assertFalse(AdminIdentityStore.refusedOverPlainHttp(false, false, "10.1.2.3"), "not required");
    }
}
