package io.billhook;

import jakarta.json.spi.JsonProvider;

/**
 * JSON-P's provider, looked up once for every reader of payloads: {@code Json.createParser} and
 * {@code Json.createReader} ask the service loader for it again on every call.
 */
public final class Jsonp {

    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsonp() {
    }
}
