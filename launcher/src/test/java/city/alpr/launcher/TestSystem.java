package city.alpr.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import city.alpr.localstack.ScratchDirectory;
import city.alpr.localstack.StackSecrets;

/** The whole system a system test starts from nothing, its state and its processes' logs in launcher/target/NAME. */
final class TestSystem {

    private TestSystem() {
    }

    static RunningSystem start(String name, String policy) throws IOException {
        Path state = state(name);
        ScratchDirectory.deleteTree(state);
        Files.createDirectories(state);
        return RunningSystem.start(root(), state, StackSecrets.generate(), RunningSystem.Ports.free(), policy,
                RunningSystem.Use.TRIAL);
    }

    static Path state(String name) {
        return root().resolve("launcher/target").resolve(name);
    }

    private static Path root() {
        return Path.of(System.getProperty("alpr.root", "..")).toAbsolutePath().normalize();
    }
}
