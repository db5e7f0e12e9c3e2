package city.alpr.launcher;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

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

    private static final int SEALED_IMAGE_BYTES = 8192 + 28;
    private static final int SEALED_DETAILS_BYTES = 190;

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
                        ResultSet result = statement.executeQuery("select purge_day('" + dropped + "')")) {
                    result.next();
                    receipt = result.getString(1);
                }
                double dropSeconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("purge_day (count, detach, drop, destroy key): %.3f s, %s%n", dropSeconds, receipt);

                execute(superuser, "checkpoint");
                start = System.nanoTime();
                superuser.setAutoCommit(false);
                long deletedReads = 0;
                for (String table : new String[] { "plate_read", "read_image", "hotlist_alert", "read_correction",
                        "ingest_key" }) {
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

    /** The day's partitions and key, then the reads, images and idempotency keys by binary COPY, 10,000 at a time. */
    private static void fill(Connection connection, LocalDate day, int reads) throws SQLException, IOException {
        execute(connection, "select ensure_partitions('" + day + "', '" + day + "')");
        execute(connection, "insert into data_key (day, wrapped_key) values ('" + day + "', '\\x00')");
        SplittableRandom random = new SplittableRandom(day.toEpochDay());
        PGConnection pg = connection.unwrap(PGConnection.class);
        long dayStart = BinaryCopy.timestamp(day.atStartOfDay().atOffset(ZoneOffset.UTC));
        long microsPerRead = 86_400_000_000L / reads;
        for (int done = 0; done < reads; done += 10_000) {
            BinaryCopy keys = new BinaryCopy();
            BinaryCopy plateReads = new BinaryCopy();
            BinaryCopy images = new BinaryCopy();
            for (int i = done; i < Math.min(reads, done + 10_000); i++) {
                UUID id = UUID.randomUUID();
                long captured = dayStart + i * microsPerRead;
                String gatewayReadId = "bench-" + id;
                keys.row(4).text("gateway-east").text(gatewayReadId).uuid(id).timestamp(captured);
                plateReads.row(10).uuid(id).timestamp(captured).timestamp(captured).text("CAM-E01").text("gateway-east")
                        .text(gatewayReadId).bytes(bytes(random, 32)).bytes(bytes(random, 32))
                        .ints(random.ints(7).toArray()).bytes(bytes(random, SEALED_DETAILS_BYTES));
                images.row(5).uuid(id).timestamp(captured).text("plate").text("image/jpeg")
                        .bytes(bytes(random, SEALED_IMAGE_BYTES));
            }
            copyIn(pg, "copy ingest_key (gateway_id, gateway_read_id, read_id, captured_at) from stdin binary", keys);
            copyIn(pg, "copy plate_read (id, captured_at, received_at, camera_id, gateway_id, gateway_read_id,"
                    + " plate_index, plate_lookalike_index, plate_trigrams, sealed_details) from stdin binary",
                    plateReads);
            copyIn(pg, "copy read_image (read_id, captured_at, kind, media_type, sealed_bytes) from stdin binary",
                    images);
        }
        execute(connection, "analyze");
    }

    private static String size(Connection connection, LocalDate day) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(
                "select pg_size_pretty(sum(pg_total_relation_size(c.oid))) from pg_class c where c.relname like '%_p"
                        + day.toString().replace("-", "") + "'")) {
            result.next();
            return result.getString(1);
        }
    }

    private static byte[] bytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static void copyIn(PGConnection pg, String sql, BinaryCopy rows) throws SQLException {
        CopyIn copy = pg.getCopyAPI().copyIn(sql);
        byte[] bytes = rows.finish();
        copy.writeToCopy(bytes, 0, bytes.length);
        copy.endCopy();
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
