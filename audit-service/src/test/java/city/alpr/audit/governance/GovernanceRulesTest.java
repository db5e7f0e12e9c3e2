package city.alpr.audit.governance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import city.alpr.common.problem.Violation;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** R8, R11, R34: the rules of the governance records, without the database. */
class GovernanceRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static List<String> grantMessages(Instant startsAt, Instant endsAt) {
        return GovernanceRules.grantViolations(new NewGrant("contractor", "RSO-2026-00412", "CM-2026-118", startsAt, endsAt),
                NOW).stream().map(Violation::message).toList();
    }

    private static List<String> trainingFields(Instant completedAt, Instant expiresAt) {
        return GovernanceRules.trainingViolations(new NewTraining("officer", "ALPR usage", completedAt, expiresAt), NOW)
                .stream().map(Violation::field).toList();
    }

    @Test
    void aContractorGrantEndsAfterItStartsAndInTheFuture_R8() {
        assertEquals(List.of("must be after startsAt", "must be in the future"),
                grantMessages(NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofDays(2))));
        assertEquals(List.of("must be in the future"),
                grantMessages(NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(1))));
        assertEquals(List.of(), grantMessages(NOW, NOW.plus(Duration.ofDays(30))));
    }

    @Test
    void aContractorGrantLastsAtMost366Days_R8() {
        assertEquals(List.of("a grant lasts at most 366 days"), grantMessages(NOW, NOW.plus(Duration.ofDays(367))));
        assertEquals(List.of(), grantMessages(NOW, NOW.plus(Duration.ofDays(366))));
    }

    @Test
    void aTrainingIsCompletedByNowAndExpiresAfterCompletion_R11() {
        assertEquals(List.of("completedAt", "expiresAt"), trainingFields(NOW.plusSeconds(60), NOW));
        assertEquals(List.of("expiresAt"), trainingFields(NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofDays(1))));
        assertEquals(List.of(), trainingFields(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(364))));
    }
}
