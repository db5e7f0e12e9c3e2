package city.alpr.audit.breaches;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.Violation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** R24: the rules of the breach workflow, without the database. */
class BreachRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static NewIncident incident(Instant discoveredAt, Instant occurredFrom, Instant occurredTo) {
        return new NewIncident("Gateway secret exposed", "A secret in a ticket.", discoveredAt, occurredFrom, occurredTo,
                List.of("plate-reads"), null);
    }

    private static Incident posted(Instant postedAt, Instant withdrawnAt) {
        return new Incident(UUID.randomUUID(), "t", "d", NOW, null, null, List.of("images"), null, "manager", NOW,
                postedAt == null ? null : "Notice", postedAt == null ? null : "Body", postedAt,
                postedAt == null ? null : BreachRules.mayBeWithdrawnAt(postedAt), withdrawnAt, List.of(), List.of());
    }

    private static Incident.Notification notified(String recipient) {
        return new Incident.Notification(UUID.randomUUID(), recipient, "Recipient", NOW, "email", null, "manager");
    }

    @Test
    void anIncidentCannotBeDiscoveredInTheFuture_R24() {
        assertEquals(List.of("discoveredAt"), BreachRules.incidentViolations(incident(NOW.plusSeconds(60), null, null), NOW)
                .stream().map(Violation::field).toList());
        assertEquals(List.of(), BreachRules.incidentViolations(incident(NOW, null, null), NOW));
    }

    @Test
    void anIncidentCannotEndBeforeItBegan_R24() {
        assertEquals(List.of("occurredTo"), BreachRules
                .incidentViolations(incident(NOW, NOW.minusSeconds(60), NOW.minusSeconds(120)), NOW)
                .stream().map(Violation::field).toList());
        assertEquals(List.of(), BreachRules.incidentViolations(incident(NOW, NOW.minusSeconds(120), null), NOW));
    }

    @Test
    void aNotificationCannotBeRecordedBeforeItIsMade_R24() {
        NewNotification tomorrow = new NewNotification("media", "Press", NOW.plus(Duration.ofDays(1)), "email", null);
        NewNotification anHourAgo = new NewNotification("media", "Press", NOW.minus(Duration.ofHours(1)), "email", null);
        assertEquals(List.of("notifiedAt"),
                BreachRules.notificationViolations(tomorrow, NOW).stream().map(Violation::field).toList());
        assertEquals(List.of(), BreachRules.notificationViolations(anHourAgo, NOW));
    }

    @Test
    void aNoticeStaysPostedAtLeastThirtyDays_R24() {
        Instant postedAt = NOW.minus(Duration.ofDays(29));
        assertEquals(postedAt.plus(Duration.ofDays(30)), BreachRules.mayBeWithdrawnAt(postedAt));
        ProblemException tooSoon = BreachRules.withdrawalRefusal(posted(postedAt, null), NOW).orElseThrow();
        assertTrue(tooSoon.getMessage().contains("at least 30 days"), tooSoon.getMessage());
        assertTrue(BreachRules.withdrawalRefusal(posted(NOW.minus(Duration.ofDays(30)), null), NOW).isEmpty());
    }

    @Test
    void aNoticeNeverPostedOrAlreadyWithdrawnCannotBeWithdrawn_R24() {
        assertTrue(BreachRules.withdrawalRefusal(posted(null, null), NOW).orElseThrow().getMessage()
                .contains("has no posted notice"));
        assertTrue(BreachRules.withdrawalRefusal(posted(NOW.minus(Duration.ofDays(40)), NOW.minus(Duration.ofDays(1))), NOW)
                .orElseThrow().getMessage().contains("has no posted notice"));
    }

    @Test
    void anIncidentOwesItsNoticeAndTheMediaAndStateUntilEachIsDone_R24() {
        assertEquals(List.of("public-notice", "media", "state-office-of-information-security"),
                BreachRules.outstanding(null, List.of()));
        assertEquals(List.of("state-office-of-information-security"),
                BreachRules.outstanding(NOW, List.of(notified("media"), notified("affected-individuals"))));
        assertEquals(List.of(), BreachRules.outstanding(NOW,
                List.of(notified("state-office-of-information-security"), notified("media"))));
    }
}
