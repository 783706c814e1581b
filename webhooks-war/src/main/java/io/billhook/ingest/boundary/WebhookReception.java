package io.billhook.ingest.boundary;

import io.billhook.handling.entity.Provider;
import io.billhook.inbox.boundary.Inbox;
import io.billhook.inbox.entity.InboxUnavailable;
import io.billhook.inbox.entity.IncomingEvent;
import io.billhook.inbox.entity.Receipt;
import io.billhook.ingest.control.CorrelationId;
import io.billhook.ingest.control.RawBody;
import io.billhook.ingest.control.WebhookRejected;
import io.billhook.ingest.control.WebhookVerifier;
import io.billhook.ingest.control.WebhookVerifier.Verified;
import io.billhook.rejections.boundary.Rejections;
import io.billhook.rejections.entity.Rejection;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one path every provider's webhook takes: raw bytes (JSON, bounded), the provider's own check and
 * reading, a durable row, and only then 200. A refusal is counted (in memory, written in batches) and answered
 * as a problem; nothing that was not stored is ever acknowledged.
 */
@ApplicationScoped
public class WebhookReception {

    @Inject
    Inbox inbox;

    @Inject
    Rejections rejections;

    @Inject
    @ConfigProperty(name = "BILLHOOK_WEBHOOK_MAX_BYTES", defaultValue = "1048576")
    long maxBytes;

    @Inject
    @ConfigProperty(name = "BILLHOOK_WEBHOOK_BODY_DEADLINE", defaultValue = "10s")
    Duration bodyDeadline;

    @Inject
    @ConfigProperty(name = "BILLHOOK_WEBHOOK_SMALL_BODY_BYTES", defaultValue = "65536")
    long smallBody;

    @Inject
    @ConfigProperty(name = "BILLHOOK_WEBHOOK_MAX_LARGE_BODIES", defaultValue = "16")
    int maxLargeBodies;

    private Semaphore largeBodies;

    @PostConstruct
    void bound() {
        largeBodies = new Semaphore(maxLargeBodies);
    }

    public Response receive(Provider provider, WebhookVerifier verifier, String signatureHeader, HttpHeaders headers,
                            HttpServletRequest request, InputStream body) {
        String correlationId = (String) request.getAttribute(CorrelationId.PROPERTY);
        byte[] bytes = null;
        try {
            RawBody.requireJson(headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
            RawBody.requireIdentityEncoding(headers.getHeaderString("Content-Encoding"));
            bytes = readBounded(body, request.getContentLengthLong());
            Verified verified = verifier.verify(signatureHeader, bytes);
            Receipt receipt = inbox.store(new IncomingEvent(provider, verified.id(), verified.type(), verified.apiVersion(),
                    RawBody.utf8(bytes), correlationId));
            return Response.ok(new Acknowledgement(receipt.id(), receipt.duplicate())).build();
        } catch (WebhookRejected rejected) {
            long size = bytes != null ? bytes.length : Math.max(request.getContentLengthLong(), 0);
            rejections.record(Rejection.now(provider, rejected.reason(), rejected.status(), size, request.getRemoteAddr(),
                    correlationId));
            throw rejected;
        }
    }

    /**
     * Every body must arrive within the deadline. A large one (declared above {@link #smallBody} bytes, or of unknown
     * length) also needs one of {@link #maxLargeBodies} places: beyond them the sender is told to come back (503).
     * Slow or large senders, however many, then hold a bounded amount of memory before any signature is checked,
     * and the small bodies real events have are never kept waiting by them.
     */
    private byte[] readBounded(InputStream body, long declaredLength) {
        if (declaredLength >= 0 && declaredLength <= smallBody) {
            return RawBody.read(body, declaredLength, maxBytes, bodyDeadline);
        }
        if (!largeBodies.tryAcquire()) {
            throw new InboxUnavailable("too many large webhook bodies are being read at once");
        }
        try {
            return RawBody.read(body, declaredLength, maxBytes, bodyDeadline);
        } finally {
            largeBodies.release();
        }
    }

    public record Acknowledgement(long id, boolean duplicate) {
    }
}
