package city.alpr.retention.purge;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import city.alpr.localstack.StackDatabase;
import city.alpr.retention.support.CaptureDays;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

import static city.alpr.retention.support.CaptureDays.DAILY_TABLES;
import static city.alpr.retention.support.CaptureDays.alertedAndCorrectedRead;
import static city.alpr.retention.support.CaptureDays.hasPartition;
import static city.alpr.retention.support.CaptureDays.hasPartitions;
import static city.alpr.retention.support.CaptureDays.keyHeld;
import static city.alpr.retention.support.CaptureDays.read;
import static city.alpr.retention.support.CaptureDays.rowsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * R19 and R20 with a controllable clock: each test runs the purge as of a moment it chooses, on capture days it
 * wrote itself, and checks the tables, the keys, the receipt and the access-log record of the run.
 */
@QuarkusTest
class PurgeTest {

    /** 00:15 UTC on 23 November 2026: the first retained day is 24 October (30 days before). */
    static final Instant NIGHT = Instant.parse("2026-11-23T00:15:00Z");
    static final LocalDate FIRST_RETAINED = LocalDate.parse("2026-10-24");

    @Inject
    Purge purge;

    @BeforeEach
    void emptyTimeline() {
        CaptureDays.clear();
    }

    @Test
    void expiredDaysLeaveWithTheirImagesAlertsCorrectionsIdempotencyKeysAndDataKeysR19R20() {
        UUID oldest = alertedAndCorrectedRead(Instant.parse("2026-10-22T08:00:00Z"));
        UUID older = read(Instant.parse("2026-10-23T17:30:00Z"));
        UUID retained = alertedAndCorrectedRead(Instant.parse("2026-10-24T09:00:00Z"));
        UUID today = read(Instant.parse("2026-11-23T00:05:00Z"));

        PurgeReceipt receipt = purge.run(NIGHT).await().indefinitely();

        assertTrue(receipt.completed(), receipt.summary());
        assertEquals(List.of(LocalDate.parse("2026-10-22"), LocalDate.parse("2026-10-23")), receipt.days());
        assertEquals(List.of(LocalDate.parse("2026-10-22"), LocalDate.parse("2026-10-23")), receipt.keysDestroyed());
        assertEquals(Map.of("plate_read", 2L, "read_image", 4L, "hotlist_alert", 1L, "read_correction", 1L,
                "ingest_key", 2L, "evidence_export_package", 0L), receipt.counts());
        assertEquals(Instant.parse("2026-10-24T00:00:00Z"), receipt.cutoff());
        for (UUID gone : List.of(oldest, older)) {
            for (String table : DAILY_TABLES) {
                assertEquals(0, rowsOf(table, gone), table + " still holds a purged read");
            }
        }
        assertFalse(hasPartitions(LocalDate.parse("2026-10-22")));
        assertFalse(hasPartitions(LocalDate.parse("2026-10-23")));
        assertFalse(keyHeld(LocalDate.parse("2026-10-22")), "the purged day's key is destroyed (crypto-shredding)");
        assertEquals(1, StackDatabase.count("""
                select count(*) from data_key where day = '2026-10-23' and wrapped_key is null
                and destroyed_at is not null"""));
        for (UUID kept : List.of(retained, today)) {
            assertEquals(1, rowsOf("plate_read", kept));
            assertEquals(2, rowsOf("read_image", kept));
        }
        assertEquals(1, rowsOf("hotlist_alert", retained));
        assertEquals(1, rowsOf("read_correction", retained));
        assertTrue(keyHeld(FIRST_RETAINED));
        assertReceiptStored(receipt);
        assertPurgeLogged(receipt);
        assertEquals(Map.of("plate_read", 1L, "hotlist_alert", 1L, "read_image", 2L, "read_correction", 1L,
                "ingest_key", 1L), purgedRows("2026-10-22"), "yearly totals still count the purged day (R32)");
        assertEquals(1L, purgedRows("2026-10-23").get("plate_read"));
    }

