package city.alpr.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import city.alpr.launcher.RunningSystem;
import city.alpr.localstack.ScratchDirectory;
import city.alpr.localstack.StackSecrets;
import city.alpr.simulator.Fleet;
import city.alpr.simulator.GatewaySimulator;
import city.alpr.simulator.LoadReport;
import city.alpr.simulator.StoreAndForwardGateway;
import city.alpr.simulator.Timeline;

/**
 * {@code mvn -Pbench-overload package}: ingest under twice the load it can sustain, in one run on a fresh system.
 * First the peak: the most reads per second ingest stores for batching gateways that send as fast as they can. Then a
 * fleet of store-and-forward gateways (more connections than ingest admits requests) offers half the peak, twice the
 * peak for a minute, and half the peak again while it catches up on what was refused. It reports the goodput during
 * the overload against the peak, how soon request latency is back to what it was before, ingest's open file
 * descriptors, and whether every read captured was stored exactly once. Last, ingest is sent SIGTERM under the
 * overload, and must exit within a pod's termination grace period.
 */
public final class OverloadBenchmark {

    private OverloadBenchmark() {
    }

    /** Kubernetes' default terminationGracePeriodSeconds, which the pods of k8s/ keep. */
    private static final Duration GRACE_PERIOD = Duration.ofSeconds(30);

    public static void main(String[] args) throws Exception {
        int gateways = Integer.getInteger("bench.gateways", 16);
        int connections = Integer.getInteger("bench.connections-per-gateway", 4);
        int batch = Integer.getInteger("bench.batch", 50);
        int peakSenders = Integer.getInteger("bench.peak-senders", 16);
        Duration warmUp = Duration.ofSeconds(Long.getLong("bench.warmup-seconds", 60));
        Duration peakRun = Duration.ofSeconds(Long.getLong("bench.peak-seconds", 30));
        int normalSeconds = Integer.getInteger("bench.normal-seconds", 30);
        int overloadSeconds = Integer.getInteger("bench.overload-seconds", 60);
        int afterSeconds = Integer.getInteger("bench.after-seconds", 60);
        // the overload's backlog drains at the gateways' catch-up rate, a quarter of the peak: about 250 s for a minute
        // of 2× peak at 95 % goodput
        Duration deliveryPatience = Duration.ofMinutes(Long.getLong("bench.delivery-minutes", 10));
        Path root = Path.of(System.getProperty("alpr.root", ".")).toAbsolutePath().normalize();
        StackSecrets secrets = StackSecrets.generate();
        try (ScratchDirectory state = ScratchDirectory.create("alpr-bench-overload");
                RunningSystem system = RunningSystem.start(root, state.path(), secrets, RunningSystem.Ports.free(),
                        "wildomar-cs3", RunningSystem.Use.BENCHMARK)) {
            URI ingest = URI.create(system.ingest.url());
            URI tokens = URI.create(system.keycloak.tokenEndpoint());
            List<String> cameras = RunningSystem.DEMO_CAMERAS.get("gateway-east");
            GatewaySimulator.Settings peakSettings = new GatewaySimulator.Settings(ingest, tokens, "gateway-east",
                    secrets.gatewayEastSecret(), cameras, 0, batch, peakSenders, warmUp, StoredReads.IMAGE_BYTES);
            System.out.printf("warm-up: %s%n", GatewaySimulator.run(peakSettings));
            LoadReport peak = GatewaySimulator.run(new GatewaySimulator.Settings(ingest, tokens, "gateway-east",
                    secrets.gatewayEastSecret(), cameras, 0, batch, peakSenders, peakRun, StoredReads.IMAGE_BYTES));
            System.out.printf("peak (batch %d, %d senders, as fast as possible, %d s): %s%n", batch, peakSenders,
                    peakRun.toSeconds(), peak);
            double peakRate = peak.readsPerSecond();

            String runId = "ovl-" + Long.toString(System.currentTimeMillis(), 36);
            StoreAndForwardGateway.Settings settings = new StoreAndForwardGateway.Settings(connections, batch,
                    Duration.ofMillis(250), Duration.ofSeconds(2), peakRate / 4 / gateways);
            FileDescriptors descriptors = new FileDescriptors(system.ingest.pid());
            Thread sampler = Thread.ofVirtual().start(descriptors::sample);
            try (Fleet fleet = new Fleet(gateways, ingest, tokens, "gateway-east", secrets.gatewayEastSecret(), cameras,
                    StoredReads.IMAGE_BYTES, runId, settings)) {
                Timeline timeline = fleet.timeline();
                fleet.capture(peakRate / 2, Duration.ofSeconds(normalSeconds));
                int overloadStart = timeline.secondOf(System.nanoTime());
                fleet.capture(peakRate * 2, Duration.ofSeconds(overloadSeconds));
                int overloadEnd = timeline.secondOf(System.nanoTime());
                fleet.capture(peakRate / 2, Duration.ofSeconds(afterSeconds));
                boolean delivered = fleet.awaitDelivered(deliveryPatience);
                int end = timeline.secondOf(System.nanoTime());
                String delivery = delivered ? (end - overloadEnd) + " s"
                        : "NOT within " + (end - overloadEnd) + " s (" + fleet.unsettled() + " reads still queued)";
                report(timeline, peakRate, normalSeconds, overloadStart, overloadEnd, end, descriptors,
                        fleet.captured(), delivery, stored(system, runId), gateways, connections, batch, settings);
            } finally {
                sampler.interrupt();
            }
            stopUnderOverload(system, secrets, peakRate, gateways, connections, batch, runId);
        }
    }

