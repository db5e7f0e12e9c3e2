package city.alpr.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Waiting for a server process that was just started to answer. */
public final class Readiness {

    private Readiness() {
    }

    /**
     * Polls {@code uri} until it answers 200.
     *
     * @return true once it did; false when the process exited first or {@code timeout} passed
     */
    public static boolean awaitOk(Process process, URI uri, Duration timeout) {
        return awaitOk(process, uri, timeout, Duration.ofMillis(300));
    }

    /** Polls {@code uri} every {@code interval} until it answers 200; see {@link #awaitOk(Process, URI, Duration)}. */
    public static boolean awaitOk(Process process, URI uri, Duration timeout, Duration interval) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return true;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(interval);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
