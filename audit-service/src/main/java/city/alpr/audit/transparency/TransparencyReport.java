package city.alpr.audit.transparency;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import city.alpr.audit.chain.Checkpoint;

/**
 * What the public may know of the system (R26): the policy in force, the cameras, how much is held, and how it was
 * used in the last 30 days, in counts only: no plate, no name, no case number.
 */
@Schema(description = "The public transparency page")
public record TransparencyReport(Instant generatedAt, Instant periodFrom, Instant periodTo, Policy policy,
        Cameras cameras, long readsHeld, LocalDate oldestDayHeld, Map<String, Long> searchesByPurpose,
        long refusedAccesses, HotlistHits hotlistHits, List<Recipient> sharingRecipients, long evidenceExports,
        Instant lastPurge, long breachNoticesPosted, AccessLog accessLog) {

    public record Policy(String profile, String title, int retentionDays, String officerAccess, String sharingState,
            @Schema(description = "The longest a person may watch a plate on a hotlist, in days") int hotlistEntryMaxDays,
            List<Purpose> purposes) {
    }

    public record Purpose(String name, String description, boolean requiresCaseNumber,
            @Schema(description = "Answering one hotlist alert: reaches only that alert's read") boolean answersAlert) {
    }

    public record Cameras(long total, long active, List<Site> sites) {
    }

    public record Site(String id, String site, boolean active) {
    }

    public record HotlistHits(long raised, long confirmed, long misread, long dismissed, long awaitingDisposition) {
    }

    public record Recipient(String agency, long shares, long reads) {
    }

    /**
     * The newest signed checkpoint of the access log and the key to check it with, so that anyone can keep a copy
     * and later hold the log to it.
     *
     * @param signedText how the signed text is formed from the checkpoint's fields
     */
    public record AccessLog(Checkpoint latestCheckpoint, String verifyingKey, String keyAlgorithm, String signedText) {
    }
}
