package city.alpr.systemtests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every process a run starts is stopped, and its scratch data deleted, whether the run closes the system the normal
 * way or is stopped from outside with SIGTERM (as Ctrl-C or a CI timeout stops Maven): PostgreSQL, Keycloak, the four
 * services and the web console, and the directory that holds their data.
 */
class StopEverythingIT {

    private static final Duration START_UP = Duration.ofMinutes(4);
    private static final Duration STOPPING = Duration.ofMinutes(2);

    /** The run's JVM, the processes it started, and its scratch directory. */
    private record Run(Process jvm, List<ProcessHandle> ours, Path scratch) {
    }

    @Test
    void aSystemClosedTheNormalWayLeavesNoProcessAndNoScratchData() throws Exception {
        Run run = start("close");
        run.jvm().getOutputStream().write('\n');
        run.jvm().getOutputStream().flush();
        assertTrue(run.jvm().waitFor(STOPPING.toSeconds(), TimeUnit.SECONDS), "the run did not end");
        assertNothingLeft(run);
    }

    @Test
    void aSystemStoppedWithSigtermLeavesNoProcessAndNoScratchData() throws Exception {
        Run run = start("wait");
        run.jvm().destroy();
        assertTrue(run.jvm().waitFor(STOPPING.toSeconds(), TimeUnit.SECONDS), "the run did not stop on SIGTERM");
        assertNothingLeft(run);
    }

    private static Run start(String mode) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dalpr.root=" + System.getProperty("alpr.root", ".."),
                "-Dkeycloak.dist.zip=" + System.getProperty("keycloak.dist.zip"),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-Dlocalstack.machine-tmpdir=" + System.getProperty("localstack.machine-tmpdir",
                        System.getProperty("java.io.tmpdir")),
                StoppableSystem.class.getName(), mode).redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
        Instant deadline = Instant.now().plus(START_UP);
        String line;
        while ((line = output.readLine()) != null) {
            if (line.startsWith(StoppableSystem.READY)) {
                Path scratch = Path.of(line.substring(StoppableSystem.READY.length()));
                List<ProcessHandle> ours = oursOf(jvm, scratch);
                assertTrue(ours.size() >= 7, "PostgreSQL, Keycloak, four services and the console: " + describe(ours));
                Thread.ofVirtual().start(() -> output.lines().forEach(ignored -> {
                }));
                return new Run(jvm, ours, scratch);
            }
            if (Instant.now().isAfter(deadline)) {
                break;
            }
        }
        jvm.destroyForcibly();
        fail("the system did not start within " + START_UP);
        return null;
    }

    /**
     * What the run started: the processes under its JVM, and those that left it (PostgreSQL daemonizes), found by the
     * scratch directory on their command line.
     */
    private static List<ProcessHandle> oursOf(Process jvm, Path scratch) {
        List<ProcessHandle> ours = new ArrayList<>(jvm.descendants().toList());
        ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().map(line -> line.contains(scratch.toString()))
                        .orElse(false))
                .filter(process -> !ours.contains(process))
                .forEach(ours::add);
        return ours;
    }

    private static void assertNothingLeft(Run run) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        List<ProcessHandle> alive = run.ours().stream().filter(ProcessHandle::isAlive).toList();
        while (!alive.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            alive = alive.stream().filter(ProcessHandle::isAlive).toList();
        }
        assertTrue(alive.isEmpty(), "still running: " + describe(alive));
        assertFalse(Files.exists(run.scratch()), "scratch data left in " + run.scratch());
    }

    private static String describe(List<ProcessHandle> processes) {
        return processes.stream().map(process -> process.pid() + " " + process.info().commandLine().orElse("?"))
                .toList().toString();
    }
}
