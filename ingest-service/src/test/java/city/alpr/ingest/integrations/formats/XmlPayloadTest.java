package city.alpr.ingest.integrations.formats;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import city.alpr.common.problem.ProblemException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** R27, the crafted document: XML no camera writes is refused naming the body before it is held, not parsed on. */
class XmlPayloadTest {

    private static ProblemException refused(String document) {
        return assertThrows(ProblemException.class, () -> XmlPayload.parse(document.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aDocumentNestedDeeperThanAnyReadIsRefused_R27() {
        String deep = "<a>".repeat(65) + "x" + "</a>".repeat(65);
        ProblemException problem = refused(deep);
        assertEquals("body", problem.violations().getFirst().field());
        assertTrue(problem.violations().getFirst().message().contains("deep"), problem.violations().toString());
        XmlPayload.parse(("<a>".repeat(64) + "x" + "</a>".repeat(64)).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aDocumentOfMoreElementsThanAFullPostIsRefused_R27() {
        ProblemException problem = refused("<r>" + "<e/>".repeat(60_000) + "</r>");
        assertEquals("body", problem.violations().getFirst().field());
        assertTrue(problem.violations().getFirst().message().contains("elements"), problem.violations().toString());
    }

    @Test
    void anEntityExpansionIsRefusedWithItsDoctype_R27() {
        ProblemException problem = refused("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><r>&b;</r>");
        assertEquals("body", problem.violations().getFirst().field());
    }
}
