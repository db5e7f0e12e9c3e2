package city.alpr.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Open alert streams, as the console of each dispatcher holds them: each subscribes to {@code GET /v1/alerts/stream},
 * notes when each alert's event arrived, and subscribes again with a fresh token when the stream ends (the service
 * ends every stream when its token expires). Each stream keeps the spans it was open, so that an alert raised while
 * it was open and not received counts as lost.
 */
final class AlertSubscribers implements AutoCloseable {

    /**
     * Time given a stream after its response began before an alert must reach it, and before it ends after which an
     * alert may miss it: the feed subscription follows the response's start, and the stream ends with the token.
     */
    static final Duration SETTLING = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One stream: when each alert arrived (by read id), and the spans in which it was open. */
    static final class Subscriber {
        final Map<UUID, Long> arrivals = new ConcurrentHashMap<>();
        final List<long[]> openSpans = new CopyOnWriteArrayList<>();

        /** Whether an alert sent at this moment had to reach this stream. */
        boolean wasOpenAt(long nanos) {
            for (long[] span : openSpans) {
                if (nanos >= span[0] + SETTLING.toNanos() && nanos <= span[1] - SETTLING.toNanos()) {
                    return true;
                }
            }
            return false;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger refusals = new AtomicInteger();
    private volatile boolean closing;

    /**
     * @param token a fresh token of the subscribing user, asked for at every subscription
     */
    AlertSubscribers(int count, URI stream, Supplier<String> token) {
        for (int i = 0; i < count; i++) {
            Subscriber subscriber = new Subscriber();
            subscribers.add(subscriber);
            threads.add(Thread.ofVirtual().name("alert-stream-" + i).start(() -> follow(stream, token, subscriber)));
        }
    }

    List<Subscriber> subscribers() {
        return subscribers;
    }

    /** Subscriptions the service refused or that failed; each is retried after a second. */
    int refusals() {
        return refusals.get();
    }

    private void follow(URI stream, Supplier<String> token, Subscriber subscriber) {
        while (!closing) {
            long[] span = null;
            try {
                HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(stream)
                        .header("Authorization", "Bearer " + token.get()).header("Accept", "text/event-stream")
                        .GET().build(), HttpResponse.BodyHandlers.ofLines());
                if (response.statusCode() != 200) {
                    response.body().close();
                    throw new IOException("the stream answered " + response.statusCode());
                }
                span = new long[] { System.nanoTime(), Long.MAX_VALUE };
                subscriber.openSpans.add(span);
                try (Stream<String> lines = response.body()) {
                    lines.filter(line -> line.startsWith("data:")).forEach(line -> {
                        long arrived = System.nanoTime();
                        subscriber.arrivals.putIfAbsent(readId(line.substring(5)), arrived);
                    });
                }
            } catch (IOException | RuntimeException e) {
                if (!closing) {
                    refusals.incrementAndGet();
                    System.err.println("an alert stream failed: " + e);
                    pause();
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                if (span != null) {
                    span[1] = System.nanoTime();
                }
            }
        }
    }

    private static UUID readId(String event) {
        try {
            JsonNode alert = JSON.readTree(event);
            return UUID.fromString(alert.path("readId").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends every stream and waits for its reader. */
    @Override
    public void close() throws InterruptedException {
        closing = true;
        http.shutdownNow();
        for (Thread thread : threads) {
            thread.interrupt();
            thread.join(Duration.ofSeconds(10));
        }
        http.close();
    }
}
