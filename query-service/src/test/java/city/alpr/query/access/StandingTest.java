package city.alpr.query.access;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import city.alpr.query.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

import static city.alpr.query.support.Stack.RECRUIT;
import static city.alpr.query.support.Stack.as;
import static city.alpr.query.support.Stack.lastAudit;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The policy's standing checks hold for every access this service judges, not only for searches and views: without a
 * current training record nobody gets in (R11). Without the policy's checks in the gate, these would pass on role
 * alone.
 */
@QuarkusTest
class StandingTest {

    @BeforeEach
    void prepare() {
        Fixtures.prepare();
    }

    @Test
    void anOfficerWithoutTrainingIsRefusedTheHotlistsAndTheAlertsToo_R11() {
        as(RECRUIT).get("/v1/hotlists").then().statusCode(403).body("detail", containsString("training"));
        assertRefused("hotlist.list", RECRUIT);
        as(RECRUIT).get("/v1/alerts").then().statusCode(403).body("detail", containsString("training"));
        assertRefused("alert.list", RECRUIT);
    }

    private static void assertRefused(String action, String username) {
        Map<String, Object> logged = lastAudit();
        assertEquals(action, logged.get("action"));
        assertEquals(username, logged.get("username"));
        assertEquals("refused", logged.get("outcome"));
    }
}
