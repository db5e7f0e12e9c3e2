package city.alpr.benchmarks;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.postgresql.PGConnection;

import city.alpr.launcher.RunningSystem;
import city.alpr.localstack.AlprDatabase;
import city.alpr.localstack.PostgresServer;
import city.alpr.localstack.ScratchDirectory;
import city.alpr.localstack.StackSecrets;
import city.alpr.simulator.Fleet;
import city.alpr.simulator.StoreAndForwardGateway;
import city.alpr.simulator.Timeline;

/**
 * {@code mvn -Pbench-purge package}: purging one capture day of 1 M reads, each with an 8 KiB plate image and its
 * idempotency key, the way the retention job does (the owner's {@code purge_day}, called as alpr_retention: count and
 * detach the day's partitions, destroy its key; then {@code drop_detached_partitions}), against DELETEing the same
 * rows of another day
 * of the same size, in the same run on a fresh system. While the purge runs, a fleet of gateways ingests the city's
 * steady load, and the latency of its requests during the purge is set beside that before it. Prints a Markdown
 * table for BENCHMARKS.md.
 */
public final class PurgeBenchmark {

    private PurgeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int reads = Integer.getInteger("bench.reads", 1_000_000);
        double ingestRate = Double.parseDouble(System.getProperty("bench.ingest-reads-per-second", "1000"));
        int gateways = Integer.getInteger("bench.gateways", 20);
        // ingest's JIT and connection pools warm at the steady load before the latency beside the purge is compared
        Duration warmUp = Duration.ofSeconds(Integer.getInteger("bench.warm-up-seconds", 60));
        // the retention job's defaults (RetentionConfig): each request for a parent's lock waits this long, this often
        int parentLockWaitMillis = Integer.getInteger("bench.parent-lock-wait-ms", 25);
        int parentLockAttempts = Integer.getInteger("bench.parent-lock-attempts", 200);
        Path root = Path.of(System.getProperty("alpr.root", ".")).toAbsolutePath().normalize();
        StackSecrets secrets = StackSecrets.generate();
        try (ScratchDirectory state = ScratchDirectory.create("alpr-bench-purge");
                RunningSystem system = RunningSystem.start(root, state.path(), secrets, RunningSystem.Ports.free(),
                        "wildomar-cs3", RunningSystem.Use.BENCHMARK)) {
            PostgresServer postgres = system.postgres;
            LocalDate dropped = LocalDate.now(ZoneOffset.UTC).minusDays(40);
            LocalDate deleted = dropped.minusDays(1);
            try (Connection superuser = postgres.superuserConnection(AlprDatabase.DATABASE);
                    Connection retention = PostgresServer.connect(postgres.jdbcUrl(AlprDatabase.DATABASE),
                            AlprDatabase.RETENTION_ROLE, secrets.retentionPassword())) {
                for (LocalDate day : new LocalDate[] { dropped, deleted }) {
                    long start = System.nanoTime();
                    fill(superuser, day, reads);
                    System.out.printf("wrote and vacuumed %,d reads with images for %s in %.0f s (%s)%n", reads, day,
                            (System.nanoTime() - start) / 1e9, size(superuser, day));
                }

                execute(superuser, "checkpoint");
                PurgeUnderLoad purge;
                try (Fleet fleet = new Fleet(gateways, URI.create(system.ingest.url()),
                        URI.create(system.keycloak.tokenEndpoint()), "gateway-east", secrets.gatewayEastSecret(),
                        RunningSystem.DEMO_CAMERAS.get("gateway-east"), StoredReads.IMAGE_BYTES,
                        "purge-" + Long.toString(System.currentTimeMillis(), 36),
                        new StoreAndForwardGateway.Settings(2, 50, Duration.ofMillis(250), Duration.ofSeconds(2),
                                ingestRate / gateways))) {
                    purge = purgeUnderLoad(fleet, ingestRate, warmUp, retention, dropped, parentLockWaitMillis,
                            parentLockAttempts);
                    if (!fleet.awaitDelivered(Duration.ofMinutes(2))) {
                        throw new IllegalStateException("the fleet's reads were not all delivered after the purge");
                    }
                }
                double dropSeconds = purge.seconds();
                System.out.printf("purge_day (count, detach, destroy key), then drop_detached_partitions: %.3f s,"
                        + " %s%n", dropSeconds, purge.receipt());

                execute(superuser, "checkpoint");
                long start = System.nanoTime();
                superuser.setAutoCommit(false);
                long deletedReads = 0;
                for (String table : dailyTables(superuser)) {
                    try (PreparedStatement delete = superuser.prepareStatement("delete from " + table
                            + " where captured_at >= ?::date and captured_at < ?::date + 1")) {
                        delete.setString(1, deleted.toString());
                        delete.setString(2, deleted.toString());
                        int rows = delete.executeUpdate();
                        deletedReads = table.equals("plate_read") ? rows : deletedReads;
                    }
                }
                execute(superuser, "update data_key set wrapped_key = null, destroyed_at = now() where day = '"
                        + deleted + "'");
                superuser.commit();
                superuser.setAutoCommit(true);
                double deleteSeconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("DELETE of %,d reads and their rows, one transaction: %.3f s%n", deletedReads,
                        deleteSeconds);
                start = System.nanoTime();
                String suffix = deleted.toString().replace("-", "");
                for (String table : new String[] { "plate_read", "read_image", "ingest_key" }) {
                    execute(superuser, "vacuum " + table + "_p" + suffix);
                }
                double vacuumSeconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("VACUUM of the emptied partitions: %.3f s; they still hold %s on disk%n",
                        vacuumSeconds, size(superuser, deleted));

                System.out.printf(
                        """

                                | one day of %,d reads with 8 KiB images | seconds | vs drop partition |
                                |---|---:|---:|
                                | `purge_day` (count and detach 5 partitions, destroy the day key), then `drop_detached_partitions` | %.3f | 1× |
                                | `DELETE` of the same rows in one transaction, destroy the day key | %.3f | %.0f× |
                                | `DELETE` + `VACUUM` (space reusable by the table, not returned to the disk) | %.3f | %.0f× |

                                | ingest of %.0f reads/s (%d gateways, batches of up to 50) | p50 ms | p99 ms | max ms | requests refused or failed |
                                |---|---:|---:|---:|---:|
                                | the %d s before the purge | %s |
                                | the seconds `purge_day` ran in (%.1f s: counting under share locks, detaching) | %s |
                                | the seconds `drop_detached_partitions` ran in (%.1f s: dropping, unlinking the files) | %s |
                                %n""",
                        reads, dropSeconds, deleteSeconds, deleteSeconds / dropSeconds,
                        deleteSeconds + vacuumSeconds, (deleteSeconds + vacuumSeconds) / dropSeconds, ingestRate,
                        gateways, purge.before().toSeconds(), purge.latencyBefore(), purge.purgeDaySeconds(),
                        purge.latencyCounting(), purge.dropSeconds(), purge.latencyDropping());
            }
        }
    }

    /**
     * @param latencyBefore ingest's request latency in the seconds before the purge, as table cells
     * @param latencyCounting the same in the seconds {@code purge_day} ran in (counting and detaching)
     * @param latencyDropping the same in the seconds {@code drop_detached_partitions} ran in
     */
    private record PurgeUnderLoad(String receipt, double seconds, double purgeDaySeconds, double dropSeconds,
            Duration before, String latencyBefore, String latencyCounting, String latencyDropping) {
    }

    /**
     * The fleet ingests at its rate through the warm-up and the 20 s measured before the purge, then goes on while the
     * job's two statements run beside it, and a few seconds after.
     */
    private static PurgeUnderLoad purgeUnderLoad(Fleet fleet, double rate, Duration warmUp, Connection retention,
            LocalDate day, int parentLockWaitMillis, int parentLockAttempts) throws Exception {
        Duration before = Duration.ofSeconds(20);
        Timeline timeline = fleet.timeline();
        fleet.capture(rate, warmUp);
        System.out.printf("ingest warmed up for %d s at %.0f reads/s; the %d s after are the baseline%n",
                warmUp.toSeconds(), rate, before.toSeconds());
        int beforeStart = timeline.secondOf(System.nanoTime());
        fleet.capture(rate, before);
        String[] receipt = new String[1];
        long[] marks = new long[3];
        Thread purging = Thread.ofPlatform().start(() -> {
            marks[0] = System.nanoTime();
            try (Statement statement = retention.createStatement()) {
                try (ResultSet result = statement.executeQuery("select purge_day('" + day + "', now(), "
                        + parentLockWaitMillis + ", " + parentLockAttempts + ")")) {
                    result.next();
                    receipt[0] = result.getString(1);
                }
                marks[1] = System.nanoTime();
                statement.execute("select drop_detached_partitions('" + day + "', now())");
            } catch (SQLException e) {
                receipt[0] = null;
                System.err.println("the purge failed: " + e.getMessage());
            }
            marks[2] = System.nanoTime();
        });
        while (purging.isAlive()) {
            fleet.capture(rate, Duration.ofMillis(100));
        }
        purging.join();
        if (receipt[0] == null) {
            throw new IllegalStateException("the purge failed under ingest; the benchmark measured nothing");
        }
        fleet.capture(rate, Duration.ofSeconds(5));
        int counting = timeline.secondOf(marks[0]);
        int dropping = timeline.secondOf(marks[1]);
        int end = timeline.secondOf(marks[2]) + 1;
        System.out.println("second | ingest p99 ms | max ms | requests refused or failed (purge_day from second "
                + counting + ", drop_detached_partitions from second " + dropping + ")");
        for (int second = counting - 2; second < end + 2; second++) {
            System.out.printf("%d | %.1f | %.1f | %d%n", second, timeline.latencyMillis(second, second + 1, 0.99),
                    timeline.latencyMillis(second, second + 1, 1.0),
                    timeline.refusedRequests(second, second + 1) + timeline.failedRequests(second, second + 1));
        }
        return new PurgeUnderLoad(receipt[0], (marks[2] - marks[0]) / 1e9, (marks[1] - marks[0]) / 1e9,
                (marks[2] - marks[1]) / 1e9, before, latency(timeline, beforeStart, counting),
                latency(timeline, counting, Math.max(counting + 1, dropping)), latency(timeline, dropping, end));
    }

    private static String latency(Timeline timeline, int from, int to) {
        return String.format("%.1f | %.1f | %.1f | %d", timeline.latencyMillis(from, to, 0.50),
                timeline.latencyMillis(from, to, 0.99), timeline.latencyMillis(from, to, 1.0),
                timeline.refusedRequests(from, to) + timeline.failedRequests(from, to));
    }

    /** The day's partitions and key, then its reads spread over the day, 10,000 per COPY, then vacuumed. */
    private static void fill(Connection connection, LocalDate day, int reads) throws SQLException {
        execute(connection, "select ensure_partitions('" + day + "', '" + day + "')");
        execute(connection, "insert into data_key (day, wrapped_key) values ('" + day + "', '\\x00')");
        SplittableRandom random = new SplittableRandom(day.toEpochDay());
        PGConnection pg = connection.unwrap(PGConnection.class);
        long dayStart = BinaryCopy.timestamp(day.atStartOfDay().atOffset(ZoneOffset.UTC));
        long microsPerRead = 86_400_000_000L / reads;
        for (int done = 0; done < reads; done += 10_000) {
            long[] capturedAt = new long[Math.min(10_000, reads - done)];
            for (int i = 0; i < capturedAt.length; i++) {
                capturedAt[i] = dayStart + (done + i) * microsPerRead;
            }
            StoredReads.copy(pg, random, capturedAt);
        }
        // what autovacuum did to a day 40 days old long before its purge; left to it here, it would scan and write the
        // fresh 9 GB while ingest is measured (and the purge would stop it)
        execute(connection, "vacuum analyze");
    }

    /** The tables the purge drops a partition of, as the schema lists them. */
    private static List<String> dailyTables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select unnest(daily_partitioned_tables())")) {
            while (result.next()) {
                tables.add(result.getString(1));
            }
        }
        return tables;
    }

    private static String size(Connection connection, LocalDate day) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "select pg_size_pretty(sum(pg_total_relation_size(c.oid))) from pg_class c where c.relname like '%_p"
                                + day.toString().replace("-", "") + "'")) {
            result.next();
            return result.getString(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
