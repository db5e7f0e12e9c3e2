package city.alpr.audit.governance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import city.alpr.common.problem.Violation;

/** What the governance records require of what the custodian records (R8, R11). */
final class GovernanceRules {

    /** A contractor grant is for a piece of work, not standing access (R8). */
    static final Duration LONGEST_GRANT = Duration.ofDays(366);

    private GovernanceRules() {
    }

    /** A grant ends after it starts, lasts at most {@link #LONGEST_GRANT}, and has not ended by {@code now}. */
    static List<Violation> grantViolations(NewGrant grant, Instant now) {
        List<Violation> violations = new ArrayList<>();
        if (!grant.endsAt().isAfter(grant.startsAt())) {
            violations.add(Violation.of("endsAt", "must be after startsAt"));
        } else if (Duration.between(grant.startsAt(), grant.endsAt()).compareTo(LONGEST_GRANT) > 0) {
            violations.add(Violation.of("endsAt", "a grant lasts at most " + LONGEST_GRANT.toDays() + " days"));
        }
        if (!grant.endsAt().isAfter(now)) {
            violations.add(Violation.of("endsAt", "must be in the future"));
        }
        return violations;
    }

    /** A training is recorded once completed, and expires after it was completed. */
    static List<Violation> trainingViolations(NewTraining training, Instant now) {
        List<Violation> violations = new ArrayList<>();
        if (training.completedAt().isAfter(now)) {
            violations.add(Violation.of("completedAt", "must not be in the future"));
        }
        if (!training.expiresAt().isAfter(training.completedAt())) {
            violations.add(Violation.of("expiresAt", "must be after completedAt"));
        }
        return violations;
    }
}
