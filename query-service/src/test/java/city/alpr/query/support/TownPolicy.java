package city.alpr.query.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The Town policy with the Santa Clara County Sheriff (000): sworn officers search directly and see alerts live. */
public class TownPolicy implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("alpr.active-policy", "town-000");
    }
}
