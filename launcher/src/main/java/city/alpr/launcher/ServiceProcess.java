package city.alpr.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import city.alpr.localstack.Processes;
import city.alpr.localstack.Readiness;
import city.alpr.localstack.ScratchDirectory;
import city.alpr.localstack.ServerJvm;
import city.alpr.localstack.StopOnExit;

/** One of our Quarkus services, started from its packaged jar as a process of its own. */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code <root>/<module>/target/quarkus-app/quarkus-run.jar} and waits until it reports ready. */
    public static ServiceProcess start(Path root, String module, int port, Map<String, String> environment, Path logs)
            throws IOException {
        ServiceProcess service = launch(root, module, port, environment, logs, List.of());
        if (!service.awaitReady(Duration.ofMillis(300))) {
            service.close();
            throw new IllegalStateException(module + " was not ready within " + READY_TIMEOUT + "; the end of "
                    + service.log + ":\n" + Processes.tail(service.log));
        }
        return service;
    }

    /** Starts the service as a server on {@code port} with extra JVM options, and returns at once. */
    public static ServiceProcess launch(Path root, String module, int port, Map<String, String> environment, Path logs,
            List<String> jvmOptions) throws IOException {
        Files.createDirectories(logs);
        Path log = logs.resolve(module + ".log");
        ProcessBuilder builder = command(root, module, jvmOptions, List.of(), environment, log);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        ServiceProcess service = new ServiceProcess(builder.start(), port, log);
        StopOnExit.register(service);
        return service;
    }

    /**
     * The command that runs the service's packaged jar with these JVM options and program arguments (such as the
     * retention job's {@code purge}), its output going to {@code log}, and its temporary files (uploads, Vert.x's
     * cache) to a directory beside it, emptied at every start (a process killed leaves its files there, not in the
     * machine's temporary directory).
     */
    public static ProcessBuilder command(Path root, String module, List<String> jvmOptions, List<String> arguments,
            Map<String, String> environment, Path log) throws IOException {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing; build with mvn package first");
        }
        Path temporary = log.resolveSibling(log.getFileName() + ".tmp");
        ScratchDirectory.deleteTree(temporary);
        Files.createDirectories(temporary);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", ServerJvm.NO_SHARED_PERF_DATA, "-Djava.io.tmpdir=" + temporary));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return builder;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /**
     * The failure of a request this service answered unexpectedly, with its answer and the end of its log, so that
     * a failed start or test on a build machine says why without the log files at hand.
     */
    public IllegalStateException refused(String request, HttpResponse<String> response) {
        return new IllegalStateException(request + " answered " + response.statusCode() + ": " + response.body()
                + "\nthe end of " + log + ":\n" + Processes.tail(log));
    }

    /** Polls readiness every {@code interval}; false when the process exited first or the timeout passed. */
    public boolean awaitReady(Duration interval) {
        return Readiness.awaitOk(process, URI.create(url() + "/q/health/ready"), READY_TIMEOUT, interval);
    }

    /** Asks the service to stop (SIGTERM) and waits up to {@code patience} for it to exit before killing it. */
    public void stop(Duration patience) {
        process.destroy();
        try {
            if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        StopOnExit.forget(this);
        stop(Duration.ofSeconds(20));
    }
}
