package city.alpr.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import city.alpr.launcher.RunningSystem;
import city.alpr.localstack.ScratchDirectory;
import city.alpr.localstack.StackSecrets;

/** The whole system a system test starts from nothing, its state and its processes' logs in system-tests/target/NAME. */
final class TestSystem {

    private TestSystem() {
    }

    static RunningSystem start(String name, String policy) throws IOException {
        return start(name, policy, Map.of());
    }

    /** @param settings configuration beyond a deployment's defaults, as environment variables of every service */
    static RunningSystem start(String name, String policy, Map<String, String> settings) throws IOException {
        Path state = state(name);
        ScratchDirectory.deleteTree(state);
        Files.createDirectories(state);
        return RunningSystem.start(root(), state, StackSecrets.generate(), RunningSystem.Ports.free(), policy,
                RunningSystem.Use.TRIAL, settings);
    }

    static Path state(String name) {
        return root().resolve("system-tests/target").resolve(name);
    }

    static Path root() {
        return Path.of(System.getProperty("alpr.root", "..")).toAbsolutePath().normalize();
    }
}
