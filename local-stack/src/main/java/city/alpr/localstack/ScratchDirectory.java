package city.alpr.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A throwaway directory for a stack that must not outlive its run (tests, benchmarks): PostgreSQL's data can
 * reach gigabytes. Traversable by the PostgreSQL account, which runs the server when this JVM is root. Deleted when
 * closed, or when the JVM is stopped before ({@link StopOnExit}).
 */
public final class ScratchDirectory implements AutoCloseable {

    private final Path path;

    private ScratchDirectory(Path path) {
        this.path = path;
    }

    public static ScratchDirectory create(String prefix) {
        try {
            Path path = Files.createTempDirectory(MachineTemporaryDirectory.path(), prefix);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
            ScratchDirectory scratch = new ScratchDirectory(path);
            StopOnExit.register(scratch);
            return scratch;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path path() {
        return path;
    }

    /** Deletes the directory and everything in it. */
    @Override
    public synchronized void close() {
        StopOnExit.forget(this);
        try {
            deleteTree(path);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + path, e);
        }
    }

    /** Deletes {@code root} and everything in it, if it exists. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
