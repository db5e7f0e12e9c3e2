package city.alpr.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak server from its distribution zip, with the {@code alpr} realm imported. The distribution is
 * unpacked and built once per machine; each server runs from its own hard-linked copy so that several can run
 * side by side (tests next to a local run). The realm signs its tokens with the stack's own key
 * ({@link StackSecrets#realmSigningKey()}), which a restart can rotate the way an operator would.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "alpr";
    /** Keycloak's administrator, in its master realm: the operator who manages the realm's people. */
    public static final String ADMIN = "admin";
    /** The web origins where no console runs: only the redirect URIs' own origins (Keycloak's {@code +}). */
    public static final String NO_CONSOLE = "+";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

    private final Path instanceDirectory;
    private final int port;
    private final StackSecrets secrets;
    private final String consoleOrigin;
    /** The realm's RSA signing keys, newest first: the first signs, the others are published for verification only. */
    private final List<String> signingKeys = new ArrayList<>();
    private volatile Process process;

    private KeycloakServer(Path instanceDirectory, int port, StackSecrets secrets, String consoleOrigin) {
        this.instanceDirectory = instanceDirectory;
        this.port = port;
        this.secrets = secrets;
        this.consoleOrigin = consoleOrigin;
        signingKeys.add(secrets.realmSigningKey());
    }

    /**
     * @param distributionZip the {@code keycloak-quarkus-dist} zip
     * @param instanceDirectory where this server's copy lives (replaced on every start)
     * @param secrets the realm's client secrets, users' passwords and signing key
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
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak could not be started", e);
        }
        KeycloakServer server = new KeycloakServer(instanceDirectory, port, secrets, consoleOrigin);
        StopOnExit.register(server);
        try {
            server.launch();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * Restarts this server on its port with a new realm signing key, as a graceful rotation does: the new key signs
     * every token from now on, and the keys that signed before stay published in the realm's JWKS, passive (they
     * verify, they no longer sign), so that tokens they signed are accepted until they expire. The realm is imported
     * anew, as at every start: its sessions are gone, its users, clients and secrets are the same.
     *
     * @param signingKey the new key, as {@link #newSigningKey()} makes one
     */
    public void restartWithRotatedSigningKey(String signingKey) {
        stopProcess();
        signingKeys.addFirst(signingKey);
        launch();
    }

    /** A new RSA-2048 key for the realm to sign its tokens with: PKCS#8, base64, as Keycloak imports a key. */
    public static String newSigningKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA unavailable", e);
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

    /** The realm's published keys (its JWKS), which the services verify tokens with. */
    public String jwksUri() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    /** Where Keycloak serves its admin API, whose events endpoints the audit service reads. */
    public String url() {
        return "http://localhost:" + port;
    }

    @Override
    public void close() {
        StopOnExit.forget(this);
        stopProcess();
    }

    /** Writes the realm, starts the server on its port and waits until it answers; the log goes on from before. */
    private void launch() {
        Path log = instanceDirectory.resolve("keycloak.log");
        try {
            Path imports = Files.createDirectories(instanceDirectory.resolve("data/import"));
            Files.writeString(imports.resolve("alpr-realm.json"), realm(), StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(List.of(instanceDirectory.resolve("bin/kc.sh").toString(),
                    "start", "--optimized", "--cache=local", "--http-enabled=true", "--http-host=127.0.0.1",
                    "--http-port=" + port, "--http-management-port=" + FreePorts.next(),
                    "--hostname=http://localhost:" + port, "--import-realm"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            environment(builder, instanceDirectory);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", secrets.keycloakAdminPassword());
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak could not be started", e);
        }
        URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
        if (!Readiness.awaitOk(process, discovery, READY_TIMEOUT)) {
            stopProcess();
            throw new IllegalStateException("Keycloak was not ready within " + READY_TIMEOUT + ":\n"
                    + Processes.tail(log));
        }
    }

    private void stopProcess() {
        if (process == null) {
            return;
        }
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

    /**
     * Keycloak's JVM, run in {@code home}, its temporary files (Vert.x's cache among them) kept in {@code data/tmp}
     * there: a relative path, since {@code kc.sh} splits its JVM options at spaces, which the home's path may hold.
     */
    private static void environment(ProcessBuilder keycloak, Path home) throws IOException {
        Files.createDirectories(home.resolve("data/tmp"));
        keycloak.directory(home.toFile());
        Map<String, String> environment = keycloak.environment();
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        environment.put("JAVA_OPTS_APPEND", ServerJvm.NO_SHARED_PERF_DATA + " -Djava.io.tmpdir=data/tmp");
    }

    /**
     * The realm template with this stack's secrets, console origin and key providers. The key providers are the
     * stack's, not the template's (a deployment's Keycloak keeps keys of its own): with any key provider in a realm,
     * Keycloak creates none of its defaults, so they are all here, as Keycloak would create them, except that the
     * RSA signing keys are the ones given.
     */
    private String realm() throws IOException {
        String template;
        try (InputStream in = KeycloakServer.class.getResourceAsStream("/keycloak/alpr-realm.json")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int open = template.indexOf('{') + 1;
        return (template.substring(0, open) + "\n  \"components\": " + keyProviders() + ","
                + template.substring(open))
                .replace("@GATEWAY_EAST_SECRET@", secrets.gatewayEastSecret())
                .replace("@GATEWAY_WEST_SECRET@", secrets.gatewayWestSecret())
                .replace("@PASSWORD_MANAGER@", secrets.managerPassword())
                .replace("@PASSWORD_OFFICER@", secrets.officerPassword())
                .replace("@PASSWORD_RECRUIT@", secrets.recruitPassword())
                .replace("@PASSWORD_AUDITOR@", secrets.auditorPassword())
                .replace("@PASSWORD_CONTRACTOR@", secrets.contractorPassword())
                .replace("@PASSWORD_DEPUTY@", secrets.deputyPassword())
                .replace("@PASSWORD_SERGEANT@", secrets.sergeantPassword())
                .replace("@PASSWORD_LOCKOUT_DRILL@", secrets.lockoutDrillPassword())
                .replace("@AUDIT_EVENTS_SECRET@", secrets.auditEventsSecret())
                .replace("@CONSOLE_ORIGIN@", consoleOrigin);
    }

    /**
     * The signing keys as imported {@code rsa} providers, the newest active and the others passive, numbered in the
     * order they came; Keycloak's own defaults for the rest: an encryption key pair, the HMAC key (HS512) and the AES
     * key it generates.
     */
    private String keyProviders() {
        List<String> providers = new ArrayList<>();
        for (int index = 0; index < signingKeys.size(); index++) {
            providers.add(provider("rsa-signing-" + (signingKeys.size() - index), "rsa", Map.of("privateKey",
                    signingKeys.get(index), "active", String.valueOf(index == 0), "enabled", "true", "algorithm",
                    "RS256", "keyUse", "SIG")));
        }
        providers.add(provider("rsa-enc-generated", "rsa-enc-generated", Map.of("keyUse", "ENC", "algorithm",
                "RSA-OAEP")));
        providers.add(provider("hmac-generated-hs512", "hmac-generated", Map.of("algorithm", "HS512")));
        providers.add(provider("aes-generated", "aes-generated", Map.of()));
        return "{\"org.keycloak.keys.KeyProvider\": [" + String.join(", ", providers) + "]}";
    }

    /** One key provider, at Keycloak's default priority; every value here is a plain token or base64. */
    private static String provider(String name, String providerId, Map<String, String> config) {
        Map<String, String> withPriority = new TreeMap<>(config);
        withPriority.put("priority", "100");
        StringJoiner entries = new StringJoiner(", ", "{", "}");
        withPriority.forEach((key, value) -> entries.add("\"" + key + "\": [\"" + value + "\"]"));
        return "{\"name\": \"" + name + "\", \"providerId\": \"" + providerId + "\", \"config\": " + entries + "}";
    }

    /** Unpacks the distribution and runs {@code kc.sh build} once per machine and version. */
    private static synchronized Path unpackAndBuild(Path distributionZip) throws IOException {
        String name = distributionZip.getFileName().toString().replace(".zip", "");
        Path target = MachineTemporaryDirectory.path().resolve("alpr-" + name);
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
        environment(build, staging);
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
