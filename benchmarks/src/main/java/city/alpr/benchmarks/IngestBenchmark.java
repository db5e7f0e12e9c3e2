package city.alpr.benchmarks;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.postgresql.PGConnection;

import city.alpr.launcher.RunningSystem;
import city.alpr.localstack.ScratchDirectory;
import city.alpr.localstack.StackSecrets;
import city.alpr.simulator.GatewaySimulator;
import city.alpr.simulator.LoadReport;
import city.alpr.simulator.Wire;

/**
 * {@code mvn -Pbench package}: sustained ingest through HTTP at batch sizes 1, 50 and 500 with 8 KiB plate
 * images, beside a raw PostgreSQL COPY of rows of the same shape into the same tables, in the same run on a
 * fresh stack; then the same single reads as a camera engine posts them in its own format through its adapter
 * ({@code bench.adapter}, OpenALPR's {@code alpr_group} by default: the largest payload, with crops, candidates and
 * vehicle attributes), against the native runs of this run. Prints Markdown tables for BENCHMARKS.md.
 */
public final class IngestBenchmark {

    private IngestBenchmark() {
    }

    /** The connections the paced gateway holds, as gateway firmware keeps a few. */
    private static final int PACED_CONNECTIONS = 8;

    public static void main(String[] args) throws Exception {
        Duration measure = Duration.ofSeconds(Long.getLong("bench.seconds", 30));
        Duration warmUp = Duration.ofSeconds(Long.getLong("bench.warmup-seconds", 60));
        int copyRows = Integer.getInteger("bench.copy-rows", 20_000);
        List<String> runs = List.of(System.getProperty("bench.runs",
                "paced,copy,batch1,batch50,batch500,adapter-paced,adapter-batch1").split(","));
        Wire adapter = Wire.of(System.getProperty("bench.adapter", "openalpr"));
        Path root = Path.of(System.getProperty("alpr.root", ".")).toAbsolutePath().normalize();
        StackSecrets secrets = StackSecrets.generate();
        try (ScratchDirectory state = ScratchDirectory.create("alpr-bench");
                RunningSystem system = RunningSystem.start(root, state.path(), secrets,
                        RunningSystem.Ports.free(),
                        "wildomar-cs3", RunningSystem.Use.BENCHMARK)) {
            double copyRate = Double.NaN;
            Map<String, LoadReport> nativeRuns = new HashMap<>();
            String key = null;
            StringBuilder adapterTable = new StringBuilder(
                    """
                            | run | native reads/s | %s reads/s | adapter / native | native p50 / p99 ms | %s p50 / p99 ms | failed requests |
                            |---|---:|---:|---:|---:|---:|---:|
                            """
                            .formatted(adapter.formatName(), adapter.formatName()));
            StringBuilder table = new StringBuilder("""
                    | run | reads/s | vs raw COPY | p50 ms | p99 ms | failed requests |
                    |---|---:|---:|---:|---:|---:|
                    """);
            for (String run : runs) {
                switch (run) {
                    case "paced" -> {
                        // single reads on a schedule, latency counted from the scheduled send time, over the
                        // connections a gateway holds: a read whose time finds them all busy waits for one
                        load(system, secrets, 500, 1, PACED_CONNECTIONS, warmUp);
                        LoadReport report = load(system, secrets, 500, 1, PACED_CONNECTIONS, measure);
                        nativeRuns.put("paced", report);
                        System.out.printf("HTTP single reads paced at 500 reads/s: %s%n", report);
                        table.append(row("HTTP, single reads paced at 500 reads/s", report, copyRate));
                    }
                    case "copy" -> {
                        // the fastest of three passes: the ceiling our ingest is compared with
                        for (int pass = 1; pass <= 3; pass++) {
                            double rate = copy(system, copyRows);
                            System.out.printf("raw COPY pass %d: %.0f reads/s (%d reads with their image and"
                                    + " idempotency key)%n", pass, rate, copyRows);
                            copyRate = Double.isNaN(copyRate) ? rate : Math.max(copyRate, rate);
                        }
                        table.append(String.format("| raw PostgreSQL COPY (binary, same rows and tables, 1,000 per"
                                + " transaction; fastest of 3 passes) | %.0f | 100%% | | | |%n", copyRate));
                    }
                    case "adapter-paced", "adapter-batch1" -> {
                        // the same reads, one per post, in the engine's format with the gateway's API key
                        if (key == null) {
                            key = system.integrate("gateway-east");
                        }
                        boolean paced = run.equals("adapter-paced");
                        GatewaySimulator.Settings engine = settings(system, secrets, paced ? 500 : 0, 1,
                                paced ? PACED_CONNECTIONS : 8, warmUp).speaking(adapter, key);
                        GatewaySimulator.run(engine);
                        LoadReport report = GatewaySimulator.run(settings(system, secrets, paced ? 500 : 0, 1,
                                paced ? PACED_CONNECTIONS : 8, measure).speaking(adapter, key));
                        String name = paced ? "single reads paced at 500 reads/s, 8 connections"
                                : "single reads, 8 senders, max rate";
                        System.out.printf("%s through its adapter, %s: %s%n", adapter.formatName(), name, report);
                        adapterTable.append(adapterRow(name, nativeRuns.get(paced ? "paced" : "batch1"), report));
                    }
                    default -> {
                        int batch = Integer.parseInt(run.replace("batch", ""));
                        int senders = batch == 1 ? 8 : batch <= 50 ? 4 : 2;
                        load(system, secrets, 0, batch, senders, warmUp);
                        LoadReport report = load(system, secrets, 0, batch, senders, measure);
                        nativeRuns.put(run, report);
                        System.out.printf("HTTP batch %d, %d senders, as fast as possible: %s%n", batch, senders, report);
                        table.append(row("HTTP, batch " + batch + ", " + senders + " senders, max rate", report,
                                copyRate));
                    }
                }
            }
            System.out.println("\n" + table);
            System.out.println("\n" + adapterTable);
        }
    }

