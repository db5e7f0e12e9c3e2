package city.alpr.query.exports;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import city.alpr.common.policy.PolicyConfig.PolicyProfile;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.Violation;
import city.alpr.query.support.Policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which reads may be exported as evidence, as a plain rule over the Town policy (R12). */
class ExportRulesTest {

    private static final PolicyProfile TOWN = Policies.shipped("town-000");
    private static final UUID FLAGGED = UUID.randomUUID();
    private static final UUID UNFLAGGED = UUID.randomUUID();
    private static final Map<UUID, Boolean> FOUND = Map.of(FLAGGED, true, UNFLAGGED, false);

    private static ExportRequest export(String purpose, String caseNumber, UUID... reads) {
        return new ExportRequest(purpose, caseNumber, null, List.of(reads));
    }

    private static List<String> fields(ProblemException problem) {
        return problem.violations().stream().map(Violation::field).toList();
    }

    @Test
    void aReadAHotlistAlertFlaggedMayBeExported_R12() {
        assertTrue(ExportRules.refusal(export("hotlist-response", null, FLAGGED), FOUND, TOWN).isEmpty());
    }

    @Test
    void anUnflaggedReadOnlyForACriminalInvestigationWithItsCase_R12() {
        ProblemException refused = ExportRules.refusal(export("hotlist-response", null, FLAGGED, UNFLAGGED), FOUND,
                TOWN).orElseThrow();
        assertEquals(List.of("readIds[1]"), fields(refused));
        assertTrue(refused.getMessage().contains("criminal-investigation"));
        assertTrue(ExportRules.refusal(export("criminal-investigation", "TPD-2026-4", UNFLAGGED), FOUND, TOWN)
                .isEmpty());
    }

    @Test
    void aReadThatDoesNotExistIsNamed_R12() {
        ProblemException refused = ExportRules.refusal(
                export("criminal-investigation", "TPD-2026-4", FLAGGED, UUID.randomUUID()), FOUND, TOWN).orElseThrow();
        assertEquals(List.of("readIds[1]"), fields(refused));
    }
}