    @Test
    void nothingYoungerThanTheRetentionPeriodIsPurgedR19() {
        Instant lateEvening = Instant.parse("2026-11-23T23:59:59Z");
        UUID thirtyDaysOld = read(Instant.parse("2026-10-23T23:59:58Z"));
        UUID justUnderThirtyDaysOld = read(Instant.parse("2026-10-24T00:00:00Z"));

        PurgeReceipt receipt = purge.run(lateEvening).await().indefinitely();

        assertTrue(receipt.completed(), receipt.summary());
        assertEquals(0, rowsOf("plate_read", thirtyDaysOld));
        assertEquals(1, rowsOf("plate_read", justUnderThirtyDaysOld),
                "a read 29 days 23:59:59 old stays: the policy keeps data a minimum of 30 days");
        assertTrue(Duration.between(Instant.parse("2026-10-23T23:59:58Z"), lateEvening).toDays() >= 30);
    }

    @Test
    void missedNightsAreCaughtUpByTheNextRunAndARunWithNothingToDoSaysSoR19() {
        List<LocalDate> missed = new ArrayList<>();
        for (int back = 31; back <= 35; back++) {
            LocalDate day = LocalDate.parse("2026-11-23").minusDays(back);
            read(day.atTime(12, 0).toInstant(ZoneOffset.UTC));
            missed.add(0, day);
        }

        PurgeReceipt catchUp = purge.run(NIGHT).await().indefinitely();
        PurgeReceipt nextNight = purge.run(NIGHT.plus(Duration.ofDays(1))).await().indefinitely();

        assertTrue(catchUp.completed(), catchUp.summary());
        assertEquals(missed, catchUp.days());
        assertEquals(5L, catchUp.readsPurged());
        assertTrue(nextNight.completed(), nextNight.summary());
        assertEquals(List.of(), nextNight.days());
        assertEquals(0L, nextNight.readsPurged());
        assertReceiptStored(nextNight);
    }

    @Test
    void twoRunsAtTheSameTimePurgeEachDayOnceR19() {
        for (int back = 31; back <= 33; back++) {
            LocalDate day = LocalDate.parse("2026-11-23").minusDays(back);
            read(day.atTime(6, 0).toInstant(ZoneOffset.UTC));
            read(day.atTime(18, 0).toInstant(ZoneOffset.UTC));
        }

        List<PurgeReceipt> receipts = Uni.join().all(purge.run(NIGHT), purge.run(NIGHT)).andFailFast()
                .await().indefinitely();

        Set<LocalDate> purged = new HashSet<>();
        long reads = 0;
        for (PurgeReceipt receipt : receipts) {
            assertTrue(receipt.completed(), receipt.summary());
            for (LocalDate day : receipt.days()) {
                assertTrue(purged.add(day), day + " was purged by both runs");
            }
            reads += receipt.readsPurged();
        }
        assertEquals(3, purged.size());
        assertEquals(6, reads);
    }

    @Test
    void dataLeftBeforeTheCutoffFailsTheRunAndItsReceiptSaysWhatRemainsR19() throws SQLException {
        read(Instant.parse("2026-10-20T10:00:00Z"));
        try (Connection connection = StackDatabase.superuser(); Statement statement = connection.createStatement()) {
            // an operator's catch-all partition, outside the daily scheme, holding a read from before the cutoff
            statement.execute("create table plate_read_default partition of plate_read default");
            statement.execute("""
                    insert into plate_read (id, captured_at, received_at, camera_id, gateway_id, gateway_read_id,
                                            plate_index, plate_lookalike_index, plate_trigram_buckets, sealed_details)
                    values (gen_random_uuid(), '2026-09-01T00:00:00Z', now(), 'CAM-T01', 'gateway-test', 'stray',
                            '\\x00', '\\x00', '{}', '\\x00')""");
        }
        try {
            PurgeReceipt receipt = purge.run(NIGHT).await().indefinitely();

            assertFalse(receipt.completed());
            assertEquals(List.of(LocalDate.parse("2026-10-20")), receipt.days(), "the daily partitions were purged");
            assertEquals(1L, receipt.leftovers().get("plate_read"));
            assertEquals(0L, receipt.leftovers().get("read_image"));
            assertTrue(receipt.detail().contains("still held from before the cutoff: plate_read 1"), receipt.detail());
            assertEquals("failed", StackDatabase.text("select outcome from purge_receipt where id = ?", receipt.id()));
            assertEquals("1", StackDatabase.text("select leftovers ->> 'plate_read' from purge_receipt where id = ?",
                    receipt.id()));
            assertPurgeLogged(receipt);
        } finally {
            StackDatabase.execute("drop table plate_read_default");
        }
    }

