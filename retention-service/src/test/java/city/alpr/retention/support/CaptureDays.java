package city.alpr.retention.support;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import city.alpr.localstack.StackDatabase;

/**
 * Capture days as ingest and the query service leave them, written directly as the database's superuser: reads with
 * their plate and overview images and idempotency keys, an alert and a correction, and the day's wrapped data key.
 * The contents are random bytes; the purge never opens them.
 */
public final class CaptureDays {

    /** The tables kept in daily partitions, as {@code daily_partitioned_tables()} lists them. */
    public static final List<String> DAILY_TABLES = List.of("ingest_key", "plate_read", "hotlist_alert",
            "read_image", "read_correction");

    private static final SecureRandom RANDOM = new SecureRandom();

    private CaptureDays() {
    }

    /** Drops every daily partition and data key, so each test starts from an empty timeline. */
    public static void clear() {
        StackDatabase.execute("""
                do $$
                declare
                    partition text;
                begin
                    for partition in
                        select c.relname from pg_inherits i
                        join pg_class c on c.oid = i.inhrelid
                        join pg_class p on p.oid = i.inhparent
                        where p.relname = any (daily_partitioned_tables())
                    loop
                        execute format('drop table %I', partition);
                    end loop;
                end
                $$""");
        StackDatabase.execute("delete from data_key");
        StackDatabase.execute("delete from purged_day_rows");
        // the evidence packages of those days go with them, as the purge clears them
        StackDatabase.execute("update evidence_export set sealed_package = null, sealed_manifest = null");
    }

    /** Stores a read captured at the given instant, with its day's partitions and key if the day has none yet. */
    public static UUID read(Instant capturedAt) {
        LocalDate day = LocalDate.ofInstant(capturedAt, ZoneOffset.UTC);
        UUID id = UUID.randomUUID();
        Timestamp captured = Timestamp.from(capturedAt);
        try (Connection connection = StackDatabase.superuser()) {
            execute(connection, "select ensure_partitions(?, ?)", day, day);
            execute(connection, "insert into data_key (day, wrapped_key) values (?, ?) on conflict do nothing", day,
                    bytes(60));
            execute(connection, """
                    insert into plate_read (id, captured_at, received_at, camera_id, gateway_id, gateway_read_id,
                                            plate_index, plate_lookalike_index, plate_trigram_buckets, sealed_details)
                    values (?, ?, ?, 'CAM-T01', 'gateway-test', ?, ?, ?, '{1,2,3}', ?)""", id, captured, captured,
                    id.toString(),
                    bytes(32), bytes(32), bytes(190));
            for (String kind : List.of("plate", "overview")) {
                execute(connection, """
                        insert into read_image (read_id, captured_at, kind, media_type, sealed_bytes)
                        values (?, ?, ?, 'image/jpeg', ?)""", id, captured, kind, bytes(2048));
            }
            execute(connection, """
                    insert into ingest_key (gateway_id, gateway_read_id, read_id, captured_at)
                    values ('gateway-test', ?, ?, ?)""", id.toString(), id, captured);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    /** Stores a read that matched a hotlist (with its alert) and was then corrected by an officer. */
    public static UUID alertedAndCorrectedRead(Instant capturedAt) {
        UUID id = read(capturedAt);
        Timestamp captured = Timestamp.from(capturedAt);
        try (Connection connection = StackDatabase.superuser()) {
            execute(connection, """
                    insert into hotlist_alert (id, captured_at, read_id, camera_id, entry_id, hotlist_id, match_kind)
                    values (?, ?, ?, 'CAM-T01', ?, ?, 'plate')""", UUID.randomUUID(), captured, id, UUID.randomUUID(),
                    UUID.randomUUID());
            execute(connection, """
                    insert into read_correction (id, read_id, captured_at, plate_index, plate_lookalike_index,
                                                 plate_trigram_buckets, sealed_correction, corrected_by)
                    values (?, ?, ?, ?, ?, '{1,2,3}', ?, 'officer')""", UUID.randomUUID(), id, captured, bytes(32),
                    bytes(32), bytes(120));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    /** Whether any of the day's partitions still exists. */
    public static boolean hasPartitions(LocalDate day) {
        return DAILY_TABLES.stream().anyMatch(table -> hasPartition(table, day));
    }

    public static boolean hasPartition(String table, LocalDate day) {
        return StackDatabase.text("select to_regclass(?)::text",
                table + "_p" + day.toString().replace("-", "")) != null;
    }

    /** The rows of a daily table about one read (by {@code read_id}, or {@code id} for the reads themselves). */
    public static long rowsOf(String table, UUID read) {
        String column = table.equals("plate_read") ? "id" : "read_id";
        return StackDatabase.count("select count(*) from " + table + " where " + column + " = ?", read);
    }

    /** Whether the day's data key can still be unwrapped: null when the day never had one. */
    public static Boolean keyHeld(LocalDate day) {
        String held = StackDatabase.text("""
                select (wrapped_key is not null and destroyed_at is null)::text from data_key where day = ?""", day);
        return held == null ? null : Boolean.valueOf(held);
    }

    private static void execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            StackDatabase.bind(statement, parameters);
            statement.execute();
        }
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
