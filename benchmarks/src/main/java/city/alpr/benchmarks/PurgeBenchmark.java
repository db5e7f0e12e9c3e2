package city.alpr.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.postgresql.PGConnection;

import city.alpr.localstack.AlprDatabase;
import city.alpr.localstack.FreePorts;
import city.alpr.localstack.PostgresServer;
import city.alpr.localstack.ScratchDirectory;
import city.alpr.localstack.StackSecrets;

/**
 * {@code mvn -Pbench-purge package}: purging one capture day of 1 M reads, each with an 8 KiB plate image and its
 * idempotency key, the way the retention job does (the owner's {@code purge_day}, called as alpr_retention:
 * count, detach and drop the day's partitions, destroy its key), against DELETEing the same rows of another day
 * of the same size, in the same run on a fresh database. Prints a Markdown table for BENCHMARKS.md.
 */
public final class PurgeBenchmark {

    private PurgeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int reads = Integer.getInteger("bench.reads", 1_000_000);
        StackSecrets secrets = StackSecrets.generate();
        try (ScratchDirectory state = ScratchDirectory.create("alpr-bench-purge");
                PostgresServer postgres = PostgresServer.start(state.path().resolve("pgdata"), FreePorts.next(),
                        secrets.superuserPassword())) {
            AlprDatabase.prepare(postgres, secrets.ownerPassword(), secrets.servicePasswords());
            LocalDate dropped = LocalDate.now(ZoneOffset.UTC).minusDays(40);
            LocalDate deleted = dropped.minusDays(1);
            try (Connection superuser = postgres.superuserConnection(AlprDatabase.DATABASE);
                    Connection retention = PostgresServer.connect(postgres.jdbcUrl(AlprDatabase.DATABASE),
                            AlprDatabase.RETENTION_ROLE, secrets.retentionPassword())) {
                for (LocalDate day : new LocalDate[] { dropped, deleted }) {
                    long start = System.nanoTime();
                    fill(superuser, day, reads);
                    System.out.printf("wrote %,d reads with images for %s in %.0f s (%s)%n", reads, day,
                            (System.nanoTime() - start) / 1e9, size(superuser, day));
                }

                execute(superuser, "checkpoint");
                long start = System.nanoTime();
                String receipt;
                try (Statement statement = retention.createStatement();
                        ResultSet result = statement.executeQuery("select purge_day('" + dropped + "', now())")) {
                    result.next();
                    receipt = result.getString(1);
                }
                double dropSeconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("purge_day (count, detach, drop, destroy key): %.3f s, %s%n", dropSeconds, receipt);

                execute(superuser, "checkpoint");
                start = System.nanoTime();
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

                System.out.printf("""

                        | one day of %,d reads with 8 KiB images | seconds | vs drop partition |
                        |---|---:|---:|
                        | `purge_day`: count, detach and drop 5 partitions, destroy the day key | %.3f | 1× |
                        | `DELETE` of the same rows in one transaction, destroy the day key | %.3f | %.0f× |
                        | `DELETE` + `VACUUM` (space reusable by the table, not returned to the disk) | %.3f | %.0f× |
                        %n""", reads, dropSeconds, deleteSeconds, deleteSeconds / dropSeconds,
                        deleteSeconds + vacuumSeconds, (deleteSeconds + vacuumSeconds) / dropSeconds);
            }
        }
    }

    /** The day's partitions and key, then its reads spread over the day, 10,000 per COPY. */
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
        execute(connection, "analyze");
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
