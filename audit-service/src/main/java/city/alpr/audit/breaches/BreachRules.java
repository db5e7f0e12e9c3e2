package city.alpr.audit.breaches;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemType;
import city.alpr.common.problem.Violation;

/** What the breach workflow requires of incidents, notices and notifications (R24; Civil Code 1798.82). */
final class BreachRules {

    /** Civil Code 1798.82(j)(3)(B): a conspicuous posting for a minimum of 30 days. */
    static final Duration MINIMUM_POSTING = Duration.ofDays(30);
    /** Civil Code 1798.82(j): who must be told of every breach, besides the public notice. */
    static final List<String> REQUIRED_RECIPIENTS = List.of("media", "state-office-of-information-security");

    private BreachRules() {
    }

    /** An incident is discovered by now, and if it says when it occurred, it ends no earlier than it starts. */
    static List<Violation> incidentViolations(NewIncident incident, Instant now) {
        List<Violation> violations = new ArrayList<>();
        if (incident.discoveredAt().isAfter(now)) {
            violations.add(Violation.of("discoveredAt", "must not be in the future"));
        }
        if (incident.occurredFrom() != null && incident.occurredTo() != null
                && incident.occurredTo().isBefore(incident.occurredFrom())) {
            violations.add(Violation.of("occurredTo", "must not be before occurredFrom"));
        }
        return violations;
    }

    /** A notification is recorded once it was made. */
    static List<Violation> notificationViolations(NewNotification notification, Instant now) {
        return notification.notifiedAt().isAfter(now)
                ? List.of(Violation.of("notifiedAt", "must not be in the future"))
                : List.of();
    }

    /** The earliest a notice posted at {@code postedAt} may come down. */
    static Instant mayBeWithdrawnAt(Instant postedAt) {
        return postedAt.plus(MINIMUM_POSTING);
    }

    /** Why the incident's notice may not come down at {@code now}: none posted, or not up long enough. */
    static Optional<ProblemException> withdrawalRefusal(Incident incident, Instant now) {
        if (incident.noticePostedAt() == null || incident.noticeWithdrawnAt() != null) {
            return Optional.of(new ProblemException(ProblemType.CONFLICT,
                    "incident " + incident.id() + " has no posted notice"));
        }
        if (now.isBefore(incident.noticeMayBeWithdrawnAt())) {
            return Optional.of(new ProblemException(ProblemType.CONFLICT, "a breach notice stays posted at least "
                    + MINIMUM_POSTING.toDays() + " days: this one until " + incident.noticeMayBeWithdrawnAt()));
        }
        return Optional.empty();
    }

    /** What is still owed for an incident: its public notice, then each required recipient not yet notified. */
    static List<String> outstanding(Instant noticePostedAt, List<Incident.Notification> notifications) {
        List<String> outstanding = new ArrayList<>();
        if (noticePostedAt == null) {
            outstanding.add("public-notice");
        }
        for (String recipient : REQUIRED_RECIPIENTS) {
            if (notifications.stream().noneMatch(made -> made.recipient().equals(recipient))) {
                outstanding.add(recipient);
            }
        }
        return outstanding;
    }
}
