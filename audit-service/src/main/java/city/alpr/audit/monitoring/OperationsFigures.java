package city.alpr.audit.monitoring;

import java.time.Instant;

/**
 * What the operators' alerts watch in the database, as last counted: the access log's latest verification and its
 * oldest record no checkpoint covers yet, and the latest purge.
 *
 * @param chainIntact the latest verification's verdict; null if the log was never verified
 * @param oldestUnsigned when the oldest record after the newest checkpoint was appended; null if none is
 * @param lastPurgeFailed whether the latest purge's receipt says it failed; null if none ran
 */
record OperationsFigures(Boolean chainIntact, Instant lastVerified, Instant oldestUnsigned, Instant lastPurgeCompleted,
        Boolean lastPurgeFailed) {
}