    @Test
    void evidencePackagesPastTheirDownloadWindowAreClearedAndTheRecordKeptR13R19() {
        UUID expired = export(NIGHT.minus(Duration.ofHours(1)));
        UUID open = export(NIGHT.plus(Duration.ofDays(2)));

        PurgeReceipt receipt = purge.run(NIGHT).await().indefinitely();

        assertTrue(receipt.completed(), receipt.summary());
        assertEquals(1L, receipt.counts().get("evidence_export_package"));
        assertNull(StackDatabase.text("select sealed_package::text from evidence_export where id = ?", expired));
        assertEquals("\\x0304", StackDatabase.text("select sealed_manifest::text from evidence_export where id = ?", expired),
                "the manifest stays as the record of the export while its reads' days are held");
        assertEquals("abc", StackDatabase.text("select manifest_sha256 from evidence_export where id = ?", expired));
        assertEquals(1, StackDatabase.count(
                "select count(*) from evidence_export where id = ? and sealed_package is not null", open));
    }

    @Test
    void theComingWeeksPartitionsExistAfterARunSoIngestNeverFailsAtMidnight() {
        PurgeReceipt receipt = purge.run(NIGHT).await().indefinitely();

        assertTrue(receipt.completed(), receipt.summary());
        for (int ahead = 0; ahead <= 7; ahead++) {
            LocalDate day = LocalDate.parse("2026-11-23").plusDays(ahead);
            for (String table : DAILY_TABLES) {
                assertTrue(hasPartition(table, day), table + " has no partition for " + day);
            }
        }
    }

    @Test
    void aSearchHoldingTheTablesDelaysThePurgeWithoutFailingItR19() throws Exception {
        read(Instant.parse("2026-10-20T10:00:00Z"));
        try (Connection search = StackDatabase.superuser(); Statement statement = search.createStatement()) {
            search.setAutoCommit(false);
            statement.execute("lock table read_image in access share mode");
            Uni<PurgeReceipt> running = purge.run(NIGHT).memoize().indefinitely();
            running.subscribe().with(receipt -> {
            }, failure -> {
            });
            Thread.sleep(1500);
            search.commit();

            PurgeReceipt receipt = running.await().atMost(Duration.ofSeconds(30));

            assertTrue(receipt.completed(), receipt.summary());
            assertEquals(List.of(LocalDate.parse("2026-10-20")), receipt.days());
        }
    }

    /**
     * The nightly purge must not stall the city: while {@code purge_day} counts an expired day (seconds for a day of
     * 1 M reads; here the day's partition is held busy instead, so the count waits), reads of today are still written
     * at once. The count used to be taken under the parents' locks, which held every insert until the day was counted.
     */
    @Test
    void ingestKeepsWritingWhileThePurgeCountsAnExpiredDay_R19() throws Exception {
        read(Instant.parse("2026-10-20T10:00:00Z"));
        read(Instant.parse("2026-11-22T23:59:00Z"));
        PurgeBeside purged = purgeWhileHeld("2026-10-20", "lock table plate_read_p20261020 in access exclusive mode",
                "the day's partition", """
                        insert into plate_read (id, captured_at, received_at, camera_id, gateway_id, gateway_read_id,
                                                plate_index, plate_lookalike_index, plate_trigram_buckets, sealed_details)
                        values (gen_random_uuid(), '2026-11-22T23:59:30Z', now(), 'CAM-T01', 'gateway-test',
                                gen_random_uuid()::text, '\\x00', '\\x00', '{1}', '\\x00')""");

        assertTrue(purged.statementMillis() < 1000,
                "today's read waited " + purged.statementMillis() + " ms for the purge");
        assertTrue(purged.receipt().contains("\"plate_read\": 1"), purged.receipt());
        assertEquals(2, StackDatabase.count("select count(*) from plate_read where captured_at >= '2026-11-22'"));
        assertFalse(hasPartitions(LocalDate.parse("2026-10-20")));
    }

