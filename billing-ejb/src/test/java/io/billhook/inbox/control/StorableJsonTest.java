package io.billhook.inbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StorableJsonTest {

    @Test
    void whatJsonbCannotHoldBecomesTheReplacementCharacter() {
        assertEquals("{\"note\":\"a\uFFFDb\",\"lone\":\"\uFFFD|\uFFFD\",\"\uFFFDname\":[\"x\uFFFD\"]}",
                StorableJson.of("{\"note\":\"a\\u0000b\",\"lone\":\"\\ud800|\\udc00\",\"\\u0000name\":[\"x\\ud83d\"]}"));
    }

    @Test
    void everythingElseStaysAsItWas() {
        assertEquals("{\"pair\":\"\uD83D\uDE00\",\"escaped\":\"\\\\u0000\",\"n\":1.5,\"t\":true,\"z\":null}",
                StorableJson.of("{\"pair\":\"\\ud83d\\ude00\",\"escaped\":\"\\\\u0000\",\"n\":1.5,\"t\":true,\"z\":null}"));
    }
}
