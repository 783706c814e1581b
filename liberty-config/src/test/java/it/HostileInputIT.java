package it;

import static it.Billhook.post;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Forged and malformed requests across the three providers, and a seeded fuzz run of random bodies and
 * headers: none is accepted, none is answered with a 5xx, every answer is a problem.
 */
class HostileInputIT {

    private record Attempt(String name, String path, byte[] body, Map<String, String> headers) {
    }

    /** Under an id of its own, so that nothing here can touch the corpus's own event ids. */
    private static final byte[] STRIPE = Billhook.withFreshId(Billhook.read(Billhook.EVENTS.resolve("invoice.paid.json")),
            Billhook.freshEventId());
    private static final byte[] RETELL = ProviderWebhooksIT.retellEvent("call_ended", "call_hostile", "inbound",
            "+15555550100", "+15555550101", 1000);
    private static final byte[] CALCOM = ProviderWebhooksIT.booking("BOOKING_CREATED", "uid-hostile", 1L, null);

    @Test
    void anUnknownPathSaysNothingOfTheRequestOrTheRuntime() throws Exception {
        String request = "GET /webhooks/nowhere?x=secret-looking HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n";
        String answer;
        try (java.net.Socket socket = new java.net.Socket(Billhook.BASE.getHost(), Billhook.BASE.getPort())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(answer.startsWith("HTTP/1.1 404"), answer);
        assertTrue(answer.contains("application/problem+json"), answer);
        for (String echoed : List.of("evil.example", "secret-looking", "RESTEASY", "nowhere")) {
            assertTrue(!answer.contains(echoed), "the 404 echoes " + echoed + ": " + answer);
        }
    }

    @Test
    void forgedAndMalformedRequestsAreAllRefusedWithoutA5xx() {
        List<Attempt> attempts = new ArrayList<>();
        long now = System.currentTimeMillis();
        byte[] tampered = new String(STRIPE, StandardCharsets.UTF_8).replace("19900", "1").getBytes(StandardCharsets.UTF_8);
        byte[] oversized = new byte[1_100_000];
        java.util.Arrays.fill(oversized, (byte) ' ');
        oversized[0] = '{';
        oversized[oversized.length - 1] = '}';
        byte[] nested = ("[".repeat(200_000) + "]".repeat(200_000)).getBytes(StandardCharsets.UTF_8);

        // Stripe
        String good = Billhook.signature(STRIPE);
        for (String header : List.of("", "t=1", "v1=abc", "t=abc,v1=" + "0".repeat(64), "t=" + now / 1000 + ",v1=xyz",
                "t=" + now / 1000 + ",v0=" + good.substring(good.indexOf("v1=") + 3), good.replace("t=", "t=9"),
                Billhook.signature(STRIPE, now / 1000 - 400, Billhook.SECRET), Billhook.signature(STRIPE, now / 1000 + 400, Billhook.SECRET),
                Billhook.signature(STRIPE, now / 1000, "whsec_wrong"))) {
            attempts.add(new Attempt("stripe header " + header, "/webhooks/stripe", STRIPE, headers("Stripe-Signature", header)));
        }
        attempts.add(new Attempt("stripe tampered", "/webhooks/stripe", tampered, headers("Stripe-Signature", good)));
        attempts.add(new Attempt("stripe oversized", "/webhooks/stripe", oversized,
                headers("Stripe-Signature", Billhook.signature(oversized))));
        attempts.add(new Attempt("stripe nested", "/webhooks/stripe", nested, headers("Stripe-Signature", Billhook.signature(nested))));
        byte[] deepEvent = ("{\"id\":\"evt_deep\",\"object\":\"event\",\"type\":\"invoice.paid\",\"data\":"
                + "[".repeat(100_000) + "]".repeat(100_000) + "}").getBytes(StandardCharsets.UTF_8);
        attempts.add(new Attempt("stripe event nested deep inside", "/webhooks/stripe", deepEvent,
                headers("Stripe-Signature", Billhook.signature(deepEvent))));
        attempts.add(new Attempt("stripe no signature", "/webhooks/stripe", STRIPE, Map.of()));
        attempts.add(new Attempt("stripe wrong type", "/webhooks/stripe", STRIPE,
                Map.of("Stripe-Signature", Billhook.signature(STRIPE), "Content-Type", "text/plain")));
        attempts.add(new Attempt("stripe empty", "/webhooks/stripe", new byte[0], headers("Stripe-Signature", Billhook.signature(new byte[0]))));

        // Retell
        String retellGood = Billhook.retellSignature(RETELL, now, Billhook.RETELL_KEY);
        for (String header : List.of("", "v=1", "d=" + "0".repeat(64), "v=abc,d=" + "0".repeat(64), "v=" + now + ",d=zz",
                Billhook.retellSignature(RETELL, now - 400_000, Billhook.RETELL_KEY),
                Billhook.retellSignature(RETELL, now + 400_000, Billhook.RETELL_KEY),
                Billhook.retellSignature(RETELL, now, "wrong-key"), retellGood.replace("v=", "v=1"),
                "v=" + now + ",d=" + "0".repeat(64))) {
            attempts.add(new Attempt("retell header " + header, "/webhooks/retell", RETELL, headers("x-retell-signature", header)));
        }
        byte[] retellTampered = new String(RETELL, StandardCharsets.UTF_8).replace("call_hostile", "call_hostil3").getBytes(StandardCharsets.UTF_8);
        attempts.add(new Attempt("retell tampered", "/webhooks/retell", retellTampered, headers("x-retell-signature", retellGood)));
        attempts.add(new Attempt("retell oversized", "/webhooks/retell", oversized,
                headers("x-retell-signature", Billhook.retellSignature(oversized, now, Billhook.RETELL_KEY))));
        attempts.add(new Attempt("retell nested", "/webhooks/retell", nested,
                headers("x-retell-signature", Billhook.retellSignature(nested, now, Billhook.RETELL_KEY))));
        attempts.add(new Attempt("retell wrong type", "/webhooks/retell", RETELL,
                Map.of("x-retell-signature", retellGood, "Content-Type", "application/xml")));

        // Cal.com
        for (String header : List.of("", "no-secret-provided", "sha256=" + "0".repeat(64), "0".repeat(63), "0".repeat(64),
                Billhook.calcomSignature(CALCOM, "wrong"), Billhook.calcomSignature(CALCOM, Billhook.CALCOM_SECRET).substring(1) + "0")) {
            attempts.add(new Attempt("calcom header " + header, "/webhooks/calcom", CALCOM, headers("X-Cal-Signature-256", header)));
        }
        byte[] calcomTampered = new String(CALCOM, StandardCharsets.UTF_8).replace("Demo", "Free").getBytes(StandardCharsets.UTF_8);
        attempts.add(new Attempt("calcom tampered", "/webhooks/calcom", calcomTampered,
                headers("X-Cal-Signature-256", Billhook.calcomSignature(CALCOM, Billhook.CALCOM_SECRET))));
        attempts.add(new Attempt("calcom oversized", "/webhooks/calcom", oversized,
                headers("X-Cal-Signature-256", Billhook.calcomSignature(oversized, Billhook.CALCOM_SECRET))));
        attempts.add(new Attempt("calcom nested", "/webhooks/calcom", nested,
                headers("X-Cal-Signature-256", Billhook.calcomSignature(nested, Billhook.CALCOM_SECRET))));
        attempts.add(new Attempt("calcom not an object", "/webhooks/calcom", "[1,2]".getBytes(StandardCharsets.UTF_8),
                headers("X-Cal-Signature-256", Billhook.calcomSignature("[1,2]".getBytes(StandardCharsets.UTF_8), Billhook.CALCOM_SECRET))));

        // every provider: bodies of other media types and empty bodies, correctly signed
        Map<String, byte[]> bodies = Map.of("/webhooks/stripe", STRIPE, "/webhooks/retell", RETELL, "/webhooks/calcom", CALCOM);
        for (Map.Entry<String, byte[]> provider : bodies.entrySet()) {
            // correctly signed, but compressed, or not UTF-8: refused at the door, never stored altered
            Map<String, String> compressed = new HashMap<>(signedHeaders(provider.getKey(), provider.getValue(), now));
            compressed.put("Content-Encoding", "gzip");
            attempts.add(new Attempt(provider.getKey() + " gzip", provider.getKey(), provider.getValue(), compressed));
            byte[] latin1 = new String(provider.getValue(), StandardCharsets.UTF_8).replaceFirst("\\{", "{\"x\":\"caf\u00e9\",")
                    .getBytes(StandardCharsets.ISO_8859_1);
            attempts.add(new Attempt(provider.getKey() + " not UTF-8", provider.getKey(), latin1,
                    signedHeaders(provider.getKey(), latin1, now)));
            for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                    "application/xml", "image/png")) {
                Map<String, String> signed = new HashMap<>(signedHeaders(provider.getKey(), provider.getValue(), now));
                signed.put("Content-Type", type);
                attempts.add(new Attempt(provider.getKey() + " as " + type, provider.getKey(), provider.getValue(), signed));
            }
            attempts.add(new Attempt(provider.getKey() + " empty", provider.getKey(), new byte[0],
                    signedHeaders(provider.getKey(), new byte[0], now)));
        }

