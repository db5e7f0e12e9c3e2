package city.alpr.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Where a test's service sends its traces: an OTLP/HTTP endpoint on loopback that keeps what it is sent, as a
 * collector would receive it, and points the service at itself with {@code quarkus.otel.*}. It reads no protobuf: a
 * span's name and its string attributes (the route, the SQL statement) travel as UTF-8 inside the message, which is
 * what the tests look for.
 */
public class OtlpReceiver implements QuarkusTestResourceLifecycleManager {

    /**
     * The test profile of a class that receives traces ({@code @TestProfile(OtlpReceiver.Traced.class)} beside
     * {@code @QuarkusTestResource(value = OtlpReceiver.class, restrictToAnnotatedClass = true)}): a profile of its own,
     * so that the collector's settings reach only that class's start of the service.
     */
    public static class Traced implements QuarkusTestProfile {
    }

    private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
                byte[] bytes = (gzip ? new GZIPInputStream(body) : body).readAllBytes();
                RECEIVED.add(new String(bytes, StandardCharsets.ISO_8859_1));
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return Map.of("quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:" + server.getAddress().getPort(),
                "quarkus.otel.bsp.schedule.delay", "100ms");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Waits up to 20 s until what the service sent holds every one of these texts; fails naming what was missing. */
    public static void awaitSpansWith(String... texts) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            String all = String.join("\n", RECEIVED);
            List<String> missing = List.of(texts).stream().filter(text -> !all.contains(text)).toList();
            if (missing.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no trace the service sent holds " + missing + " (" + RECEIVED.size()
                        + " exports received)");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * That nothing the service sent holds any of these texts (a plate, a name, a case number), once what it had
     * recorded has been sent: traces carry no values.
     */
    public static void assertNoSpanHolds(String... texts) {
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        for (String text : texts) {
            if (RECEIVED.stream().anyMatch(export -> export.contains(text))) {
                throw new AssertionError("a trace the service sent holds " + text);
            }
        }
    }
}
