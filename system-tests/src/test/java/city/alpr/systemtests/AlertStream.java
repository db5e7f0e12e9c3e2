package city.alpr.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A subscriber to query-service's live alert feed (server-sent events), as an officer's console holds it open. */
final class AlertStream implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> alerts = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    private AlertStream(CompletableFuture<HttpResponse<Stream<String>>> response) {
        this.response = response;
    }

    /** Subscribes and waits until the service has accepted the subscription. */
    static AlertStream open(String queryUrl, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(queryUrl + "/v1/alerts/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        AlertStream stream = new AlertStream(HttpClient.newHttpClient().sendAsync(request,
                HttpResponse.BodyHandlers.ofLines()));
        HttpResponse<Stream<String>> accepted = stream.response.get(30, TimeUnit.SECONDS);
        if (accepted.statusCode() != 200) {
            throw new IllegalStateException("the alert stream answered " + accepted.statusCode());
        }
        Thread.ofVirtual().name("alert-stream").start(() -> accepted.body()
                .filter(line -> line.startsWith("data:"))
                .forEach(line -> stream.alerts.add(parse(line.substring(5).trim()))));
        return stream;
    }

    /** The next alert for {@code readId}, skipping others; fails if none arrives within {@code timeout}. */
    JsonNode awaitAlertFor(String readId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            JsonNode alert = alerts.poll(left, TimeUnit.NANOSECONDS);
            if (alert != null && readId.equals(alert.path("readId").asText())) {
                return alert;
            }
        }
        throw new AssertionError("no alert for read " + readId + " arrived on the stream within " + timeout);
    }

    private static JsonNode parse(String data) {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            throw new IllegalStateException("an alert event is not JSON: " + data, e);
        }
    }

    @Override
    public void close() {
        response.thenAccept(answer -> answer.body().close());
    }
}
