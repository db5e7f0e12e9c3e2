package city.alpr.query.access;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import city.alpr.common.access.Access;
import city.alpr.common.policy.Role;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.Violation;
import city.alpr.query.access.StandingStore.Standing;
import city.alpr.query.support.Policies;
import city.alpr.query.support.SupervisedPolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The policy's rules as plain methods, on the two shipped policies' own text and the test one (R8–R11, R29, R31). */
class PolicyRulesTest {

    private static final Set<Role> EVERYONE = Set.of(Role.values());
    private static final Standing NONE = new Standing(false, false, false, false);
    private static final Standing TRAINED = new Standing(true, false, false, false);

    private static PolicyRules rules(String policy) {
        return new PolicyRules(Policies.shipped(policy), null, null);
    }

    private static Access search(String purpose, String caseNumber, UUID alertId) {
        return Access.toReadData("read.search", EVERYONE, purpose, caseNumber, alertId, null, Map.of(), null);
    }

    private static List<String> fields(List<Violation> violations) {
        return violations.stream().map(Violation::field).toList();
    }

    @Test
    void aSearchStatesAPurposeFromThePolicy_R9() {
        PolicyRules wildomar = rules("wildomar-cs3");
        assertEquals(List.of("purpose"), fields(wildomar.purposeViolations(search(null, null, null))));
        assertEquals(List.of("purpose"), fields(wildomar.purposeViolations(search("curiosity", null, null))));
        assertTrue(wildomar.purposeRefusal(search(null, null, null)).orElseThrow().getMessage()
                .contains("Wildomar"), "the refusal names the policy in force");
    }

    @Test
    void anInvestigationNamesAWellFormedCase_R9() {
        PolicyRules wildomar = rules("wildomar-cs3");
        String investigation = "criminal-investigation";
        assertEquals(List.of("caseNumber"), fields(wildomar.purposeViolations(search(investigation, null, null))));
        assertEquals(List.of("caseNumber"), fields(wildomar.purposeViolations(search(investigation, "a b", null))));
        assertEquals(List.of(), wildomar.purposeViolations(search(investigation, "WPD-2026-17", null)));
    }

    @Test
    void onlyAPurposeAnsweringAnAlertNamesOne_R29() {
        PolicyRules town = rules("town-000");
        UUID alert = UUID.randomUUID();
        assertEquals(List.of("alertId"), fields(town.purposeViolations(search("hotlist-response", null, null))));
        assertEquals(List.of(), town.purposeViolations(search("hotlist-response", null, alert)));
        assertEquals(List.of("alertId"),
                fields(town.purposeViolations(search("criminal-investigation", "TPD-7", alert))));
    }

    @Test
    void withoutCurrentTrainingNobodyIsLetIn_R11() {
        PolicyRules wildomar = rules("wildomar-cs3");
        Optional<ProblemException> refusal = wildomar.standingRefusal(
                search("criminal-investigation", "WPD-1", null), Role.CITY_MANAGER, NONE);
        assertTrue(refusal.orElseThrow().getMessage().contains("training"));
        assertTrue(wildomar.standingRefusal(search("criminal-investigation", "WPD-1", null), Role.CITY_MANAGER,
                TRAINED).isEmpty());
    }

    @Test
    void theContractorNeedsAWrittenGrantForTheCase_R8() {
        PolicyRules wildomar = rules("wildomar-cs3");
        Access access = search("criminal-investigation", "WPD-1", null);
        assertTrue(wildomar.standingRefusal(access, Role.CONTRACTOR, TRAINED).orElseThrow().getMessage()
                .contains("written grant"));
        assertTrue(wildomar.standingRefusal(access, Role.CONTRACTOR, new Standing(true, true, false, false)).isEmpty());
    }

