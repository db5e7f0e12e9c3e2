package city.alpr.query.hotlists;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import city.alpr.common.audit.Actor;
import city.alpr.common.policy.PolicyConfig.PolicyProfile;
import city.alpr.common.problem.Violation;
import city.alpr.query.support.Policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a person's hotlist entries must say, and who takes one off its list, as plain rules (R6, R29). */
class EntryRulesTest {

    private static final PolicyProfile TOWN = Policies.shipped("town-000");
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 1, 12, 0, 0, 0, ZoneOffset.UTC);

    private static NewEntry entry(String purpose, String caseNumber, int daysAhead) {
        return new NewEntry("7ABC123", "CA", "NCIC", "Reported stolen", purpose, caseNumber, NOW.plusDays(daysAhead));
    }

    private static List<String> fields(List<Violation> violations) {
        return violations.stream().map(violation -> violation.index() + "." + violation.field()).toList();
    }

    @Test
    void aPlateIsWatchedForOneCaseAndPurposeOfThePolicy_R29() {
        assertEquals(List.of(), EntryRules.violations(List.of(entry("criminal-investigation", "TPD-1", 10)), TOWN, NOW));
        assertEquals(List.of("0.purpose"),
                fields(EntryRules.violations(List.of(entry("curiosity", "TPD-1", 10)), TOWN, NOW)));
        assertEquals(List.of("0.purpose"),
                fields(EntryRules.violations(List.of(entry("hotlist-response", "TPD-1", 10)), TOWN, NOW)),
                "a hotlist response answers one alert; it watches no plate");
        assertEquals(List.of("1.caseNumber"), fields(EntryRules.violations(
                List.of(entry("criminal-investigation", "TPD-1", 10), entry("criminal-investigation", "TPD-2", 10)),
                TOWN, NOW)));
    }

    @Test
    void anEntryExpiresWithinThePolicysBound_R29() {
        assertEquals(List.of("0.expiresAt"),
                fields(EntryRules.violations(List.of(entry("criminal-investigation", "TPD-1", 31)), TOWN, NOW)));
        assertEquals(List.of(), EntryRules.violations(List.of(entry("criminal-investigation", "TPD-1", 30)), TOWN, NOW));
    }

    @Test
    void onlyTheEntrysOwnerOrTheCustodianRemovesIt_R6() {
        UUID entry = UUID.randomUUID();
        assertTrue(EntryRules.removalRefusal(entry, "officer", new Actor("officer", "SCCSO", "sheriff-officer"))
                .isEmpty());
        assertTrue(EntryRules.removalRefusal(entry, "officer", new Actor("manager", "The Town", "city-manager"))
                .isEmpty());
        assertTrue(EntryRules.removalRefusal(entry, "officer", new Actor("other", "SCCSO", "sheriff-officer"))
                .orElseThrow().getMessage().contains("only the officer who added entry " + entry));
    }
}
