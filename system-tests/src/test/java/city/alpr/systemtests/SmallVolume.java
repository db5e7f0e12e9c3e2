package city.alpr.systemtests;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import city.alpr.localstack.StopOnExit;

/**
 * A small filesystem of its own (tmpfs), for a database volume that fills up. Mounting needs root; where the machine
 * refuses, there is none. Unmounted on close, and by the shutdown hook if the test run is interrupted.
 */
final class SmallVolume implements AutoCloseable {

    private final Path mountPoint;

    private SmallVolume(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    static Optional<SmallVolume> mount(Path mountPoint, int megabytes) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        if (run(List.of("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "alpr-small-volume",
                mountPoint.toString())) != 0) {
            return Optional.empty();
        }
        SmallVolume volume = new SmallVolume(mountPoint);
        StopOnExit.register(volume);
        return Optional.of(volume);
    }

    Path path() {
        return mountPoint;
    }

    /** Fills the volume until only {@code leftBytes} are free, with a file {@link #makeRoom()} deletes. */
    void fillLeaving(long leftBytes) throws IOException {
        long fill = Files.getFileStore(mountPoint).getUsableSpace() - leftBytes;
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(filler())) {
            for (long written = 0; written < fill; written += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, fill - written));
            }
        }
    }

    void makeRoom() throws IOException {
        Files.deleteIfExists(filler());
    }

    private Path filler() {
        return mountPoint.resolve("filler");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        StopOnExit.forget(this);
        if (run(List.of("umount", mountPoint.toString())) != 0) {
            throw new IllegalStateException("could not unmount " + mountPoint);
        }
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
