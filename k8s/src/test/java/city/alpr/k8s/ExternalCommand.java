package city.alpr.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs a tool (kubectl, node, npm) to completion and keeps what it printed. */
record ExternalCommand(List<String> command, Path directory) {

    record Result(int exitCode, String stdout, String stderr) {

        boolean succeeded() {
            return exitCode == 0;
        }
    }

    Result run() {
        return run("");
    }

    Result run(String stdin) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).start();
            // both streams are drained at once, so a tool that fills one of them cannot block on it
            CompletableFuture<String> stdout = drain(process.getInputStream());
            CompletableFuture<String> stderr = drain(process.getErrorStream());
            try (OutputStream input = process.getOutputStream()) {
                input.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            int exitCode = process.waitFor();
            return new Result(exitCode, stdout.join(), stderr.join());
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
