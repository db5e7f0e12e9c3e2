package city.alpr.query.support;

import java.util.Map;

import city.alpr.common.policy.PolicyConfig;
import city.alpr.common.policy.PolicyConfig.PolicyProfile;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** A shipped policy profile, read from the same configuration the services read, for unit tests of plain rules. */
public final class Policies {

    private Policies() {
    }

    /** @param name {@code wildomar-cs3} or {@code town-000} */
    public static PolicyProfile shipped(String name) {
        return new SmallRyeConfigBuilder().addDefaultSources()
                .withSources(new PropertiesConfigSource(Map.of("alpr.active-policy", name), "the policy under test", 1000))
                .withMapping(PolicyConfig.class, "alpr")
                .withValidateUnknown(false)
                .build()
                .getConfigMapping(PolicyConfig.class, "alpr").policy();
    }
}
