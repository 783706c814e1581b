package io.billhook.ingest.control;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id that follows one delivery through responses, rows, messages, attempts and log lines. A caller's
 * own {@code X-Correlation-ID} is kept when it is a plain token; anything else (too long, spaces, markup,
 * line breaks that could forge log lines) is replaced by a new one.
 */
public final class CorrelationId {

    public static final String HEADER = "X-Correlation-ID";

    /** The request property (a servlet request attribute) that holds the request's correlation id. */
    public static final String PROPERTY = "io.billhook.correlationId";

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:\\-]{1,64}");

    private CorrelationId() {
    }

    public static String of(String offered) {
        return offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }
}