    private record Stored(long rows, long distinct) {
    }

    private static Stored stored(RunningSystem system, String runId) throws SQLException {
        try (Connection connection = system.postgres.superuserConnection("alpr");
                PreparedStatement count = connection.prepareStatement("select count(*), count(distinct"
                        + " gateway_read_id) from plate_read where gateway_read_id like ?")) {
            count.setString(1, runId + "-%");
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return new Stored(row.getLong(1), row.getLong(2));
            }
        }
    }

    private static void report(Timeline timeline, double peakRate, int normalSeconds, int overloadStart,
            int overloadEnd, int end, FileDescriptors descriptors, long captured, String delivery, Stored stored,
            int gateways, int connections, int batch, StoreAndForwardGateway.Settings settings) {
        System.out.println("\nsecond | phase | stored reads | refused requests | failed requests | p99 ms");
        for (int second = 0; second < end; second++) {
            String phase = second < overloadStart ? "normal" : second < overloadEnd ? "OVERLOAD" : "after";
            System.out.printf("%d | %s | %d | %d | %d | %.1f%n", second, phase, timeline.storedReads(second, second + 1),
                    timeline.refusedRequests(second, second + 1), timeline.failedRequests(second, second + 1),
                    timeline.latencyMillis(second, second + 1, 0.99));
        }
        // the first seconds fill the pipeline; normal latency is that of the settled rest of the normal phase
        int settled = Math.min(normalSeconds / 3, 10);
        double normalP99 = timeline.latencyMillis(settled, overloadStart, 0.99);
        double overloadGoodput = timeline.storedReads(overloadStart, overloadEnd)
                / (double) Math.max(1, overloadEnd - overloadStart);
        int recovered = -1;
        for (int second = overloadEnd; second < end; second++) {
            double p99 = timeline.latencyMillis(second, second + 1, 0.99);
            if (timeline.refusedRequests(second, second + 1) == 0 && !(p99 > 2 * normalP99)) {
                recovered = second - overloadEnd;
                break;
            }
        }
        System.out.printf(
                """

                        | figure | value | target |
                        |---|---:|---|
                        | peak: reads/s stored, batch %d, as fast as possible | %.0f | (the baseline) |
                        | fleet | %d gateways × %d connections, batches of up to %d (%.0f ms linger), catch-up %.0f reads/s each | |
                        | normal (½ peak offered): p50 / p99 request latency | %.1f / %.1f ms | |
                        | overload (2× peak offered for %d s): goodput | %.0f reads/s = %.0f%% of peak | ≥ 90%% |
                        | overload: requests refused 503 / failed in transit | %d / %d | |
                        | overload: p99 latency of the requests stored | %.1f ms | |
                        | recovery: seconds after the overload until p99 ≤ 2× normal and nothing refused | %s | < 5 s |
                        | ingest's open file descriptors: before / max during the run | %d / %d | bounded (≤ max-connections 512 + pool) |
                        | reads captured / stored / duplicated / rejected | %d / %d / %d / %d | all stored, 0 duplicated |
                        | every read delivered, this long after the overload ended | %s | all, at the catch-up rate |
                        | longest a read waited at its gateway | %.1f s | |
                        """,
                batch, peakRate, gateways, connections, batch, (double) settings.linger().toMillis(),
                settings.catchUpReadsPerSecond(),
                timeline.latencyMillis(settled, overloadStart, 0.50), normalP99, overloadEnd - overloadStart,
                overloadGoodput, 100 * overloadGoodput / peakRate,
                timeline.refusedRequests(overloadStart, overloadEnd), timeline.failedRequests(overloadStart, overloadEnd),
                timeline.latencyMillis(overloadStart, overloadEnd, 0.99),
                recovered < 0 ? "not within the run" : recovered + " s", descriptors.first(), descriptors.max(),
                captured, stored.distinct(), stored.rows() - stored.distinct(), timeline.rejectedReads(),
                delivery, timeline.maxDeliveryMillis() / 1000);
    }

    /** Overloads ingest again for a few seconds, then sends it SIGTERM and times its exit. */
    private static void stopUnderOverload(RunningSystem system, StackSecrets secrets, double peakRate, int gateways,
            int connections, int batch, String runId) {
        try (Fleet fleet = new Fleet(gateways, URI.create(system.ingest.url()),
                URI.create(system.keycloak.tokenEndpoint()), "gateway-east", secrets.gatewayEastSecret(),
                RunningSystem.DEMO_CAMERAS.get("gateway-east"), StoredReads.IMAGE_BYTES, runId + "-stop",
                new StoreAndForwardGateway.Settings(connections, batch, Duration.ofMillis(250), Duration.ofSeconds(2),
                        0))) {
            fleet.capture(peakRate * 2, Duration.ofSeconds(10));
            ProcessHandle ingest = ProcessHandle.of(system.ingest.pid()).orElseThrow();
            long signalled = System.nanoTime();
            ingest.destroy();
            boolean exited = ingest.onExit().completeOnTimeout(null, GRACE_PERIOD.toSeconds(), TimeUnit.SECONDS)
                    .join() != null;
            double seconds = (System.nanoTime() - signalled) / 1e9;
            System.out.printf("| SIGTERM to ingest under 2× peak: exited after | %s | within the %d s grace period |%n",
                    exited ? String.format("%.1f s", seconds) : "NOT within " + GRACE_PERIOD.toSeconds() + " s",
                    GRACE_PERIOD.toSeconds());
        }
    }

    /** Samples a process's open file descriptors every 200 ms. */
    private static final class FileDescriptors {
        private final Path directory;
        private final AtomicInteger first = new AtomicInteger(-1);
        private final AtomicInteger max = new AtomicInteger();

        FileDescriptors(long pid) {
            this.directory = Path.of("/proc", Long.toString(pid), "fd");
        }

        void sample() {
            while (!Thread.currentThread().isInterrupted()) {
                try (Stream<Path> open = Files.list(directory)) {
                    int count = (int) open.count();
                    first.compareAndSet(-1, count);
                    max.accumulateAndGet(count, Math::max);
                    Thread.sleep(200);
                } catch (IOException gone) {
                    return;
                } catch (InterruptedException stopped) {
                    return;
                }
            }
        }

        int first() {
            return first.get();
        }

        int max() {
            return max.get();
        }
    }
}
