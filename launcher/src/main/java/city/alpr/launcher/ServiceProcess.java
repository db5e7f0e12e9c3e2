package city.alpr.launcher;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import city.alpr.localstack.Readiness;
import city.alpr.localstack.ServerJvm;

/** One of our Quarkus services, started from its packaged jar as a process of its own. */
final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code <root>/<module>/target/quarkus-app/quarkus-run.jar} and waits until it reports ready. */
    static ServiceProcess start(Path root, String module, int port, Map<String, String> environment, Path logs)
            throws IOException {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing; build with mvn package first");
        }
        Files.createDirectories(logs);
        Path log = logs.resolve(module + ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", ServerJvm.NO_SHARED_PERF_DATA, "-jar", jar.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        ServiceProcess service = new ServiceProcess(module, builder.start(), port, log);
        service.awaitReady();
        return service;
    }

    String url() {
        return "http://localhost:" + port;
    }

    private void awaitReady() {
        if (!Readiness.awaitOk(process, URI.create(url() + "/q/health/ready"), READY_TIMEOUT)) {
            close();
            throw new IllegalStateException(name + " was not ready within " + READY_TIMEOUT + "; see " + log);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
