package city.alpr.query.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

import static java.util.Map.entry;

/**
 * A third policy, for tests only (R31): the Town policy's terms, except that an officer's criminal investigation needs
 * a supervisor's approval naming the officer, the case and the purpose, lasting at most two days, and that only the
 * custodian sees every alert (an officer those of the plates they watch). Neither shipped policy requires an approval.
 */
public class SupervisedPolicy implements QuarkusTestProfile {

    public static final String NAME = "supervised-test";
    public static final int MAX_HOURS = 48;
    public static final Map<String, String> CONFIGURATION = Map.ofEntries(
            entry("alpr.active-policy", NAME),
            entry("alpr.policies." + NAME + ".title",
                    "Test policy: the Town policy with supervisor approval of investigations"),
            entry("alpr.policies." + NAME + ".custodian-agency", "The Town"),
            entry("alpr.policies." + NAME + ".law-enforcement-agency", "Santa Clara County Sheriff's Office"),
            entry("alpr.policies." + NAME + ".officer-access", "direct"),
            entry("alpr.policies." + NAME + ".alert-roles", "city-manager"),
            entry("alpr.policies." + NAME + ".supervisor-approval-max-hours", String.valueOf(MAX_HOURS)),
            entry("alpr.policies." + NAME + ".purposes.hotlist-response.description", "Responding to a hotlist match"),
            entry("alpr.policies." + NAME + ".purposes.hotlist-response.answers-alert", "true"),
            entry("alpr.policies." + NAME + ".purposes.criminal-investigation.description", "A criminal investigation"),
            entry("alpr.policies." + NAME + ".purposes.criminal-investigation.requires-case-number", "true"),
            entry("alpr.policies." + NAME + ".purposes.criminal-investigation.requires-supervisor-approval", "true"));

    @Override
    public Map<String, String> getConfigOverrides() {
        return CONFIGURATION;
    }
}
