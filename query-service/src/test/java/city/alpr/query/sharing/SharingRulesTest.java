package city.alpr.query.sharing;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import city.alpr.common.policy.PolicyConfig.PolicyProfile;
import city.alpr.query.sharing.ShareStore.Agency;
import city.alpr.query.support.Policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who may receive shared reads, as plain rules over the shipped policies (R14, R34). */
class SharingRulesTest {

    private static final PolicyProfile WILDOMAR = Policies.shipped("wildomar-cs3");

    private static String refusal(Agency agency) {
        return SharingRules.recipientRefusal(agency.id(), Optional.of(agency), WILDOMAR).orElseThrow().getMessage();
    }

    @Test
    void aShareServesOneCase_R14() {
        assertEquals("caseNumber",
                SharingRules.caseRefusal(" ").orElseThrow().violations().getFirst().field());
        assertTrue(SharingRules.caseRefusal("WPD-1").isEmpty());
    }

    @Test
    void onlyARegisteredActiveAgencyReceivesData_R14() {
        assertTrue(SharingRules.recipientRefusal("nowhere", Optional.empty(), WILDOMAR).orElseThrow().getMessage()
                .contains("not registered"));
        assertTrue(refusal(new Agency("rso", "Riverside County Sheriff", "CA", "local", false))
                .contains("no longer registered"));
        assertTrue(SharingRules.recipientRefusal("rso",
                Optional.of(new Agency("rso", "Riverside County Sheriff", "CA", "local", true)), WILDOMAR).isEmpty());
        assertTrue(SharingRules.recipientRefusal("doj",
                Optional.of(new Agency("doj", "California DOJ", "CA", "state", true)), WILDOMAR).isEmpty());
    }

    @Test
    void neverAFederalOrOutOfStateAgency_R34() {
        assertTrue(refusal(new Agency("fbi", "FBI Los Angeles", "CA", "federal", true)).contains("federal agency"));
        assertTrue(refusal(new Agency("azdps", "Arizona DPS", "AZ", "state", true)).contains("state agency of AZ"));
        assertTrue(refusal(new Agency("acme", "Acme Repossessions", "CA", "private", true)).contains("private"));
    }
}
