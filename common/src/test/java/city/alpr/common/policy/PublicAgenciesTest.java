package city.alpr.common.policy;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** R34: the one answer to which agencies are public agencies, which sharing, governance and the report all ask. */
class PublicAgenciesTest {

    @Test
    void onlyStateAndLocalAgenciesArePublicAgencies_R34() {
        assertTrue(PublicAgencies.isPublic("local"));
        assertTrue(PublicAgencies.isPublic("state"));
        for (String level : List.of("federal", "tribal", "private")) {
            assertFalse(PublicAgencies.isPublic(level), level);
        }
    }
}
