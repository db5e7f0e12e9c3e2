package city.alpr.audit.transparency;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import city.alpr.common.policy.PolicyConfig.Excerpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** R32: what the transparency page says each shipped policy says of each element the law requires, and only that. */
class PolicyDocumentTest {

    private record Quote(String section, String text) implements Excerpt {
    }

    /** The shipped profile's published elements, as its configuration states them. */
    private static Map<String, Quote> published(String profile) throws IOException {
        Properties shipped = new Properties();
        try (InputStream in = PolicyDocumentTest.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            shipped.load(in);
        }
        String prefix = "alpr.policies." + profile + ".published-elements.";
        Map<String, Quote> quotes = new TreeMap<>();
        shipped.stringPropertyNames().stream().filter(key -> key.startsWith(prefix) && key.endsWith(".section"))
                .forEach(key -> {
                    String element = key.substring(prefix.length(), key.length() - ".section".length());
                    quotes.put(element, new Quote(shipped.getProperty(key),
                            shipped.getProperty(prefix + element + ".text")));
                });
        return quotes;
    }

    private static Optional<String> text(String profile) {
        return Optional.of(PolicyDocument.read("classpath:policies/" + profile + ".txt"));
    }

    @Test
    void wildomarsPolicyAddressesEveryElementInItsOwnWords_R32() throws IOException {
        List<TransparencyReport.Element> elements = PolicyDocument.elements(published("wildomar-cs3"),
                text("wildomar-cs3"));
        assertEquals(List.of("authorized-purposes", "authorized-users", "training", "monitoring", "sharing",
                "custodian", "accuracy", "retention"), elements.stream().map(TransparencyReport.Element::id).toList());
        assertTrue(elements.stream().allMatch(TransparencyReport.Element::addressed));
        TransparencyReport.Element custodian = elements.get(5);
        assertEquals("Civil Code 1798.90.51(b)(2)(E)", custodian.law());
        assertEquals("Section 7", custodian.section());
        assertEquals("The City Manager shall be responsible for implementing this Policy.", custodian.text());
    }

    @Test
    void theTownsTextAsHeldLeavesFourElementsUnaddressedAndThePageSaysSo_R32() throws IOException {
        List<TransparencyReport.Element> elements = PolicyDocument.elements(published("town-000"), text("town-000"));
        assertEquals(List.of("training", "custodian", "accuracy", "retention"), elements.stream()
                .filter(element -> !element.addressed()).map(TransparencyReport.Element::id).toList());
        elements.stream().filter(element -> !element.addressed()).forEach(element -> {
            assertEquals(null, element.text());
            assertFalse(element.requirement().isBlank(), "the page says what the law asks even where the policy is silent");
        });
    }

    @Test
    void aQuoteTheTextDoesNotHoldWordForWordStopsTheService_R32() {
        Map<String, Quote> misquoted = Map.of("retention", new Quote("Section 9",
                "ALPR data shall be stored for a minimum of ninety (90) days and then permanently deleted."));
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> PolicyDocument.elements(misquoted, text("wildomar-cs3")));
        assertTrue(refused.getMessage().contains("retention"), refused.getMessage());
        assertThrows(IllegalStateException.class, () -> PolicyDocument.elements(Map.of("retention",
                new Quote("Section 9", "permanently deleted.")), Optional.empty()), "a quote needs a text to quote");
        assertThrows(IllegalStateException.class, () -> PolicyDocument.elements(Map.of("favourite-colour",
                new Quote("Section 1", "The purpose of this Policy")), text("wildomar-cs3")));
    }

    @Test
    void aQuoteMaySpanTheTextsLineBreaks_R32() {
        List<TransparencyReport.Element> elements = PolicyDocument.elements(Map.of("authorized-purposes",
                new Quote("Section 4",
                        "Only personnel from the Santa Clara County Sheriff `s Office (\"Sheriff's Office\") may download ALPR data for local storage")),
                text("town-000"));
        assertTrue(elements.get(0).addressed());
    }
}