    @Test
    void underWildomarAnOfficerSeesReadDataOnlyWithAnApprovedRequest_R10() {
        PolicyRules wildomar = rules("wildomar-cs3");
        Access access = search("criminal-investigation", "WPD-1", null);
        assertTrue(wildomar.standingRefusal(access, Role.SHERIFF_OFFICER, TRAINED).orElseThrow().getMessage()
                .contains("law-enforcement request"));
        assertTrue(wildomar.standingRefusal(access, Role.SHERIFF_OFFICER, new Standing(true, false, true, false)).isEmpty());
        Access administrative = Access.toRecords("hotlist.list", EVERYONE, Map.of(), null);
        assertTrue(wildomar.standingRefusal(administrative, Role.SHERIFF_OFFICER, TRAINED).isEmpty(),
                "the request is needed for read data, not for the officer's own records");
    }

    @Test
    void underTheTownPolicyATrainedOfficerNeedsNoRequest_R10() {
        PolicyRules town = rules("town-000");
        assertTrue(town.standingRefusal(search("criminal-investigation", "TPD-1", null), Role.SHERIFF_OFFICER,
                TRAINED).isEmpty());
    }

    @Test
    void neitherShippedPolicyAsksForASupervisorsApproval_R31() {
        for (String shipped : List.of("wildomar-cs3", "town-000")) {
            Policies.shipped(shipped).purposes().forEach((name, purpose) -> assertFalse(
                    purpose.requiresSupervisorApproval(), shipped + " asks a supervisor's approval for " + name));
        }
    }

    @Test
    void underAPolicyThatAsksForItAnOfficerNeedsASupervisorsApprovalForTheCase_R31() {
        PolicyRules supervised = new PolicyRules(Policies.of(SupervisedPolicy.CONFIGURATION), null, null);
        Access investigation = search("criminal-investigation", "TPD-1", null);
        assertTrue(supervised.standingRefusal(investigation, Role.SHERIFF_OFFICER, TRAINED).orElseThrow()
                .getMessage().contains("supervisor"));
        assertTrue(supervised.standingRefusal(investigation, Role.SHERIFF_OFFICER,
                new Standing(true, false, false, true)).isEmpty());
        assertTrue(supervised.standingRefusal(investigation, Role.CITY_MANAGER, TRAINED).isEmpty(),
                "the custodian answers to no supervisor");
        assertTrue(supervised.standingRefusal(search("hotlist-response", null, UUID.randomUUID()),
                Role.SHERIFF_OFFICER, TRAINED).isEmpty(), "a purpose the policy does not name needs none");
    }

    @Test
    void aPolicyCannotAskForASupervisorsApprovalOfAPurposeWithoutACase_R31() {
        Map<String, String> caseless = new HashMap<>(SupervisedPolicy.CONFIGURATION);
        caseless.put("alpr.policies." + SupervisedPolicy.NAME + ".purposes.hotlist-response.requires-supervisor-approval",
                "true");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new PolicyRules(Policies.of(caseless), null, null));
        assertTrue(refused.getMessage().contains("hotlist-response"), refused.getMessage());
    }

    @Test
    void aSupervisorsRoleIsNotOneThatEveryOfficerHolds_R31() {
        Map<String, String> everyone = new HashMap<>(SupervisedPolicy.CONFIGURATION);
        everyone.put("alpr.policies." + SupervisedPolicy.NAME + ".supervisor-role", "sheriff-officer");
        assertThrows(IllegalStateException.class, () -> new PolicyRules(Policies.of(everyone), null, null));
    }

    @Test
    void aHotlistResponseReachesOnlyTheAlertsRead_R29() {
        UUID alert = UUID.randomUUID();
        UUID read = UUID.randomUUID();
        Access asSearch = search("hotlist-response", null, alert);
        assertTrue(PolicyRules.confinementRefusal(asSearch, read).isPresent(), "a search finds other reads");
        Access view = Access.toReadData("read.view", EVERYONE, "hotlist-response", null, alert, List.of(read),
                Map.of(), read.toString());
        assertTrue(PolicyRules.confinementRefusal(view, read).isEmpty());
        Access another = Access.toReadData("read.view", EVERYONE, "hotlist-response", null, alert,
                List.of(read, UUID.randomUUID()), Map.of(), null);
        assertEquals(List.of("readIds[1]"),
                fields(PolicyRules.confinementRefusal(another, read).orElseThrow().violations()));
    }
}
