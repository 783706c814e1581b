package io.billhook.cli;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The admin REST API over HTTP(S), with HTTP Basic; every failure becomes a one-line {@link CliFailure}. */
public class AdminClient {

    private static final int TIMEOUT_MILLIS = 30_000;

    private final URI base;
    private final String authorization;
    private final boolean insecure;

    private final SSLContext trusted;

    AdminClient(String base, String username, String password, boolean insecure, Path cacert) {
        try {
            this.base = URI.create(base.endsWith("/") ? base : base + "/");
            this.base.toURL();
        } catch (IllegalArgumentException | java.net.MalformedURLException e) {
            throw new CliFailure(Billhook.USAGE, "not a URL: " + base);
        }
        this.authorization = username == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
        this.insecure = insecure;
        this.trusted = cacert == null ? null : trusting(cacert);
    }

    public JsonStructure get(String path) {
        return send("GET", path, null);
    }

    public JsonStructure post(String path) {
        return send("POST", path, null);
    }

    /** A POST whose body is {@code body}, as JSON. */
    public JsonStructure post(String path, JsonStructure body) {
        return send("POST", path, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A POST of a JSON document as it is written, valid JSON or not: the server says what is wrong with it. */
    public JsonStructure post(String path, String json) {
        return send("POST", path, json.getBytes(StandardCharsets.UTF_8));
    }

    public JsonStructure put(String path) {
        return send("PUT", path, null);
    }

    public JsonStructure delete(String path) {
        return send("DELETE", path, null);
    }

    /** HttpURLConnection rather than java.net.http: it starts in a fraction of the time, which a CLI feels. */
    private JsonStructure send(String method, String path, byte[] content) {
        HttpURLConnection connection = null;
        try {
            URL url = base.resolve(path.startsWith("/") ? path.substring(1) : path).toURL();
            connection = (HttpURLConnection) url.openConnection();
            if (insecure && connection instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(trustingEveryCertificate().getSocketFactory());
                https.setHostnameVerifier((host, session) -> true);
            } else if (trusted != null && connection instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(trusted.getSocketFactory());
            }
            connection.setRequestMethod(method);
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            connection.setRequestProperty("Accept", "application/json");
            // the admin API refuses changes without it: they could come from a cross-site page
            connection.setRequestProperty("X-Requested-By", "billhook-cli");
            if (authorization != null) {
                connection.setRequestProperty("Authorization", authorization);
            }
            if ("POST".equals(method) || "PUT".equals(method)) {
                byte[] sent = content == null ? new byte[0] : content;
                connection.setDoOutput(true);
                if (content != null) {
                    connection.setRequestProperty("Content-Type", "application/json");
                }
                connection.setFixedLengthStreamingMode(sent.length);
                try (var out = connection.getOutputStream()) {
                    out.write(sent);
                }
            }
            int status = connection.getResponseCode();
            String body = read(status >= 400 ? connection.getErrorStream() : connection.getInputStream());
            return answer(status, body);
        } catch (ConnectException | SocketTimeoutException e) {
            throw new CliFailure(Billhook.UNREACHABLE, "cannot connect to " + base + " (" + e.getClass().getSimpleName() + ")");
        } catch (javax.net.ssl.SSLException e) {
            throw new CliFailure(Billhook.UNREACHABLE, "the TLS connection to " + base + " failed (" + e.getMessage()
                    + "); a development server's own certificate needs --insecure");
        } catch (IOException e) {
            throw new CliFailure(Billhook.UNREACHABLE, "cannot talk to " + base + ": " + e.getMessage());
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private JsonStructure answer(int status, String body) {
        if (status == 401) {
            throw new CliFailure(Billhook.UNREACHABLE, "authentication failed at " + base
                    + " (check --username/--password, BILLHOOK_USERNAME/BILLHOOK_PASSWORD or the config file)");
        }
        if (status >= 400) {
            throw new CliFailure(Billhook.REFUSED, "the server answered " + status + ": " + detail(body));
        }
        if (body.isBlank()) {
            return Json.createObjectBuilder().build();
        }
        return parse(body);
    }

    private static String read(InputStream in) throws IOException {
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
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

    /** The JDK's trusted certificates and those of {@code cacert} (PEM, one or more). */
    private static SSLContext trusting(Path cacert) {
        try (InputStream pem = Files.newInputStream(cacert)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate certificate
                    : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                store.setCertificateEntry("cacert-" + n++, certificate);
            }
            if (n == 0) {
                throw new CliFailure(Billhook.USAGE, "--cacert: no certificate in " + cacert);
            }
            TrustManagerFactory mine = TrustManagerFactory.getInstance(
                    TrustManagerFactory.getDefaultAlgorithm());
            mine.init(store);
            TrustManagerFactory jdk = TrustManagerFactory.getInstance(
                    TrustManagerFactory.getDefaultAlgorithm());
            jdk.init((KeyStore) null);
            X509TrustManager ours = (X509TrustManager) mine.getTrustManagers()[0];
            X509TrustManager theirs = (X509TrustManager) jdk.getTrustManagers()[0];
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType)
                        throws CertificateException {
                    theirs.checkClientTrusted(chain, authType);
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType)
                        throws CertificateException {
                    try {
                        ours.checkServerTrusted(chain, authType);
                    } catch (CertificateException notOurs) {
                        theirs.checkServerTrusted(chain, authType);
                    }
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return theirs.getAcceptedIssuers();
                }
            }}, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new CliFailure(Billhook.USAGE, "--cacert: cannot read " + cacert + ": " + e.getMessage());
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
