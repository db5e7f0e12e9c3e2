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
            List<Purpose> purposes,
            @Schema(description = "Where the policy's text is downloaded; absent if this deployment holds no copy") String document,
            @Schema(description = "Each element Civil Code 1798.90.51(b)(2) requires of the policy, with what it says") List<Element> elements) {
    }

    public record Purpose(String name, String description, boolean requiresCaseNumber,
            @Schema(description = "Answering one hotlist alert: reaches only that alert's read") boolean answersAlert,
            @Schema(description = "An officer's access needs a supervisor's approval for the case") boolean requiresSupervisorApproval) {
    }

    /**
     * One element the law requires of a published policy.
     *
     * @param addressed whether the policy's text says it; if not, {@code section} and {@code text} are absent
     * @param text the policy's own words
     */
    @Schema(description = "An element Civil Code 1798.90.51(b)(2) requires of the policy, and what the policy says of it")
    public record Element(String id, String law, String requirement, boolean addressed, String section, String text) {
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