    /**
     * A long search on a daily table the purge must detach a partition from (here {@code plate_read}, the second it
     * locks) kept the purge waiting for it while it held the first ({@code ingest_key}), so every batch queued behind
     * the purge for as long as the search ran. Each request for a table's lock now waits only moments; not granted,
     * the purge lets go of every table and asks again a moment later.
     */
    @Test
    void aLongSearchDelaysThePurgeButNotIngest_R19() throws Exception {
        read(Instant.parse("2026-10-20T10:00:00Z"));
        read(Instant.parse("2026-11-22T23:59:00Z"));
        PurgeBeside purged = purgeWhileHeld("2026-10-20", "lock table plate_read in access share mode", "the search",
                "insert into ingest_key (gateway_id, gateway_read_id, read_id, captured_at) values"
                        + " ('gateway-test', gen_random_uuid()::text, gen_random_uuid(), '2026-11-22T23:59:30Z')");

        assertTrue(purged.statementMillis() < 250, "a batch waited " + purged.statementMillis() + " ms behind the purge");
        assertTrue(purged.receipt().contains("\"plate_read\": 1"), purged.receipt());
        assertFalse(hasPartitions(LocalDate.parse("2026-10-20")));
    }

    /**
     * An officer's disposition of an alert names it by id, not by capture day, so it takes every partition of
     * {@code hotlist_alert}, the purged day's too, and waits for the purge's share lock on it while holding the parent
     * the purge must detach from. A purge that kept that share lock while it asked again for the parents (held here
     * by a long search on {@code read_image}) kept the officer waiting until it gave up; each attempt now lets go of
     * every lock it took.
     */
    @Test
    void anAlertDispositionDuringThePurgeWaitsOnlyMomentsAndThePurgeCompletes_R19() throws Exception {
        alertedAndCorrectedRead(Instant.parse("2026-10-20T10:00:00Z"));
        UUID retained = alertedAndCorrectedRead(Instant.parse("2026-11-22T23:59:00Z"));
        PurgeBeside purged = purgeWhileHeld("2026-10-20", "lock table read_image in access share mode", "the search",
                "update hotlist_alert set disposition = 'confirmed', disposed_by = 'officer', disposed_at = now()"
                        + " where read_id = '" + retained + "' and disposition is null");

        assertTrue(purged.statementMillis() < 1000,
                "the disposition waited " + purged.statementMillis() + " ms for the purge");
        assertEquals(1, StackDatabase.count("select count(*) from hotlist_alert where read_id = ?"
                + " and disposition = 'confirmed'", retained));
        assertTrue(purged.receipt().contains("\"hotlist_alert\": 1"), purged.receipt());
        assertFalse(hasPartitions(LocalDate.parse("2026-10-20")));
    }

