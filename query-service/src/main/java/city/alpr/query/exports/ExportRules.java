package city.alpr.query.exports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import city.alpr.common.policy.PolicyConfig.PolicyProfile;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.Violation;

/** Which reads may leave the system as evidence (R12). */
final class ExportRules {

    private ExportRules() {
    }

    /**
     * The Town policy's rule (000 §4): every read exists, and a hotlist alert this officer receives flagged it, or the
     * export is for a criminal investigation with its case number.
     *
     * @param flagged the reads found, each with whether an alert the exporter receives flagged it
     */
    static Optional<ProblemException> refusal(ExportRequest request, Map<UUID, Boolean> flagged, PolicyProfile policy) {
        List<UUID> readIds = request.readIds();
        List<Violation> missing = EvidenceExports.missing(readIds, flagged);
        if (!missing.isEmpty()) {
            return Optional.of(ProblemException.invalid(missing));
        }
        boolean investigation = policy.investigationPurpose().equals(request.purpose()) && request.caseNumber() != null;
        List<Violation> unflagged = new ArrayList<>();
        for (int i = 0; i < readIds.size(); i++) {
            if (!investigation && !flagged.get(readIds.get(i))) {
                unflagged.add(Violation.of("readIds[" + i + "]", "is not flagged by a hotlist alert you receive"));
            }
        }
        if (!unflagged.isEmpty()) {
            return Optional.of(ProblemException.forbidden("reads may be exported only when a hotlist alert you "
                    + "receive flagged them, or for a criminal investigation (purpose " + policy.investigationPurpose()
                    + ") with its case number", unflagged));
        }
        return Optional.empty();
    }
}
