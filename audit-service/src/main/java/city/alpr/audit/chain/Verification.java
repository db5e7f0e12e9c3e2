package city.alpr.audit.chain;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a verification of the access log found (R17).
 *
 * @param intact no record edited, removed, inserted or reordered, and every checkpoint genuine and matched
 * @param startsAfter the last record removed by the log's own retention (0 if none): where the chain starts
 * @param firstSeq the first record checked, if any
 * @param lastSeq the last record checked, if any
 * @param records how many records were checked
 * @param headHash the chain hash of the last record, hex
 * @param checkpoints how many signed checkpoints were matched against the recomputed chain
 * @param breaks what is wrong: checkpoints first, then records in log order; at most
 *        {@value ChainWalk#MAX_BREAKS}
 */
@Schema(description = "The result of verifying the access log's hash chain and signed checkpoints")
public record Verification(boolean intact, Instant verifiedAt, long startsAfter, Long firstSeq, Long lastSeq,
        long records, String headHash, int checkpoints, List<Break> breaks, long durationMs) {

    /**
     * One problem found.
     *
     * @param kind {@code altered}, {@code missing}, {@code out-of-sequence}, {@code checkpoint-mismatch},
     *        {@code checkpoint-forged}, {@code checkpoint-missing} or {@code truncated}
     * @param seq the record it concerns, if one
     * @param checkpoint the checkpoint it concerns, if one
     */
    public record Break(String kind, Long seq, Long checkpoint, String detail) {
    }
}
