package city.alpr.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./mvnw}, the newcomer's first command: it runs the pinned Maven from a repository in Maven's layout (here the
 * local one), and refuses an archive that is not the pinned one.
 */
class MavenWrapperTest {

    private static final Path ROOT = Path.of(System.getProperty("alpr.root", "..")).toAbsolutePath().normalize();
    private static final Path LOCAL_REPOSITORY = Path.of(System.getProperty("user.home"), ".m2", "repository");
    private static final String ARCHIVE = "org/apache/maven/apache-maven/3.9.11/apache-maven-3.9.11-bin.tar.gz";

    private record Run(int exit, String output) {
    }

    private static Run mvnw(Path userHome, Path repository) throws IOException, InterruptedException {
        ProcessBuilder command = new ProcessBuilder(ROOT.resolve("mvnw").toString(), "-v").redirectErrorStream(true);
        command.environment().put("MAVEN_USER_HOME", userHome.toString());
        command.environment().put("MVNW_REPOURL", repository.toUri().toString());
        Process process = command.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "mvnw did not finish: " + output);
        return new Run(process.exitValue(), output);
    }

    @Test
    void theWrapperRunsThePinnedMavenFromAMirror(@TempDir Path userHome) throws Exception {
        // the local repository stands in for a mirror; ./mvnw put the archive there when it first resolved Maven
        Run first = mvnw(userHome, LOCAL_REPOSITORY);
        assertEquals(0, first.exit(), first.output());
        assertTrue(first.output().contains("Apache Maven 3.9.11"), first.output());
        Run again = mvnw(userHome, userHome.resolve("no-such-mirror"));
        assertEquals(0, again.exit(), "unpacked once, it needs no download: " + again.output());
    }

    @Test
    void theWrapperRefusesAnArchiveThatIsNotThePinnedOne(@TempDir Path scratch) throws Exception {
        Path mirror = scratch.resolve("mirror");
        Path tampered = mirror.resolve(ARCHIVE);
        Files.createDirectories(tampered.getParent());
        Files.write(tampered, "not Maven".getBytes(StandardCharsets.UTF_8));
        Path userHome = scratch.resolve("home");
        Run run = mvnw(userHome, mirror);
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("refused"), run.output());
        assertFalse(Files.exists(userHome.resolve("wrapper/dists/apache-maven-3.9.11")), "nothing unpacked");
    }
}
