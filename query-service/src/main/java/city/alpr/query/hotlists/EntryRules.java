package city.alpr.query.hotlists;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import city.alpr.common.audit.Actor;
import city.alpr.common.policy.PolicyConfig.PolicyProfile;
import city.alpr.common.policy.PolicyConfig.Purpose;
import city.alpr.common.policy.Role;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemType;
import city.alpr.common.problem.Violation;

/**
 * What a person's hotlist entries must say beyond their fields' formats (R29): a purpose of the policy that is not
 * answering an alert, and a case number, the same for every entry of one request (the request is judged, and logged,
 * for that case), and an expiry within the policy's bound; and who may take an entry off its list.
 */
final class EntryRules {

    private EntryRules() {
    }

    static List<Violation> violations(List<NewEntry> entries, PolicyProfile policy, OffsetDateTime now) {
        List<Violation> violations = new ArrayList<>();
        if (entries.isEmpty()) {
            return violations;
        }
        NewEntry first = entries.getFirst();
        OffsetDateTime latest = now.plus(Duration.ofDays(policy.hotlistEntryMaxDays()));
        for (int index = 0; index < entries.size(); index++) {
            NewEntry entry = entries.get(index);
            Purpose purpose = entry.purpose() == null ? null : policy.purposes().get(entry.purpose());
            if (entry.purpose() != null && purpose == null) {
                violations.add(Violation.atItem(index, "purpose", "is not a purpose this policy allows; one of "
                        + policy.purposes().keySet()));
            } else if (purpose != null && purpose.answersAlert()) {
                violations.add(Violation.atItem(index, "purpose", "answers one alert; a plate is watched for a case"));
            }
            if (index > 0 && !Objects.equals(entry.purpose(), first.purpose())) {
                violations.add(Violation.atItem(index, "purpose", "differs from the first entry's; add the entries of "
                        + "each purpose and case in a request of their own"));
            }
            if (index > 0 && !Objects.equals(entry.caseNumber(), first.caseNumber())) {
                violations.add(Violation.atItem(index, "caseNumber", "differs from the first entry's; add the entries "
                        + "of each case in a request of their own"));
            }
            if (entry.expiresAt() != null && entry.expiresAt().isAfter(latest)) {
                violations.add(Violation.atItem(index, "expiresAt", "lies more than " + policy.hotlistEntryMaxDays()
                        + " days ahead; the policy bounds how long a plate is watched"));
            }
        }
        return violations;
    }

    /** Only the officer who added an entry, or the custodian, removes it. */
    static Optional<ProblemException> removalRefusal(UUID entryId, String owner, Actor remover) {
        return owner.equals(remover.username()) || remover.actsAs(Role.CITY_MANAGER) ? Optional.empty()
                : Optional.of(new ProblemException(ProblemType.FORBIDDEN,
                        "only the officer who added entry " + entryId + " or the custodian removes it"));
    }
}