    private static LoadReport load(RunningSystem system, StackSecrets secrets, double rate, int batch, int senders,
            Duration duration) throws InterruptedException {
        return GatewaySimulator.run(settings(system, secrets, rate, batch, senders, duration));
    }

    private static GatewaySimulator.Settings settings(RunningSystem system, StackSecrets secrets, double rate,
            int batch, int senders, Duration duration) {
        return new GatewaySimulator.Settings(URI.create(system.ingest.url()),
                URI.create(system.keycloak.tokenEndpoint()), "gateway-east", secrets.gatewayEastSecret(),
                RunningSystem.DEMO_CAMERAS.get("gateway-east"), rate, batch, senders, duration, StoredReads.IMAGE_BYTES);
    }

    /** The adapter's run beside the native run of the same shape; an absent native run leaves its cells empty. */
    private static String adapterRow(String name, LoadReport nativeRun, LoadReport adapterRun) {
        if (nativeRun == null) {
            return String.format("| %s | | %.0f | | | %.1f / %.1f | %d |%n", name, adapterRun.readsPerSecond(),
                    adapterRun.p50Millis(), adapterRun.p99Millis(), adapterRun.failedRequests());
        }
        return String.format("| %s | %.0f | %.0f | %.0f%% | %.1f / %.1f | %.1f / %.1f | %d |%n", name,
                nativeRun.readsPerSecond(), adapterRun.readsPerSecond(),
                100 * adapterRun.readsPerSecond() / nativeRun.readsPerSecond(), nativeRun.p50Millis(),
                nativeRun.p99Millis(), adapterRun.p50Millis(), adapterRun.p99Millis(), adapterRun.failedRequests());
    }

    private static String row(String name, LoadReport report, double copyRate) {
        String ratio = Double.isNaN(copyRate) ? "" : String.format("%.0f%%", 100 * report.readsPerSecond() / copyRate);
        return String.format("| %s | %.0f | %s | %.1f | %.1f | %d |%n", name, report.readsPerSecond(), ratio,
                report.p50Millis(), report.p99Millis(), report.failedRequests());
    }

    /**
     * COPYs (binary format) reads, images and idempotency keys of the sizes ingest writes, 1,000 reads per
     * transaction. The rows are generated before the clock starts; only the COPY is timed.
     */
    private static double copy(RunningSystem system, int rows) throws SQLException {
        SplittableRandom random = new SplittableRandom(7);
        long copyNanos = 0;
        try (Connection connection = system.postgres.superuserConnection("alpr")) {
            PGConnection pg = connection.unwrap(PGConnection.class);
            for (int done = 0; done < rows; done += 1000) {
                long[] capturedAt = new long[Math.min(1000, rows - done)];
                Arrays.fill(capturedAt, BinaryCopy.timestamp(OffsetDateTime.now(ZoneOffset.UTC)));
                copyNanos += StoredReads.copy(pg, random, capturedAt);
            }
        }
        return rows / (copyNanos / 1e9);
    }
}
