package city.alpr.simulator;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Posts realistic reads for a set of cameras at a given rate, as a camera gateway does, and reports what it
 * achieved. Open loop: batches leave on schedule whatever the latency, and latency counts from the scheduled
 * time, so a slow server shows up as latency rather than as a slower sender. Like a gateway's firmware it holds at
 * most {@code concurrency} connections, never another: a batch whose scheduled time finds them all busy waits in the
 * gateway's buffer for one to come free (and that wait counts as latency); only when the buffer already holds
 * {@value #BUFFERED_REQUESTS} requests is a batch not sent, and counted as failed.
 */
public final class GatewaySimulator {

    /**
     * @param readsPerSecond target rate; 0 sends as fast as {@code concurrency} senders can
     * @param concurrency the connections the gateway holds, and so the requests it has on the wire at most
     */
    public record Settings(URI ingest, URI tokenEndpoint, String clientId, String clientSecret, List<String> cameras,
            double readsPerSecond, int batchSize, int concurrency, Duration duration, int imageBytes, Wire wire,
            String apiKey) {

        /** A gateway speaking the native API with its client-credentials token. */
        public Settings(URI ingest, URI tokenEndpoint, String clientId, String clientSecret, List<String> cameras,
                double readsPerSecond, int batchSize, int concurrency, Duration duration, int imageBytes) {
            this(ingest, tokenEndpoint, clientId, clientSecret, cameras, readsPerSecond, batchSize, concurrency,
                    duration, imageBytes, Wire.NATIVE, null);
        }

        /** The same gateway's cameras as an engine speaking a vendor's format with the gateway's API key. */
        public Settings speaking(Wire vendor, String key) {
            return new Settings(ingest, tokenEndpoint, clientId, clientSecret, cameras, readsPerSecond, batchSize,
                    concurrency, duration, imageBytes, vendor, key);
        }
    }

    /** How many requests the gateway buffers while every connection is busy, as firmware holds reads in memory. */
    static final int BUFFERED_REQUESTS = 1_000;

    private GatewaySimulator() {
    }

    public static LoadReport run(Settings settings) throws InterruptedException {
        GatewayClient client = settings.apiKey() != null
                ? new GatewayClient(settings.ingest(), settings.apiKey(), settings.concurrency())
                : new GatewayClient(settings.ingest(), settings.tokenEndpoint(), settings.clientId(),
                        settings.clientSecret(), settings.concurrency());
        Vehicles vehicles = new Vehicles(64, settings.imageBytes(), settings.cameras(),
                "sim-" + Long.toString(System.currentTimeMillis(), 36));
        long batches = settings.readsPerSecond() > 0
                ? Math.max(1, Math.round(settings.readsPerSecond() * settings.duration().toSeconds() / settings.batchSize()))
                : Long.MAX_VALUE;
        long[] latencies = new long[(int) Math.min(batches, 10_000_000)];
        long[] lags = new long[latencies.length];
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong notSent = new AtomicLong();
        AtomicLong readsSent = new AtomicLong();
        long start = System.nanoTime();
        long end = start + settings.duration().toNanos();
        try (ExecutorService senders = settings.readsPerSecond() > 0 ? Executors.newVirtualThreadPerTaskExecutor()
                : Executors.newFixedThreadPool(settings.concurrency())) {
            if (settings.readsPerSecond() > 0) {
                long intervalNanos = (long) (settings.batchSize() * 1e9 / settings.readsPerSecond());
                Semaphore buffer = new Semaphore(BUFFERED_REQUESTS);
                for (long i = 0; i < batches; i++) {
                    long scheduled = start + i * intervalNanos;
                    LockSupport.parkNanos(scheduled - System.nanoTime());
                    String body = settings.wire().body(vehicles, settings.batchSize());
                    if (!buffer.tryAcquire()) {
                        notSent.incrementAndGet();
                        failed.incrementAndGet();
                        continue;
                    }
                    senders.submit(() -> {
                        try {
                            send(client, settings.wire(), body, settings.batchSize(), scheduled, latencies,
                                    lags, completed, failed, readsSent);
                        } finally {
                            buffer.release();
                        }
                    });
                }
            } else {
                for (int worker = 0; worker < settings.concurrency(); worker++) {
                    senders.submit(() -> {
                        while (System.nanoTime() < end) {
                            String body = settings.wire().body(vehicles, settings.batchSize());
                            send(client, settings.wire(), body, settings.batchSize(), System.nanoTime(),
                                    latencies, lags, completed, failed, readsSent);
                        }
                    });
                }
            }
            senders.shutdown();
            senders.awaitTermination(5, TimeUnit.MINUTES);
        } finally {
            client.close();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int recorded = (int) Math.min(completed.get(), latencies.length);
        return LoadReport.of(readsSent.get(), failed.get(), notSent.get(), seconds, Arrays.copyOf(latencies, recorded),
                Arrays.copyOf(lags, recorded));
    }

    /** Sends one batch; records its latency from the scheduled time and how late the sender started it. */
    private static void send(GatewayClient client, Wire wire, String body, int reads, long scheduledNanos,
            long[] latencies, long[] lags, AtomicLong completed, AtomicLong failed, AtomicLong readsSent) {
        long lag = System.nanoTime() - scheduledNanos;
        try {
            GatewayClient.Answer answer = client.post(wire.path(), wire.contentType(), body, 5);
            long latency = System.nanoTime() - scheduledNanos;
            if (answer.status() == 200 || answer.status() == 201) {
                readsSent.addAndGet(reads);
            } else {
                failed.incrementAndGet();
                System.err.println("ingest answered " + answer.status() + ": " + answer.body());
            }
            long slot = completed.getAndIncrement();
            if (slot < latencies.length) {
                latencies[(int) slot] = latency;
                lags[(int) slot] = lag;
            }
        } catch (Exception e) {
            failed.incrementAndGet();
            System.err.println("request failed: " + e);
        }
    }

    /**
     * {@code java -jar gateway-simulator.jar --ingest http://localhost:8081 --token-endpoint URL --client-id
     * gateway-east --client-secret S --cameras CAM-E01,CAM-E02 --rate 5 --batch 1 --duration 60}; with
     * {@code --format openalpr --api-key K} it speaks that engine's webhook (one read per post) with the gateway's key
     */
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String format = options.getOrDefault("format", "native");
        boolean token = format.equals("native");
        Settings settings = new Settings(URI.create(required(options, "ingest")),
                token ? URI.create(required(options, "token-endpoint")) : null,
                token ? required(options, "client-id") : null, token ? required(options, "client-secret") : null,
                List.of(required(options, "cameras").split(",")),
                Double.parseDouble(options.getOrDefault("rate", "5")),
                Integer.parseInt(options.getOrDefault("batch", "1")),
                Integer.parseInt(options.getOrDefault("concurrency", "4")),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("duration", "60"))),
                Integer.parseInt(options.getOrDefault("image-bytes", "8192")));
        if (!token) {
            settings = settings.speaking(Wire.of(format), required(options, "api-key"));
        }
        System.out.println(run(settings));
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            System.err.println("missing --" + name + "; see gateway-simulator/README.md");
            System.exit(2);
        }
        return value;
    }
}
