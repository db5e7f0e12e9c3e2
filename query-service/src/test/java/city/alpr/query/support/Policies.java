package city.alpr.query.support;

import java.util.Map;

import city.alpr.common.policy.PolicyConfig;
import city.alpr.common.policy.PolicyConfig.PolicyProfile;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** A policy profile, read from the same configuration the services read, for unit tests of plain rules. */
public final class Policies {

    private Policies() {
    }

    /** @param name {@code wildomar-cs3} or {@code town-000} */
    public static PolicyProfile shipped(String name) {
        return of(Map.of("alpr.active-policy", name));
    }

    /** The policy the configuration selects: a shipped one, or one a test profile adds ({@link SupervisedPolicy}). */
    public static PolicyProfile of(Map<String, String> configuration) {
        return new SmallRyeConfigBuilder().addDefaultSources()
                .withSources(new PropertiesConfigSource(configuration, "the policy under test", 1000))
                .withMapping(PolicyConfig.class, "alpr")
                .withValidateUnknown(false)
                .build()
                .getConfigMapping(PolicyConfig.class, "alpr").policy();
    }
}
