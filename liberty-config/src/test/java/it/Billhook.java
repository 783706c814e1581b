package it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The started server seen from outside: signed HTTP deliveries, and its database for checking effects. */
final class Billhook {

    static final URI BASE = URI.create(System.getProperty("billhook.url", "http://localhost:9180"));
    static final String SECRET = System.getProperty("billhook.stripe.secret", "whsec_system_test_secret");
    static final Path EVENTS = Path.of(System.getProperty("billhook.stripe.events", "../../shared/stripe-events"));
    static final Duration DEADLINE = Duration.ofSeconds(60);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static {
        awaitReady();
    }

    private Billhook() {
    }

    /** The server says it is started before the application has migrated its schema: wait for readiness. */
    private static void awaitReady() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(BASE.resolve("/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("the server at " + BASE + " did not become ready within 120 s");
    }

    static List<Path> corpus() {
        try (Stream<Path> files = Files.list(EVENTS)) {
            List<Path> events = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertTrue(events.size() >= 50, "the Stripe event corpus is missing at " + EVENTS.toAbsolutePath());
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException("the Stripe event corpus is missing at " + EVENTS.toAbsolutePath(), e);
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same event under a new id, so a test owns it whatever ran before. */
    static byte[] withFreshId(byte[] event, String eventId) {
        String json = new String(event, StandardCharsets.UTF_8);
        JsonObject parsed = Json.createReader(new StringReader(json)).readObject();
        String oldId = parsed.getString("id");
        return json.replaceFirst("\"id\": \"" + oldId + "\"", "\"id\": \"" + eventId + "\"")
                .replaceFirst("\"id\":\"" + oldId + "\"", "\"id\":\"" + eventId + "\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A corpus event about a customer, subscription and invoice of the test's own (null: the corpus's invoice): the
     * corpus's own belong to companies the tests before have made, with their billing periods.
     */
    static String corpusAbout(String file, String customer, String subscription, String invoice) {
        String json = new String(read(EVENTS.resolve(file)), StandardCharsets.UTF_8)
                .replace("cus_i9PZ4egX3JwKQY", customer).replace("sub_1gQFL22eC3uLkQFzhGzv7FFZ", subscription);
        return invoice == null ? json : json.replace("in_1L91RT2eC3uLkQFz7HU5Jp56", invoice);
    }

    /** The sum of the application metric's series that carry every label given ({@code state="grace"}); 0 without one. */
    static double metric(String name, String... labels) {
        return get("/metrics?scope=application").body().lines()
                .filter(line -> line.startsWith(name + "{") && Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    static String freshEventId() {
        return "evt_it_" + UUID.randomUUID().toString().replace("-", "");
    }

    static String eventId(byte[] event) {
        return Json.createReader(new StringReader(new String(event, StandardCharsets.UTF_8))).readObject().getString("id");
    }

    /** Stripe's scheme: HMAC-SHA256 of {@code <t>.<body>}, as {@code t=<s>,v1=<hex>}. */
    static String signature(byte[] body, long timestamp, String secret) {
        return "t=" + timestamp + ",v1=" + hmac(secret, (timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
    }

    /** HMAC-SHA256 under {@code key} of the parts one after the other, in hex: all three providers' schemes. */
    static String hmac(String key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    static String signature(byte[] body) {
        return signature(body, Instant.now().getEpochSecond(), SECRET);
    }

    static final String RETELL_KEY = System.getProperty("billhook.retell.key", "retell_system_test_key");
    static final String CALCOM_SECRET = System.getProperty("billhook.calcom.secret", "calcom_system_test_secret");

    /** Retell's scheme: HMAC-SHA256 of body + decimal ms timestamp, as {@code v=<ms>,d=<hex>}. */
    static String retellSignature(byte[] body, long millis, String key) {
        return "v=" + millis + ",d=" + hmac(key, body, Long.toString(millis).getBytes(StandardCharsets.US_ASCII));
    }

    /** Cal.com's scheme: HMAC-SHA256 of the body, in hex. */
    static String calcomSignature(byte[] body, String secret) {
        return hmac(secret, body);
    }

    /** A POST of raw bytes to {@code path} with the given headers. */
    static HttpResponse<String> post(String path, byte[] body, java.util.Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(BASE.resolve(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::setHeader);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> postRetell(byte[] body) {
        return post("/webhooks/retell", body, java.util.Map.of("x-retell-signature",
                retellSignature(body, System.currentTimeMillis(), RETELL_KEY)));
    }

    static HttpResponse<String> postCalcom(byte[] body) {
        return post("/webhooks/calcom", body, java.util.Map.of("X-Cal-Signature-256", calcomSignature(body, CALCOM_SECRET)));
    }

    static String statusOf(String provider, String providerEventId) {
        return queryString("SELECT status FROM webhook_event WHERE provider = ? AND provider_event_id = ?", provider, providerEventId);
    }

    static HttpResponse<String> postStripe(byte[] body) {
        return postStripe(body, signature(body), "application/json");
    }

    static HttpResponse<String> postStripe(byte[] body, String signatureHeader, String contentType) {
        return postStripe(body, signatureHeader, contentType, java.util.Map.of());
    }

    static HttpResponse<String> postStripe(byte[] body, String signatureHeader, String contentType,
                                           java.util.Map<String, String> headers) {
        return postStripe(BASE, body, signatureHeader, contentType, headers);
    }

    /** A signed delivery to the server at {@code base} (another node than the one under test). */
    static HttpResponse<String> postStripe(URI base, byte[] body) {
        return postStripe(base, body, signature(body), "application/json", java.util.Map.of());
    }

    private static HttpResponse<String> postStripe(URI base, byte[] body, String signatureHeader, String contentType,
                                                   java.util.Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/webhooks/stripe"))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signatureHeader != null) {
            request.header("Stripe-Signature", signatureHeader);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static final String OPERATOR = System.getProperty("billhook.admin.username", "it-operator") + ":"
            + System.getProperty("billhook.admin.password", "it-operator-password");
    static final String VIEWER = System.getProperty("billhook.viewer.username", "it-viewer") + ":"
            + System.getProperty("billhook.viewer.password", "it-viewer-password");

    /** A GET; the admin API's paths as the viewer. */
    static HttpResponse<String> get(String path) {
        return send("GET", path, path.startsWith("/api/admin") ? VIEWER : null);
    }

    /** A request as {@code user} ("name:password"), or without credentials when null. */
    static HttpResponse<String> send(String method, String path, String user) {
        return send(method, path, user, null);
    }

    /** A request with a JSON body as {@code user}. */
    static HttpResponse<String> send(String method, String path, String user, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(BASE.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (!"GET".equals(method)) {
            request.header("X-Requested-By", "billhook-system-tests");
        }
        if (user != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    static Connection database() throws SQLException {
        return DriverManager.getConnection(System.getProperty("billhook.db.url"),
                System.getProperty("billhook.db.user", "postgres"), System.getenv().getOrDefault("BILLHOOK_TEST_DB_PASSWORD", ""));
    }

    /** The status of a Stripe event. */
    static String status(String eventId) {
        return statusOf("stripe", eventId);
    }

    static long count(String sql, Object... parameters) {
        try (Connection db = database(); PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String queryString(String sql, Object... parameters) {
        try (Connection db = database(); PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static int execute(String sql, Object... parameters) {
        try (Connection db = database(); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(String what, BooleanSupplier condition) {
        await(what, condition, DEADLINE.toSeconds());
    }

    static void await(String what, BooleanSupplier condition, long seconds) {
        Duration limit = Duration.ofSeconds(seconds);
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                fail("not within " + limit.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for " + what);
            }
        }
    }

    static boolean finished(String eventId) {
        String status = status(eventId);
        return "PROCESSED".equals(status) || "IGNORED".equals(status) || "FAILED".equals(status)
                || "QUARANTINED".equals(status);
    }

    /** For tests that look at the server's own, self-signed certificate. */
    static javax.net.ssl.SSLContext trustingEveryCertificate() {
        try {
            javax.net.ssl.SSLContext trustAll = javax.net.ssl.SSLContext.getInstance("TLS");
            trustAll.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
                public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
                }

                public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
                }

                public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                    return new java.security.cert.X509Certificate[0];
                }
            }}, null);
            return trustAll;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
