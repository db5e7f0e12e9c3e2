package city.alpr.query.sharing;

import java.util.List;
import java.util.Optional;

import city.alpr.common.policy.PolicyConfig.PolicyProfile;
import city.alpr.common.policy.PublicAgencies;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemType;
import city.alpr.common.problem.Violation;
import city.alpr.query.sharing.ShareStore.Agency;

/** Who may receive shared data at all (Wildomar CS3 §6, Town 003 §1, Civil Code 1798.90.5 and .55; R14, R34). */
final class SharingRules {

    private SharingRules() {
    }

    /** A share serves one case. */
    static Optional<ProblemException> caseRefusal(String caseNumber) {
        return caseNumber == null || caseNumber.isBlank()
                ? Optional.of(ProblemException.invalid(
                        List.of(Violation.of("caseNumber", "is required: a share serves one case"))))
                : Optional.empty();
    }

    /**
     * Only to a registered, active agency; under a policy with a sharing state, only to a state or local agency of
     * that state.
     */
    static Optional<ProblemException> recipientRefusal(String agencyId, Optional<Agency> registered,
            PolicyProfile policy) {
        if (registered.isEmpty()) {
            return Optional.of(new ProblemException(ProblemType.FORBIDDEN,
                    "data may be shared only with a registered agency; " + agencyId + " is not registered"));
        }
        Agency agency = registered.get();
        if (!agency.active()) {
            return Optional.of(new ProblemException(ProblemType.FORBIDDEN,
                    "agency " + agencyId + " is no longer registered to receive data"));
        }
        String state = policy.sharingState();
        if (!state.isBlank() && (!state.equals(agency.state()) || !PublicAgencies.isPublic(agency.level()))) {
            return Optional.of(new ProblemException(ProblemType.FORBIDDEN,
                    "under " + policy.title() + " data may be shared only with state or local agencies of " + state
                            + " (Civil Code 1798.90.5, .55); " + agencyId + " is a " + agency.level() + " agency of "
                            + agency.state()));
        }
        return Optional.empty();
    }
}
