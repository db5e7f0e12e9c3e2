package city.alpr.audit.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import city.alpr.audit.AuditConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** R18: what each section of the compliance report flags for attention, from its evidence alone. */
class ReportAttentionTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final AuditConfig.Report LIMITS = ReportLimits.defaults();

    private static Instant ago(Duration duration) {
        return NOW.minus(duration);
    }

    private static RetentionEvidence retention(boolean beyond, LocalDate oldestDay, Instant finished, String outcome) {
        return new RetentionEvidence(30, oldestDay, null, beyond, 0,
                finished == null ? null
                        : new RetentionEvidence.LastPurge(finished, outcome, finished, List.of(), List.of(), Map.of()));
    }

    @Test
    void readsHeldBeyondTheRetentionPeriodNeedAttention_R19() {
        assertEquals(List.of("reads older than the retention period are held"),
                retention(true, null, null, null).attention(NOW, LIMITS));
    }

    @Test
    void heldDaysWithoutACompletedPurgeInTwoDaysNeedAttention_R20() {
        LocalDate held = LocalDate.parse("2026-11-01");
        List<String> unpurged = List.of("no completed purge in the last two days");
        assertEquals(unpurged, retention(false, held, null, null).attention(NOW, LIMITS));
        assertEquals(unpurged, retention(false, held, ago(Duration.ofDays(3)), "completed").attention(NOW, LIMITS));
        assertEquals(unpurged, retention(false, held, ago(Duration.ofHours(1)), "failed").attention(NOW, LIMITS));
        assertEquals(List.of(), retention(false, held, ago(Duration.ofHours(47)), "completed").attention(NOW, LIMITS));
        assertEquals(List.of(), retention(false, null, null, null).attention(NOW, LIMITS));
    }

    private static AccessLogEvidence log(Long lastSeq, AccessLogEvidence.LastVerification verification,
            AccessLogEvidence.LatestCheckpoint checkpoint) {
        return new AccessLogEvidence(lastSeq, 3, verification, checkpoint, null, null);
    }

    private static AccessLogEvidence.LastVerification verified(Instant at, boolean intact) {
        return new AccessLogEvidence.LastVerification(at, "auditor", intact, 10, 1);
    }

    @Test
    void aLogNeverVerifiedBrokenOrNotVerifiedInSevenDaysNeedsAttention_R17() {
        AccessLogEvidence.LatestCheckpoint fresh = new AccessLogEvidence.LatestCheckpoint(1, 10, ago(Duration.ofHours(1)));
        assertEquals(List.of("the log has never been verified"), log(10L, null, fresh).attention(NOW, LIMITS));
        assertEquals(List.of("the last verification found the log broken"),
                log(10L, verified(ago(Duration.ofHours(1)), false), fresh).attention(NOW, LIMITS));
        assertEquals(List.of("the log has not been verified in seven days"),
                log(10L, verified(ago(Duration.ofDays(8)), true), fresh).attention(NOW, LIMITS));
        assertEquals(List.of(), log(10L, verified(ago(Duration.ofDays(6)), true), fresh).attention(NOW, LIMITS));
    }

    @Test
    void recordsLeftUnsignedByACheckpointForADayNeedAttention_R17() {
        AccessLogEvidence.LastVerification intact = verified(ago(Duration.ofHours(1)), true);
        List<String> unsigned = List.of("no checkpoint signed in the last day");
        assertEquals(unsigned, log(1L, intact, null).attention(NOW, LIMITS));
        assertEquals(unsigned, log(11L, intact, new AccessLogEvidence.LatestCheckpoint(1, 10, ago(Duration.ofHours(25))))
                .attention(NOW, LIMITS));
        assertEquals(List.of(), log(11L, intact, new AccessLogEvidence.LatestCheckpoint(1, 10, ago(Duration.ofHours(23))))
                .attention(NOW, LIMITS));
        assertEquals(List.of(), log(10L, intact, new AccessLogEvidence.LatestCheckpoint(1, 10, ago(Duration.ofDays(9))))
                .attention(NOW, LIMITS));
        assertEquals(List.of(), log(null, intact, null).attention(NOW, LIMITS));
    }

    @Test
    void nobodyHoldingACurrentTrainingRecordNeedsAttention_R11() {
        assertEquals(List.of("nobody holds a current training record"),
                new TrainingEvidence(0, 0, 3).attention(NOW, LIMITS));
        assertEquals(List.of(), new TrainingEvidence(1, 1, 0).attention(NOW, LIMITS));
    }

    @Test
    void aLawEnforcementRequestWaitingMoreThanSevenDaysNeedsAttention_R10() {
        assertEquals(List.of("law-enforcement requests waiting more than seven days"),
                new AccessControlEvidence(0, 1, 0, 0, ago(Duration.ofDays(8))).attention(NOW, LIMITS));
        assertEquals(List.of(), new AccessControlEvidence(0, 1, 0, 0, ago(Duration.ofDays(6))).attention(NOW, LIMITS));
        assertEquals(List.of(), new AccessControlEvidence(0, 0, 0, 0, null).attention(NOW, LIMITS));
    }

    @Test
    void dataSharedWithAnAgencyThatIsNotStateOrLocalNeedsAttention_R34() {
        assertEquals(List.of("data was shared with an agency that is not a state or local agency"),
                new SharingEvidence(1, List.of(), true).attention(NOW, LIMITS));
        assertEquals(List.of(), new SharingEvidence(1, List.of(), false).attention(NOW, LIMITS));
    }

    private static final HotlistEvidence.Dispositions NO_DISPOSITIONS = new HotlistEvidence.Dispositions(0, 0, 0, 2);

    @Test
    void alertsWithoutADispositionForADayNeedAttention_R7() {
        assertEquals(List.of("alerts without a disposition for more than a day"),
                new HotlistEvidence(5, 2, 1, NO_DISPOSITIONS, List.of()).attention(NOW, LIMITS));
        assertEquals(List.of(), new HotlistEvidence(5, 2, 0, NO_DISPOSITIONS, List.of()).attention(NOW, LIMITS));
    }

    @Test
    void aStaleHotlistFeedOrARefusedFileNeedsAttention_R6() {
        HotlistEvidence.Feed stale = new HotlistEvidence.Feed("ca-svs", "clew-svs", NOW.minusSeconds(200_000),
                NOW.minusSeconds(200_000), 3, true, null);
        HotlistEvidence.Feed refused = new HotlistEvidence.Feed("ncic", "ncic", NOW, NOW, 7, false,
                "line 3: record type 'Q' is not an NCIC record type");
        HotlistEvidence.Feed never = new HotlistEvidence.Feed("ca-slr", "clew-slr", null, null, 0, true, null);
        assertEquals(List.of("hotlist feed ca-svs is stale: the file it imported last was written "
                + NOW.minusSeconds(200_000),
                "hotlist feed ncic refused its last file: line 3: record type 'Q' is not an NCIC record type",
                "hotlist feed ca-slr is stale: no file was ever imported"),
                new HotlistEvidence(5, 2, 0, NO_DISPOSITIONS, List.of(stale, refused, never)).attention(NOW, LIMITS));
    }

    private static AuditEvidence.LastRun run(Instant startedAt) {
        return new AuditEvidence.LastRun(UUID.randomUUID(), startedAt, startedAt, startedAt, null);
    }

    @Test
    void noAuditRunInFortyFiveDaysOrARunUnsignedForThirtyDaysNeedsAttention_R18() {
        assertEquals(List.of("no audit has been run"), new AuditEvidence(null, 0, Map.of(), null).attention(NOW, LIMITS));
        assertEquals(List.of("no audit run in the last 45 days", "audit runs unsigned for more than 30 days"),
                new AuditEvidence(run(ago(Duration.ofDays(46))), 1, Map.of(), ago(Duration.ofDays(46)))
                        .attention(NOW, LIMITS));
        assertEquals(List.of("audit runs unsigned for more than 30 days"),
                new AuditEvidence(run(ago(Duration.ofDays(1))), 2, Map.of(), ago(Duration.ofDays(31)))
                        .attention(NOW, LIMITS));
        assertEquals(List.of(), new AuditEvidence(run(ago(Duration.ofDays(29))), 1, Map.of(), ago(Duration.ofDays(29)))
                .attention(NOW, LIMITS));
    }

    @Test
    void anIncidentWithoutANoticeOrWithoutTheMediaAndStateNotifiedNeedsAttention_R24() {
        assertEquals(List.of("an incident has no public notice",
                "an incident has not been notified to the media and the Office of Information Security"),
                new BreachEvidence(1, 0, 1, 1).attention(NOW, LIMITS));
        assertEquals(List.of(), new BreachEvidence(1, 1, 0, 0).attention(NOW, LIMITS));
    }

    @Test
    void purposeAndExportsFlagNothing_R9_R12() {
        assertEquals(List.of(), new PurposeEvidence(30, Map.of("investigation", 3L), 1, 2, List.of()).attention(NOW, LIMITS));
        assertEquals(List.of(), new ExportEvidence(1, 10, 0).attention(NOW, LIMITS));
    }
}
