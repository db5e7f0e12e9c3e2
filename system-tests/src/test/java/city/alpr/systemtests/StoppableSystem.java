package city.alpr.systemtests;

import java.nio.file.Path;

import city.alpr.launcher.RunningSystem;
import city.alpr.localstack.ScratchDirectory;
import city.alpr.localstack.StackSecrets;

/**
 * A run as a benchmark makes one, in a JVM of its own for {@link StopEverythingIT}: the whole system in a scratch
 * directory; then either closed the normal way ({@code close}) or left running until the JVM is stopped
 * ({@code wait}).
 */
public final class StoppableSystem {

    static final String READY = "ready in ";

    private StoppableSystem() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("alpr.root")).toAbsolutePath().normalize();
        ScratchDirectory scratch = ScratchDirectory.create("alpr-stoppable-");
        RunningSystem system = RunningSystem.start(root, scratch.path(), StackSecrets.generate(),
                RunningSystem.Ports.free(), "town-000", RunningSystem.Use.TRIAL);
        System.out.println(READY + scratch.path());
        System.out.flush();
        if (args[0].equals("close")) {
            System.in.read();
            system.close();
            scratch.close();
            return;
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
