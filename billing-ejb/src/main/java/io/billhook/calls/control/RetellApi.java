package io.billhook.calls.control;

import io.billhook.Jsonp;
import io.billhook.calls.entity.RetellRefused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Retell's API, for what its webhooks did not bring: {@code POST /v2/list-calls}, with the API key its webhooks are
 * signed with ({@code RETELL_API_KEY}, the first of a list) at {@code RETELL_API_BASE}. Behind Fault Tolerance like
 * the Stripe calls: bounded, retried with jitter, its own circuit; a refused request (4xx) is an answer, not an outage.
 */
@ApplicationScoped
public class RetellApi {

    @Inject
    @ConfigProperty(name = "RETELL_API_KEY")
    Optional<String> keys;

    @Inject
    @ConfigProperty(name = "RETELL_API_BASE", defaultValue = "https://api.retellai.com")
    String base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public boolean configured() {
        return key().isPresent();
    }

    /**
     * A page of the calls started since {@code startedFromMillis}, oldest first, after the call {@code after} (null:
     * the first page).
     */
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 500, jitter = 200, abortOn = RetellRefused.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS,
            skipOn = RetellRefused.class)
    public List<JsonObject> calls(long startedFromMillis, String after, int limit) throws IOException, InterruptedException {
        String body = "{\"filter_criteria\":{\"start_timestamp\":{\"lower_threshold\":" + startedFromMillis + "}},"
                + "\"sort_order\":\"ascending\",\"limit\":" + limit
                + (after == null ? "" : ",\"pagination_key\":" + jsonString(after)) + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.replaceAll("/+$", "") + "/v2/list-calls"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + key().orElseThrow())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() >= 400 && answer.statusCode() < 500 && answer.statusCode() != 429) {
            throw new RetellRefused("Retell refused the list of calls: " + answer.statusCode());
        }
        if (answer.statusCode() != 200) {
            throw new IOException("Retell answered the list of calls with " + answer.statusCode());
        }
        JsonStructure page;
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(answer.body()))) {
            page = reader.read();
        } catch (RuntimeException e) {
            throw new IOException("Retell's list of calls is not JSON: " + e.getMessage(), e);
        }
        if (!(page instanceof JsonArray calls)) {
            throw new IOException("Retell's list of calls is not an array");
        }
        return calls.stream().filter(call -> call.getValueType() == JsonValue.ValueType.OBJECT)
                .map(JsonValue::asJsonObject).toList();
    }

    private Optional<String> key() {
        return keys.map(list -> list.split(",")[0].trim()).filter(key -> !key.isEmpty());
    }

    private static String jsonString(String text) {
        return Jsonp.PROVIDER.createValue(text).toString();
    }
}
