package io.billhook.cli;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** The admin REST API over HTTP(S), with HTTP Basic; every failure becomes a one-line {@link CliFailure}. */
public class AdminClient {

    private final URI base;
    private final String authorization;
    private final HttpClient http;

    AdminClient(String base, String username, String password, boolean insecure) {
        try {
            this.base = URI.create(base.endsWith("/") ? base : base + "/");
        } catch (IllegalArgumentException e) {
            throw new CliFailure(Billhook.USAGE, "not a URL: " + base);
        }
        this.authorization = username == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (insecure) {
            builder.sslContext(trustingEveryCertificate());
        }
        this.http = builder.build();
    }

    public JsonStructure get(String path) {
        return send(HttpRequest.newBuilder(resolve(path)).GET());
    }

    public JsonStructure post(String path) {
        return send(HttpRequest.newBuilder(resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private URI resolve(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    private JsonStructure send(HttpRequest.Builder request) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        request.header("Accept", "application/json").timeout(Duration.ofSeconds(30));
        HttpResponse<String> response;
        HttpRequest built = request.build();
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new CliFailure(Billhook.UNREACHABLE, "cannot connect to " + base + " (" + e.getClass().getSimpleName() + ")");
        } catch (IOException e) {
            throw new CliFailure(Billhook.UNREACHABLE, "cannot talk to " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(Billhook.REFUSED, "interrupted");
        }
        int status = response.statusCode();
        if (status == 401) {
            throw new CliFailure(Billhook.UNREACHABLE, "authentication failed at " + base
                    + " (check --username/--password, BILLHOOK_USERNAME/BILLHOOK_PASSWORD or the config file)");
        }
        if (status >= 400) {
            throw new CliFailure(Billhook.REFUSED, "the server answered " + status + ": " + detail(response.body()));
        }
        if (response.body().isBlank()) {
            return Json.createObjectBuilder().build();
        }
        return parse(response.body());
    }

    private static String detail(String body) {
        try {
            JsonStructure problem = parse(body);
            if (problem instanceof JsonObject object) {
                return object.getString("detail", object.getString("title", body));
            }
        } catch (CliFailure notJson) {
            // fall through to the body itself
        }
        return body.length() > 200 ? body.substring(0, 200) : body;
    }

    private static JsonStructure parse(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.read();
        } catch (JsonParsingException e) {
            throw new CliFailure(Billhook.REFUSED, "the server's answer is not JSON");
        }
    }

    private static SSLContext trustingEveryCertificate() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
