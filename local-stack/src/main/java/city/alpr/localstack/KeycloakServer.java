package city.alpr.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak server from its distribution zip, with the {@code alpr} realm imported. The distribution is
 * unpacked and built once per machine; each server runs from its own hard-linked copy so that several can run
 * side by side (tests next to a local run).
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "alpr";
    /** The web origins where no console runs: only the redirect URIs' own origins (Keycloak's {@code +}). */
    public static final String NO_CONSOLE = "+";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

    private final Process process;
    private final int port;

    private KeycloakServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * @param distributionZip the {@code keycloak-quarkus-dist} zip
     * @param instanceDirectory where this server's copy lives (replaced on every start)
     * @param consoleOrigin the web console's origin, the one origin whose scripts may call Keycloak's token
     *        endpoint (Keycloak matches web origins exactly, so a console on any port cannot be allowed otherwise);
     *        {@value #NO_CONSOLE} where no console runs
     */
    public static KeycloakServer start(Path distributionZip, Path instanceDirectory, int port,
            StackSecrets secrets, String consoleOrigin) {
        try {
            Path built = unpackAndBuild(distributionZip);
            ScratchDirectory.deleteTree(instanceDirectory);
            linkTree(built, instanceDirectory);
            Path imports = Files.createDirectories(instanceDirectory.resolve("data/import"));
            Files.writeString(imports.resolve("alpr-realm.json"), realm(secrets, consoleOrigin),
                    StandardCharsets.UTF_8);
            Path log = instanceDirectory.resolve("keycloak.log");
            ProcessBuilder builder = new ProcessBuilder(List.of(instanceDirectory.resolve("bin/kc.sh").toString(),
                    "start", "--optimized", "--cache=local", "--http-enabled=true", "--http-host=127.0.0.1",
                    "--http-port=" + port, "--http-management-port=" + FreePorts.next(),
                    "--hostname=http://localhost:" + port, "--import-realm"))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            environment(builder.environment());
            KeycloakServer server = new KeycloakServer(builder.start(), port);
            StopOnExit.register(server);
            server.awaitReady(log);
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak could not be started", e);
        }
    }

    /** The distribution zip named by the {@code keycloak.dist.zip} system property, which the build sets. */
    public static Path distributionFromSystemProperty() {
        String zip = System.getProperty("keycloak.dist.zip");
        if (zip == null || zip.startsWith("${")) {
            throw new IllegalStateException("system property keycloak.dist.zip must name the Keycloak distribution"
                    + " zip; the module needs a dependency on org.keycloak:keycloak-quarkus-dist:zip");
        }
        return Path.of(zip);
    }

    public String issuer() {
        return "http://localhost:" + port + "/realms/" + REALM;
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    @Override
    public void close() {
        StopOnExit.forget(this);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    private void awaitReady(Path log) {
        URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
        if (!Readiness.awaitOk(process, discovery, READY_TIMEOUT)) {
            close();
            throw new IllegalStateException("Keycloak was not ready within " + READY_TIMEOUT + ":\n"
                    + Processes.tail(log));
        }
    }

    private static void environment(Map<String, String> environment) {
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        environment.put("JAVA_OPTS_APPEND", ServerJvm.NO_SHARED_PERF_DATA);
    }

    private static String realm(StackSecrets secrets, String consoleOrigin) throws IOException {
        try (InputStream template = KeycloakServer.class.getResourceAsStream("/keycloak/alpr-realm.json")) {
            return new String(template.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@GATEWAY_EAST_SECRET@", secrets.gatewayEastSecret())
                    .replace("@GATEWAY_WEST_SECRET@", secrets.gatewayWestSecret())
                    .replace("@PASSWORD_MANAGER@", secrets.managerPassword())
                    .replace("@PASSWORD_OFFICER@", secrets.officerPassword())
                    .replace("@PASSWORD_RECRUIT@", secrets.recruitPassword())
                    .replace("@PASSWORD_AUDITOR@", secrets.auditorPassword())
                    .replace("@PASSWORD_CONTRACTOR@", secrets.contractorPassword())
                    .replace("@CONSOLE_ORIGIN@", consoleOrigin);
        }
    }

    /** Unpacks the distribution and runs {@code kc.sh build} once per machine and version. */
    private static synchronized Path unpackAndBuild(Path distributionZip) throws IOException {
        String name = distributionZip.getFileName().toString().replace(".zip", "");
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "alpr-" + name);
        if (Files.exists(target.resolve(".built"))) {
            return target;
        }
        ScratchDirectory.deleteTree(target);
        Path staging = Files.createTempDirectory(target.getParent(), "alpr-keycloak-unpack");
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(distributionZip))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                // entries are "keycloak-<version>/..."; drop that first segment
                String relative = entry.getName().substring(entry.getName().indexOf('/') + 1);
                if (relative.isEmpty()) {
                    continue;
                }
                Path path = staging.resolve(relative).normalize();
                if (!path.startsWith(staging)) {
                    throw new IOException("archive entry escapes the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(zip, path, StandardCopyOption.REPLACE_EXISTING);
                    if (relative.endsWith(".sh")) {
                        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
            }
        }
        ProcessBuilder build = new ProcessBuilder(staging.resolve("bin/kc.sh").toString(), "build", "--db=dev-mem",
                "--health-enabled=true").redirectErrorStream(true)
                .redirectOutput(staging.resolve("build.log").toFile());
        environment(build.environment());
        try {
            Process process = build.start();
            if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("kc.sh build failed:\n" + Processes.tail(staging.resolve("build.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building Keycloak", e);
        }
        Files.createFile(staging.resolve(".built"));
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException anotherProcessWon) {
            if (!Files.exists(target.resolve(".built"))) {
                throw anotherProcessWon;
            }
            ScratchDirectory.deleteTree(staging);
        }
        return target;
    }

    private static void linkTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else if (path.startsWith(source.resolve("data"))) {
                    Files.copy(path, copy);
                } else {
                    Files.createLink(copy, path);
                }
            }
        }
    }
}
