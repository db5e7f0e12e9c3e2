package city.alpr.query.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import city.alpr.localstack.StackDatabase;

/** A person's open alert stream, as the console holds it, its events collected as they arrive. */
public final class AlertSubscription implements AutoCloseable {

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final HttpResponse<Stream<String>> response;

    /** Subscribes, and returns once the subscription was judged (logged) and handed over. */
    public AlertSubscription(URI stream, String username) throws Exception {
        long before = StackDatabase.lastAuditSeq();
        HttpRequest subscribe = HttpRequest.newBuilder(stream).header("Authorization", "Bearer " + Stack.token(username))
                .header("Accept", "text/event-stream").build();
        CompletableFuture<HttpResponse<Stream<String>>> subscribed = HttpClient.newHttpClient()
                .sendAsync(subscribe, HttpResponse.BodyHandlers.ofLines());
        for (int i = 0; i < 100 && StackDatabase.count("select count(*) from audit_event where seq > ? and action = "
                + "'alert.subscribe'", before) == 0; i++) {
            Thread.sleep(50);
        }
        response = subscribed.get(10, TimeUnit.SECONDS);
        // the stream is handed over just after its record commits
        Thread.sleep(300);
        Thread.ofVirtual().start(() -> response.body().filter(line -> line.startsWith("data:")).forEach(events::add));
    }

    public int status() {
        return response.statusCode();
    }

    /** The next event's data line, or null if none arrives within the timeout. */
    public String next(long seconds) throws InterruptedException {
        return events.poll(seconds, TimeUnit.SECONDS);
    }

    public String next() throws InterruptedException {
        return next(10);
    }

    @Override
    public void close() {
        response.body().close();
    }
}
