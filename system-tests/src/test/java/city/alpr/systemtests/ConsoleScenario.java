package city.alpr.systemtests;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import city.alpr.launcher.RunningSystem;

/**
 * A scenario of people using the web console in a real browser, step by step in the order of its tests, against a
 * whole system started from nothing under one policy and stopped with the browser after the last step.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ConsoleScenario {

    private final String name;
    private final String policy;
    protected RunningSystem system;
    protected ConsoleBrowser browser;

    /**
     * @param name where the system keeps its state and logs, under {@code system-tests/target}
     * @param policy the policy profile in force
     */
    ConsoleScenario(String name, String policy) {
        this.name = name;
        this.policy = policy;
    }

    /** What the scenario needs in the system before anyone opens the console. */
    abstract void prepare() throws Exception;

    /** Configuration the scenario's system starts with beyond a deployment's defaults, as environment variables. */
    Map<String, String> settings() throws Exception {
        return Map.of();
    }

    @BeforeAll
    final void startTheSystemAndTheBrowser() throws Exception {
        system = TestSystem.start(name, policy, settings());
        browser = ConsoleBrowser.launch(system);
        prepare();
    }

    @AfterAll
    final void stopEverything() {
        if (browser != null) {
            browser.close();
        }
        if (system != null) {
            system.close();
        }
    }
}
