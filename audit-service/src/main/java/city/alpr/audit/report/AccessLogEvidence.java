package city.alpr.audit.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import city.alpr.audit.AuditConfig;

/**
 * Every access is logged, append-only and tamper-evident (R16, R17).
 *
 * @param lastSeq the newest record's number; null while the log is empty
 * @param expiredThrough the last record the log's own retention removed, where verification starts
 * @param oldestUnsignedAt when the oldest record no signed checkpoint covers was appended; null if every record is
 */
public record AccessLogEvidence(Long lastSeq, int retentionYears, LastVerification lastVerification,
        LatestCheckpoint latestCheckpoint, ExpiredThrough expiredThrough, Instant oldestUnsignedAt) implements Evidence {

    public record LastVerification(Instant verifiedAt, String verifiedBy, boolean intact, long records, int checkpoints) {
    }

    public record LatestCheckpoint(long number, long seq, Instant signedAt) {
    }

    public record ExpiredThrough(long seq, Instant occurredAt, Instant expiredAt) {
    }

    @Override
    public List<String> attention(Instant now, AuditConfig.Report limits) {
        List<String> attention = new ArrayList<>();
        if (lastVerification == null) {
            attention.add("the log has never been verified");
        } else if (!lastVerification.intact()) {
            attention.add("the last verification found the log broken");
        } else if (lastVerification.verifiedAt().isBefore(now.minus(limits.verificationOverdue()))) {
            attention.add("the log has not been verified in " + Spans.span(limits.verificationOverdue()));
        }
        if (lastSeq != null && lastSeq > (latestCheckpoint == null ? 0 : latestCheckpoint.seq())
                && (latestCheckpoint == null
                        || latestCheckpoint.signedAt().isBefore(now.minus(limits.checkpointOverdue())))) {
            attention.add("no checkpoint signed in " + Spans.last(limits.checkpointOverdue()));
        }
        return attention;
    }
}