    /**
     * The coming days' partitions are created beside a long search without holding up ingest: each is created as a
     * table and then attached, which does not wait for the search. Created as a partition, each took its parent's
     * access exclusive lock, so the first table stayed locked while the next waited for the search.
     */
    @Test
    void theComingPartitionsAreCreatedBesideALongSearchWithoutHoldingUpIngest_R19() throws Exception {
        read(Instant.parse("2026-11-22T23:59:00Z"));
        LocalDate coming = LocalDate.parse("2026-12-05");
        long insertMillis;
        try (Connection search = StackDatabase.superuser();
                Statement searching = search.createStatement();
                Connection retention = StackDatabase.asServiceRole();
                Statement creating = retention.createStatement()) {
            search.setAutoCommit(false);
            searching.execute("lock table plate_read in access share mode");
            creating.execute("set lock_timeout = '3s'");
            CompletableFuture<Boolean> created = CompletableFuture.supplyAsync(() -> {
                try {
                    return creating.execute("select ensure_partitions('" + coming + "', '" + coming + "')");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(500);
            insertMillis = millisToRun("insert into ingest_key (gateway_id, gateway_read_id, read_id, captured_at)"
                    + " values ('gateway-test', gen_random_uuid()::text, gen_random_uuid(), '2026-11-22T23:59:30Z')");
            created.get(10, TimeUnit.SECONDS);
            search.commit();
        }
        assertTrue(insertMillis < 250, "a batch waited " + insertMillis + " ms behind the partitions' creation");
        for (String table : DAILY_TABLES) {
            assertTrue(hasPartition(table, coming), table + " has no partition for " + coming);
            assertEquals(0, StackDatabase.count("""
                    select count(*) from pg_index i
                    where i.indrelid = to_regclass(?)
                      and not exists (select 1 from pg_inherits h where h.inhrelid = i.indexrelid)""",
                    table + "_p20261205"), table + "'s partition has an index its parent does not");
            assertEquals(StackDatabase.count("select count(*) from pg_index where indrelid = to_regclass(?)", table),
                    StackDatabase.count("select count(*) from pg_index where indrelid = to_regclass(?)",
                            table + "_p20261205"),
                    table + "'s partition lacks one of its parent's indexes");
        }
    }

    /**
     * A batch being stored while the purge runs: ingest's insert takes the daily tables in its order (the idempotency
     * keys first, then the reads), and the purge locks them in the same order, so neither waits on the other in a
     * cycle. Locked in another order, the two deadlocked and PostgreSQL failed one of them.
     */
    @Test
    void aBatchBeingStoredWhileThePurgeRunsIsStoredAndThePurgeCompletes_R19() throws Exception {
        read(Instant.parse("2026-10-20T10:00:00Z"));
        read(Instant.parse("2026-11-22T23:59:00Z"));
        UUID id = UUID.randomUUID();
        String receipt;
        try (Connection ingest = StackDatabase.superuser();
                Statement storing = ingest.createStatement();
                Connection retention = StackDatabase.asServiceRole();
                Statement purging = retention.createStatement()) {
            ingest.setAutoCommit(false);
            storing.execute("set lock_timeout = '5s'");
            storing.execute("insert into ingest_key (gateway_id, gateway_read_id, read_id, captured_at) values"
                    + " ('gateway-test', '" + id + "', '" + id + "', '2026-11-22T23:59:30Z')");
            CompletableFuture<String> purged = purgeInTheBackground(purging, "2026-10-20");
            Thread.sleep(1000);
            assertFalse(purged.isDone(), "the purge waits for the batch being stored");
            storing.execute("""
                    insert into plate_read (id, captured_at, received_at, camera_id, gateway_id, gateway_read_id,
                                            plate_index, plate_lookalike_index, plate_trigram_buckets, sealed_details)
                    values ('%s', '2026-11-22T23:59:30Z', now(), 'CAM-T01', 'gateway-test', '%s',
                            '\\x00', '\\x00', '{1}', '\\x00')""".formatted(id, id));
            ingest.commit();
            receipt = purged.get(30, TimeUnit.SECONDS);
        }
        assertTrue(receipt.contains("\"plate_read\": 1"), receipt);
        assertEquals(1, StackDatabase.count("select count(*) from plate_read where id = ?", id));
        assertFalse(hasPartitions(LocalDate.parse("2026-10-20")));
    }

    /**
     * The day's files are unlinked when its partitions are dropped, which for a day of 1 M reads took seconds under
     * the parents' locks: {@code purge_day} only detaches them, and they are dropped in a transaction of their own. A
     * run stopped between the two leaves detached partitions, which the proof counts and the next run drops.
     */
    @Test
    void aDayDetachedButNotYetDroppedIsCountedAsLeftAndDroppedByTheNextRun_R19() throws Exception {
        read(Instant.parse("2026-10-20T10:00:00Z"));
        try (Connection retention = StackDatabase.asServiceRole(); Statement purging = retention.createStatement()) {
            purging.execute("select purge_day('2026-10-20', '" + NIGHT + "', 25, 200)");
            try (ResultSet left = purging.executeQuery("select retention_leftovers('" + FIRST_RETAINED
                    + "T00:00:00Z', '" + NIGHT + "')")) {
                left.next();
                assertTrue(left.getString(1).contains("\"detached_partition\": 5"), left.getString(1));
            }
        }
        for (String table : DAILY_TABLES) {
            assertTrue(hasPartition(table, LocalDate.parse("2026-10-20")), table + " is kept, detached, for now");
            assertEquals(0, StackDatabase.count("select count(*) from pg_inherits where inhrelid = to_regclass(?)",
                    table + "_p20261020"), table + "'s partition of the day is no longer attached");
        }

        PurgeReceipt receipt = purge.run(NIGHT).await().indefinitely();

        assertTrue(receipt.completed(), receipt.summary());
        assertEquals(List.of(LocalDate.parse("2026-10-20")), receipt.days());
        assertFalse(hasPartitions(LocalDate.parse("2026-10-20")));
        assertEquals(1L, purgedRows("2026-10-20").get("plate_read"),
                "the day's read is counted once for yearly totals, though two runs purged it (R32)");
    }

    /** What purged_day_rows holds of a purged day, by table. */
    private static Map<String, Long> purgedRows(String day) {
        Map<String, Long> rows = new TreeMap<>();
        try (Connection connection = StackDatabase.superuser();
                Statement statement = connection.createStatement();
                ResultSet counted = statement.executeQuery(
                        "select table_name, row_count from purged_day_rows where day = '" + day + "'")) {
            while (counted.next()) {
                rows.put(counted.getString(1), counted.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /** What a purge of a day returned, and how long a statement sent beside it took. */
    private record PurgeBeside(String receipt, long statementMillis) {
    }

    /**
     * Purges the day in the background while another transaction holds {@code lock}; once the purge waits for
     * {@code heldFor}, times {@code statement} on a connection of its own, then lets the lock go.
     */
    private static PurgeBeside purgeWhileHeld(String day, String lock, String heldFor, String statement)
            throws Exception {
        try (Connection holder = StackDatabase.superuser();
                Statement holding = holder.createStatement();
                Connection retention = StackDatabase.asServiceRole();
                Statement purging = retention.createStatement()) {
            holder.setAutoCommit(false);
            holding.execute(lock);
            CompletableFuture<String> purged = purgeInTheBackground(purging, day);
            Thread.sleep(1000);
            assertFalse(purged.isDone(), "the purge waits for " + heldFor);
            long millis;
            try {
                millis = millisToRun(statement);
            } finally {
                holder.commit();
            }
            return new PurgeBeside(purged.get(30, TimeUnit.SECONDS), millis);
        }
    }

    /**
     * How long the statement took on a connection of its own, waiting at most 3 s for any lock; the connection is
     * opened before the clock starts, so a slow machine's sign-in does not count as waiting for the purge.
     */
    private static long millisToRun(String statement) throws SQLException {
        try (Connection connection = StackDatabase.superuser(); Statement running = connection.createStatement()) {
            running.execute("set lock_timeout = '3s'");
            long start = System.nanoTime();
            running.execute(statement);
            return (System.nanoTime() - start) / 1_000_000;
        }
    }

    /**
     * The job's two statements for one day as of {@link #NIGHT}, on another thread, waiting up to 20 s for each lock;
     * completes with {@code purge_day}'s receipt.
     */
    private static CompletableFuture<String> purgeInTheBackground(Statement purging, String day) throws SQLException {
        purging.execute("set lock_timeout = '20s'");
        return CompletableFuture.supplyAsync(() -> {
            try (ResultSet result = purging.executeQuery("select purge_day('" + day + "', '" + NIGHT + "', 25, 200)")) {
                result.next();
                String receipt = result.getString(1);
                purging.execute("select drop_detached_partitions('" + day + "', '" + NIGHT + "')");
                return receipt;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void receiptsCannotBeChangedOrRemovedEvenByTheSuperuserR19() {
        PurgeReceipt receipt = purge.run(NIGHT).await().indefinitely();

        IllegalStateException changed = assertThrows(IllegalStateException.class, () -> StackDatabase.execute(
                "update purge_receipt set outcome = 'completed', detail = null where id = ?", receipt.id()));
        assertTrue(changed.getMessage().contains("append-only"), changed.getMessage());
        assertThrows(IllegalStateException.class,
                () -> StackDatabase.execute("delete from purge_receipt where id = ?", receipt.id()));
    }

    @Test
    void theRetentionRoleReadsNoDataAndCannotDropTablesItselfR23() throws SQLException {
        read(Instant.parse("2026-11-22T10:00:00Z"));
        try (Connection retention = StackDatabase.asServiceRole(); Statement statement = retention.createStatement()) {
            for (String denied : List.of("select count(*) from plate_read", "select sealed_bytes from read_image",
                    "select wrapped_key from data_key", "select * from purge_receipt", "select * from audit_event",
                    "delete from plate_read", "drop table plate_read_p20261122",
                    "update data_key set wrapped_key = null, destroyed_at = now()")) {
                SQLException refused = assertThrows(SQLException.class, () -> statement.execute(denied), denied);
                assertTrue(refused.getMessage().contains("permission denied")
                        || refused.getMessage().contains("must be owner"), denied + ": " + refused.getMessage());
            }
        }
    }

    private static UUID export(Instant packageExpiresAt) {
        UUID id = UUID.randomUUID();
        StackDatabase.execute("""
                insert into evidence_export (id, created_by, agency, purpose, case_number, read_count, sealed_manifest,
                                             manifest_sha256, signature, package_sha256, sealed_package,
                                             package_expires_at, created_at)
                values (?, 'officer', 'Sheriff', 'criminal-investigation', 'CASE-1', 1, '\\x0304',
                        'abc', 'sig', 'def', '\\x0102', ?, ?)""", id,
                Timestamp.from(packageExpiresAt), Timestamp.from(packageExpiresAt.minus(Duration.ofDays(7))));
        return id;
    }

    private static void assertReceiptStored(PurgeReceipt receipt) {
        assertEquals(receipt.outcome().name().toLowerCase(),
                StackDatabase.text("select outcome from purge_receipt where id = ?", receipt.id()));
        assertEquals(receipt.days().toString().replace(" ", "").replace("[", "{").replace("]", "}"),
                StackDatabase.text("select days::text from purge_receipt where id = ?", receipt.id()));
        assertEquals(receipt.readsPurged(), StackDatabase.count(
                "select (counts ->> 'plate_read')::bigint from purge_receipt where id = ?", receipt.id()));
        assertEquals(30, StackDatabase.count("select retention_days from purge_receipt where id = ?", receipt.id()));
        assertEquals(0, StackDatabase.count("""
                select count(*) from purge_receipt, jsonb_each_text(leftovers) as l (what, rows)
                where id = ? and outcome = 'completed' and l.rows::bigint > 0""", receipt.id()),
                "a completed receipt shows nothing left before the cutoff");
    }

    private static void assertPurgeLogged(PurgeReceipt receipt) {
        Map<String, Object> logged = StackDatabase.lastAudit();
        assertEquals("retention.purge", logged.get("action"));
        assertEquals("retention-service", logged.get("service"));
        assertEquals("retention-job", logged.get("username"));
        assertEquals(receipt.id().toString(), logged.get("target"));
        assertEquals(Long.toString(receipt.readsPurged()), logged.get("result_count"));
        assertTrue(((String) logged.get("data_elements")).contains(
                "\"outcome\": \"" + receipt.outcome().name().toLowerCase() + "\""), (String) logged.get("data_elements"));
    }
}
