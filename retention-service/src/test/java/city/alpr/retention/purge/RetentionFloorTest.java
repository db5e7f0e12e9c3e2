package city.alpr.retention.purge;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import city.alpr.localstack.StackDatabase;
import city.alpr.retention.support.CaptureDays;
import io.quarkus.test.junit.QuarkusTest;

import static city.alpr.retention.support.CaptureDays.keyHeld;
import static city.alpr.retention.support.CaptureDays.read;
import static city.alpr.retention.support.CaptureDays.rowsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * R19 enforced by the database, whatever the job or its role asks: no day younger than the retention minimum is
 * purged, no evidence package is cleared before its window closes, and a clock ahead of the database's own is taken
 * only on a rehearsal database, which only the owner marks.
 */
@QuarkusTest
class RetentionFloorTest {

    @Inject
    Purge purge;

    @BeforeEach
    void emptyTimeline() {
        CaptureDays.clear();
    }

    @Test
    void theRetentionRoleCannotPurgeYesterday_R19() throws SQLException {
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        UUID read = read(yesterday.atTime(12, 0).toInstant(ZoneOffset.UTC));
        try (Connection retention = StackDatabase.asServiceRole(); Statement statement = retention.createStatement()) {
            for (String purgeTooSoon : new String[] { "select purge_day(current_date - 1, now(), 25, 200)",
                    "select purge_day(current_date - 29, now(), 25, 200)",
                    "select purge_day(current_date - 1, now() + interval '40 days', 25, 200)",
                    "select drop_detached_partitions(current_date - 1, now())",
                    "select drop_detached_partitions(current_date - 1, now() + interval '40 days')" }) {
                SQLException refused = assertThrows(SQLException.class, () -> statement.execute(purgeTooSoon),
                        purgeTooSoon);
                assertEquals("42501", refused.getSQLState(), refused.getMessage());
            }
        }
        assertEquals(1, rowsOf("plate_read", read), "yesterday's read is still there");
        assertTrue(keyHeld(yesterday));
    }

    @Test
    void aJobsClockAFewMinutesAheadIsTakenAsTheDatabasesNeverADayEarly_R19() {
        assertEquals("true", StackDatabase.text("select (retention_now(now() + interval '3 minutes') = now())::text"),
                "just before midnight, a job's clock just past it purges nothing early: purge_day takes this as now");
    }

    @Test
    void aClockAheadIsHonouredOnlyOnARehearsalDatabase_R19() {
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        UUID read = read(yesterday.atTime(12, 0).toInstant(ZoneOffset.UTC));
        Instant monthAhead = Instant.now().plus(32, ChronoUnit.DAYS);

        PurgeReceipt refused = purge.run(monthAhead).await().indefinitely();

        assertFalse(refused.completed());
        assertTrue(refused.detail().contains("rehearsal"), refused.detail());
        assertEquals(1, rowsOf("plate_read", read));
        assertTrue(keyHeld(yesterday));

        StackDatabase.execute("update retention_guard set rehearsal = true");
        try {
            PurgeReceipt rehearsed = purge.run(monthAhead).await().indefinitely();
            assertTrue(rehearsed.completed(), rehearsed.summary());
            assertEquals(0, rowsOf("plate_read", read));
            assertFalse(keyHeld(yesterday));
        } finally {
            StackDatabase.execute("update retention_guard set rehearsal = false");
        }
    }

    @Test
    void noEvidencePackageIsClearedBeforeItsWindowCloses_R13_R19() throws SQLException {
        UUID open = export(Instant.now().plus(Duration.ofDays(2)), null);
        try (Connection retention = StackDatabase.asServiceRole(); Statement statement = retention.createStatement()) {
            SQLException refused = assertThrows(SQLException.class,
                    () -> statement.execute("select clear_expired_export_packages(now() + interval '30 days')"));
            assertEquals("42501", refused.getSQLState(), refused.getMessage());
        }
        assertEquals(1, StackDatabase.count("select count(*) from evidence_export where id = ? and sealed_package is not null",
                open));
    }

    @Test
    void aPackageLeavesWithTheFirstPurgedDayOfItsReads_R20() {
        Instant night = Instant.parse("2026-11-23T00:15:00Z");
        LocalDate expired = LocalDate.parse("2026-10-20");
        read(expired.atTime(9, 0).toInstant(ZoneOffset.UTC));
        UUID holding = export(night.plus(Duration.ofDays(3)), new LocalDate[] { expired, LocalDate.parse("2026-11-20") });
        UUID other = export(night.plus(Duration.ofDays(3)), new LocalDate[] { LocalDate.parse("2026-11-20") });

        PurgeReceipt receipt = purge.run(night).await().indefinitely();

        assertTrue(receipt.completed(), receipt.summary());
        assertEquals(1L, receipt.counts().get("evidence_export_package"));
        assertNull(StackDatabase.text("select sealed_package::text from evidence_export where id = ?", holding),
                "a package holding a read of a purged day is cleared, though its download window is open");
        assertNull(StackDatabase.text("select sealed_manifest::text from evidence_export where id = ?", holding),
                "its manifest (which lists the hash of reads.csv) goes with it");
        assertEquals("abc", StackDatabase.text("select manifest_sha256 from evidence_export where id = ?", holding),
                "the manifest's hash stays, and recognises the package presented later");
        assertEquals(1, StackDatabase.count("select count(*) from evidence_export where id = ? and sealed_package is not null",
                other));
    }

    private static UUID export(Instant packageExpiresAt, LocalDate[] captureDays) {
        UUID id = UUID.randomUUID();
        StackDatabase.execute("""
                insert into evidence_export (id, created_by, agency, purpose, case_number, read_count, sealed_manifest,
                                             manifest_sha256, signature, package_sha256, sealed_package,
                                             package_expires_at, capture_days)
                values (?, 'officer', 'Sheriff', 'criminal-investigation', 'CASE-1', 1, '\\x0304', 'abc', 'sig', 'def',
                        '\\\\x0102', ?, ?::date[])""", id, Timestamp.from(packageExpiresAt),
                captureDays == null ? null
                        : "{" + String.join(",", Arrays.stream(captureDays)
                                .map(LocalDate::toString).toList()) + "}");
        return id;
    }
}