        // unknown providers and paths
        for (String path : List.of("/webhooks/paypal", "/webhooks/", "/webhooks/stripe/extra", "/webhooks/STRIPE")) {
            attempts.add(new Attempt("path " + path, path, STRIPE, headers("Stripe-Signature", Billhook.signature(STRIPE))));
        }

        assertTrue(attempts.size() >= 60, attempts.size() + " attempts");
        for (Attempt attempt : attempts) {
            HttpResponse<String> response = post(attempt.path(), attempt.body(), attempt.headers());
            int status = response.statusCode();
            assertTrue(status >= 400 && status < 500, attempt.name() + " was answered " + status + ": " + response.body());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                    attempt.name() + ": " + response.headers().firstValue("Content-Type"));
        }
    }

    @Test
    void aSeededFuzzRunOfRandomBodiesAndHeadersIsNeverAcceptedNorA5xx() {
        Random random = new Random(20261127);
        String[] paths = {"/webhooks/stripe", "/webhooks/retell", "/webhooks/calcom"};
        String[] headerNames = {"Stripe-Signature", "x-retell-signature", "X-Cal-Signature-256"};
        for (int i = 0; i < 150; i++) {
            byte[] body = new byte[random.nextInt(2048)];
            random.nextBytes(body);
            if (i % 3 == 0) {
                body = mutate(STRIPE, random);
            }
            Map<String, String> headers = new HashMap<>();
            headers.put(headerNames[random.nextInt(3)], randomHeader(random));
            String path = paths[random.nextInt(3)];
            HttpResponse<String> response = post(path, body, headers);
            int status = response.statusCode();
            assertTrue(status >= 400 && status < 500, "fuzz " + i + " at " + path + " was answered " + status + ": " + response.body());
        }
    }

    private static Map<String, String> signedHeaders(String path, byte[] body, long now) {
        return switch (path) {
            case "/webhooks/stripe" -> Map.of("Stripe-Signature", Billhook.signature(body));
            case "/webhooks/retell" -> Map.of("x-retell-signature", Billhook.retellSignature(body, now, Billhook.RETELL_KEY));
            default -> Map.of("X-Cal-Signature-256", Billhook.calcomSignature(body, Billhook.CALCOM_SECRET));
        };
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] copy = original.clone();
        for (int n = 0; n < 5; n++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private static String randomHeader(Random random) {
        StringBuilder header = new StringBuilder();
        String alphabet = "tv01=,dabcdef0123456789xyz-_ ";
        for (int n = random.nextInt(120); n > 0; n--) {
            header.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return header.toString().strip().isEmpty() ? "x" : header.toString().strip();
    }

    private static Map<String, String> headers(String name, String value) {
        return value.isEmpty() ? Map.of() : Map.of(name, value);
    }
}
