package city.alpr.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.localstack.AlprDatabase;
import city.alpr.localstack.FreePorts;
import city.alpr.localstack.KeycloakServer;
import city.alpr.localstack.PostgresServer;
import city.alpr.localstack.StackSecrets;

/**
 * PostgreSQL, Keycloak and the services, started in dependency order on this machine and stopped in reverse.
 * The local run and the benchmark both stand on it.
 */
public final class RunningSystem implements AutoCloseable {

    /** Demo cameras and their gateways, registered at every start (already registered ones are kept). */
    public static final Map<String, List<String>> DEMO_CAMERAS = Map.of(
            "gateway-east", List.of("CAM-E01", "CAM-E02", "CAM-E03", "CAM-E04"),
            "gateway-west", List.of("CAM-W01", "CAM-W02"));

    public record Ports(int postgres, int keycloak, int ingest, int query, int audit, int retention, int console) {

        /** Ports that were free a moment ago: a system beside whatever else runs here (tests, benchmarks). */
        public static Ports free() {
            return new Ports(FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(),
                    FreePorts.next(), FreePorts.next());
        }

        int of(String module) {
            return switch (module) {
                case "ingest-service" -> ingest;
                case "query-service" -> query;
                case "audit-service" -> audit;
                case "retention-service" -> retention;
                case "web-console" -> console;
                default -> throw new IllegalArgumentException("not one of our modules: " + module);
            };
        }

        String url(String module) {
            return "http://localhost:" + of(module);
        }
    }

    private static final Duration REGISTRATION_RETRY_PAUSE = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How often the audit service of a system someone tries recounts the public figures. */
    private static final String TRIAL_TRANSPARENCY_REFRESH = "2s";
    /** How soon the audit service of a system someone tries copies a sign-in into the access log. */
    private static final String TRIAL_IDENTITY_EVENTS_POLL = "2s";
    public static final String DEMO_HOTLIST = "Demo stolen vehicles";
    public static final String DEMO_CASE = "DEMO-2026-0001";
    /** Within the policies' hotlist-entry-max-days (30). */
    private static final int DEMO_WATCH_DAYS = 29;

    private static final Pattern ISSUED_KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");
    /** The name of the demo's hotlist feed; the hotlist it fills is {@code feed:svs}. */
    public static final String DEMO_FEED = "svs";

    /** Demo users with a current training record (R11); the recruit has none and is refused. */
    public static final List<String> TRAINED_USERS = List.of("manager", "officer", "sergeant", "auditor", "contractor",
            "deputy");

    /** The services, in the order they start. */
    public static final List<String> SERVICES = List.of("ingest-service", "query-service", "audit-service",
            "retention-service", "web-console");

    public final Path root;
    public final StackSecrets secrets;
    public final String policy;
    public final Use use;
    public final Ports ports;
    public final PostgresServer postgres;
    public final KeycloakServer keycloak;
    public final ServiceProcess ingest;
    public final ServiceProcess query;
    public final ServiceProcess audit;
    public final ServiceProcess retention;
    public final ServiceProcess console;
    /** The demo's hotlist feed: a California DOJ stolen-vehicle file the system imports as a city imports the state's. */
    public final Path demoFeed;

    private RunningSystem(Path root, StackSecrets secrets, String policy, Use use, Ports ports,
            PostgresServer postgres, KeycloakServer keycloak, Map<String, ServiceProcess> services, Path demoFeed) {
        this.root = root;
        this.demoFeed = demoFeed;
        this.secrets = secrets;
        this.policy = policy;
        this.use = use;
        this.ports = ports;
        this.postgres = postgres;
        this.keycloak = keycloak;
        this.ingest = services.get("ingest-service");
        this.query = services.get("query-service");
        this.audit = services.get("audit-service");
        this.retention = services.get("retention-service");
        this.console = services.get("web-console");
    }

    /** What a system is started for, which decides the few settings in which it differs from a deployment. */
    public enum Use {
        /**
         * Someone tries it (the local system, the system tests): the public page shows a read just sent, counted again
         * every 2 s instead of a deployment's 5 minutes.
         */
        TRIAL,
        /** A benchmark measures it: a deployment's settings, so no recount of millions of reads runs beside it. */
        BENCHMARK
    }

    /**
     * @param policy the policy profile the query service enforces: {@code wildomar-cs3} or {@code town-000}
     */
    public static RunningSystem start(Path root, Path state, StackSecrets secrets, Ports ports, String policy, Use use)
            throws IOException {
        return start(root, state, secrets, ports, policy, use, Map.of());
    }

    /**
     * @param settings configuration every service is started with besides its own, as environment variables: a
     *        benchmark's departure from a deployment's defaults, which it states in its output
     */
    public static RunningSystem start(Path root, Path state, StackSecrets secrets, Ports ports, String policy, Use use,
            Map<String, String> settings) throws IOException {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            System.out.println("starting PostgreSQL on port " + ports.postgres() + " ...");
            PostgresServer postgres = PostgresServer.start(state.resolve("pgdata"), ports.postgres(),
                    secrets.superuserPassword());
            started.add(postgres);
            AlprDatabase.prepare(postgres, secrets.ownerPassword(), secrets.servicePasswords());
            recordDemoGovernance(postgres);
            System.out.println("starting Keycloak on port " + ports.keycloak() + " (first start builds it, ~1 min) ...");
            KeycloakServer keycloak = KeycloakServer.start(KeycloakServer.distributionFromSystemProperty(),
                    state.resolve("keycloak"), ports.keycloak(), secrets, ports.url("web-console"));
            started.add(keycloak);
            Path demoFeed = writeDemoFeed(state.resolve("hotlist-feeds"));
            Map<String, ServiceProcess> services = new HashMap<>();
            for (String module : SERVICES) {
                System.out.println("starting " + module + " on port " + ports.of(module) + " ...");
                Map<String, String> environment = new HashMap<>(settings);
                environment.putAll(environment(module, postgres, keycloak, secrets, policy, ports, use, demoFeed));
                ServiceProcess service = ServiceProcess.start(root, module, ports.of(module), environment,
                        state.resolve("logs"));
                started.add(service);
                services.put(module, service);
            }
            RunningSystem system = new RunningSystem(root, secrets, policy, use, ports, postgres, keycloak,
                    services, demoFeed);
            system.registerDemoCameras();
            system.refreshDemoFeed();
            return system;
        } catch (IOException | RuntimeException e) {
            for (AutoCloseable resource : started.reversed()) {
                closeQuietly(resource);
            }
            throw e;
        }
    }

    /**
     * What one of the services needs from its environment to join this system: another replica, or the retention
     * job run once by hand or as the CronJob does.
     */
    public Map<String, String> environment(String module) {
        return environment(module, postgres, keycloak, secrets, policy, ports, use, demoFeed);
    }

    /**
     * A service's own database role, the policy in force, the identity provider and keys that service needs, and the
     * web console's origin, the one other origin its browser calls may come from. The console itself is told where
     * Keycloak and the services are.
     */
    private static Map<String, String> environment(String module, PostgresServer postgres, KeycloakServer keycloak,
            StackSecrets secrets, String policy, Ports ports, Use use, Path demoFeed) {
        if (module.equals("web-console")) {
            return Map.of("ALPR_CONSOLE_REALM_URL", keycloak.issuer(),
                    "ALPR_CONSOLE_INGEST_URL", ports.url("ingest-service"),
                    "ALPR_CONSOLE_QUERY_URL", ports.url("query-service"),
                    "ALPR_CONSOLE_AUDIT_URL", ports.url("audit-service"),
                    "ALPR_CONSOLE_PUBLIC_URL", ports.url("audit-service"));
        }
        Map<String, String> environment = new HashMap<>();
        environment.put("QUARKUS_HTTP_CORS_ORIGINS", ports.url("web-console"));
        String role = switch (module) {
            case "ingest-service" -> {
                environment.put("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.issuer());
                environment.put("ALPR_CRYPTO_MASTER_KEY", secrets.masterKey());
                yield AlprDatabase.INGEST_ROLE;
            }
            case "query-service" -> {
                environment.put("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.issuer());
                environment.put("ALPR_CRYPTO_MASTER_KEY", secrets.masterKey());
                environment.put("ALPR_EXPORTS_SIGNING_KEY", secrets.exportSigningKey());
                environment.put("ALPR_EXPORTS_VERIFYING_KEY", secrets.exportVerifyingKey());
                environment.put("ALPR_HOTLIST_FEEDS_FEEDS_" + DEMO_FEED.toUpperCase(Locale.ROOT) + "_LAYOUT", "clew-svs");
                environment.put("ALPR_HOTLIST_FEEDS_FEEDS_" + DEMO_FEED.toUpperCase(Locale.ROOT) + "_FILE",
                        demoFeed.toString());
                yield AlprDatabase.QUERY_ROLE;
            }
            case "audit-service" -> {
                environment.put("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.issuer());
                environment.put("ALPR_CHECKPOINTS_SIGNING_KEY", secrets.checkpointSigningKey());
                environment.put("ALPR_CHECKPOINTS_VERIFYING_KEY", secrets.checkpointVerifyingKey());
                environment.put("ALPR_IDENTITY_EVENTS_KEYCLOAK_URL", keycloak.url());
                environment.put("ALPR_IDENTITY_EVENTS_CLIENT_SECRET", secrets.auditEventsSecret());
                if (use == Use.TRIAL) {
                    environment.put("ALPR_TRANSPARENCY_REFRESH", TRIAL_TRANSPARENCY_REFRESH);
                    environment.put("ALPR_IDENTITY_EVENTS_POLL_EVERY", TRIAL_IDENTITY_EVENTS_POLL);
                }
                yield AlprDatabase.AUDIT_ROLE;
            }
            case "retention-service" -> AlprDatabase.RETENTION_ROLE;
            default -> throw new IllegalArgumentException("not one of our services: " + module);
        };
        environment.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(AlprDatabase.DATABASE));
        environment.put("QUARKUS_DATASOURCE_USERNAME", role);
        environment.put("QUARKUS_DATASOURCE_PASSWORD", secrets.servicePasswords().get(role));
        environment.put("ALPR_ACTIVE_POLICY", policy);
        return environment;
    }

    /**
     * What the custodian would have recorded before anyone uses the system: training of the demo users and one
     * registered agency to share with. Recorded once; governance records are never rewritten.
     */
    private static void recordDemoGovernance(PostgresServer postgres) {
        try (Connection connection = postgres.superuserConnection(AlprDatabase.DATABASE)) {
            for (String user : TRAINED_USERS) {
                try (PreparedStatement training = connection.prepareStatement("""
                        insert into training_record (username, course, completed_at, expires_at, recorded_by)
                        select ?, 'ALPR use and privacy (demo)', now(), now() + interval '1 year', 'manager'
                        where not exists (select 1 from training_record where username = ? and expires_at > now())""")) {
                    training.setString(1, user);
                    training.setString(2, user);
                    training.executeUpdate();
                }
            }
            try (PreparedStatement agency = connection.prepareStatement("""
                    insert into agency (id, name, kind, state, level, registered_by)
                    values ('riverside-da', 'Riverside County District Attorney', 'prosecutorial', 'CA', 'local', 'manager')
                    on conflict do nothing""")) {
                agency.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the demo training and agency: " + e.getMessage(), e);
        }
    }

    /**
     * Marks this system's database a rehearsal database, as only its owner (or a superuser) can: the retention job
     * may then run with a clock ahead of the database's own. A production database is never marked.
     */
    public void markRehearsalDatabase() {
        try (Connection connection = postgres.superuserConnection(AlprDatabase.DATABASE);
                PreparedStatement mark = connection.prepareStatement("update retention_guard set rehearsal = true")) {
            mark.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not mark the rehearsal database: " + e.getMessage(), e);
        }
    }

    /** A password-grant token of a demo user, as the web console would obtain one. */
    public String userToken(String username, String password) throws IOException {
        return token("grant_type=password&client_id=alpr-web&username=" + username + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8));
    }

    /**
     * Sets a gateway up for camera engines that speak their own formats, as the custodian does: issues it an API key
     * and maps each of its demo cameras under its own id as the vendor's camera id (zone America/Los_Angeles).
     *
     * @return the key
     */
    public String integrate(String gatewayId) throws IOException {
        String manager = userToken("manager", secrets.managerPassword());
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> issued = send(http, HttpRequest.newBuilder(URI.create(ingest.url() + "/v1/gateways/"
                + gatewayId + "/api-keys")).header("Authorization", "Bearer " + manager)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"gateway simulator\",\"validDays\":30}"))
                .build());
        Matcher key = ISSUED_KEY.matcher(issued.body());
        if (issued.statusCode() != 201 || !key.find()) {
            throw ingest.refused("issuing an API key to " + gatewayId, issued);
        }
        for (String camera : DEMO_CAMERAS.get(gatewayId)) {
            HttpResponse<String> mapped = send(http, HttpRequest.newBuilder(URI.create(ingest.url() + "/v1/gateways/"
                    + gatewayId + "/camera-mappings/" + camera)).header("Authorization", "Bearer " + manager)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"cameraId\":\"" + camera
                            + "\",\"timeZone\":\"America/Los_Angeles\"}"))
                    .build());
            if (mapped.statusCode() != 200) {
                throw ingest.refused("mapping " + camera, mapped);
            }
        }
        return key.group(1);
    }

    /**
     * A stolen-vehicle file in the California DOJ layout, written afresh at each start (so the feed is current), with
     * made-up plates of the demo.
     */
    private static Path writeDemoFeed(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve("svs.tbl");
        String date = DateTimeFormatter.ofPattern("MM/dd/uuuu HH:mm", Locale.ROOT).format(LocalDateTime.now(ZoneOffset.UTC));
        Files.writeString(file, String.join("\n", "DATE" + date, "7DEM001 CA3320261101", "8DEM002 CA1920261115",
                "6DEM003 CA0120261120", "TOTAL RECORD 0000003", ""));
        return file;
    }

    /** The demo feed imported at once, as the custodian would on the day the feed is set up. */
    private void refreshDemoFeed() throws IOException {
        String manager = userToken("manager", secrets.managerPassword());
        HttpResponse<String> refreshed = send(HttpClient.newHttpClient(), post(query.url() + "/v1/hotlist-feeds/"
                + DEMO_FEED + "/refresh", manager, ""));
        if (refreshed.statusCode() != 200) {
            throw query.refused("refreshing the demo hotlist feed", refreshed);
        }
    }

    private void registerDemoCameras() throws IOException {
        String manager = userToken("manager", secrets.managerPassword());
        HttpClient http = HttpClient.newHttpClient();
        double latitude = 33.5995;
        for (var gateway : DEMO_CAMERAS.entrySet()) {
            for (String camera : gateway.getValue()) {
                latitude += 0.004;
                String body = String.format(Locale.ROOT,
                        "{\"id\":\"%s\",\"gatewayId\":\"%s\",\"site\":\"Demo site %s\",\"latitude\":%.4f,"
                                + "\"longitude\":-117.2800}",
                        camera, gateway.getKey(), camera, latitude);
                HttpRequest registration = HttpRequest.newBuilder(URI.create(ingest.url() + "/v1/cameras"))
                        .header("Authorization", "Bearer " + manager).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                HttpResponse<String> registered = send(http, registration);
                if (registered.statusCode() >= 500) {
                    // once, on a build machine, the first registration answered 500; say why, and try once more
                    System.out.println("WARNING: " + ingest.refused("registering " + camera, registered).getMessage()
                            + "\ntrying once more in " + REGISTRATION_RETRY_PAUSE);
                    pause(REGISTRATION_RETRY_PAUSE);
                    registered = send(http, registration);
                }
                if (registered.statusCode() != 201 && registered.statusCode() != 409) {
                    throw ingest.refused("registering " + camera, registered);
                }
            }
        }
    }

    /**
     * An officer's demo hotlist watching the plate the simulator keeps reading, so alerts arrive while the system
     * runs: watched for a demo case, for the longest the policy allows, within a request the custodian approved where
     * the policy asks for one. Watched again at a start that finds no active entry.
     */
    public void watchRecurringPlate(String plate) throws IOException {
        String officer = userToken("officer", secrets.officerPassword());
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> created = send(http, post(query.url() + "/v1/hotlists", officer,
                "{\"name\":\"" + DEMO_HOTLIST + "\",\"kind\":\"stolen-vehicle\"}"));
        String hotlist;
        if (created.statusCode() == 409) {
            HttpResponse<String> lists = send(http, HttpRequest.newBuilder(URI.create(query.url() + "/v1/hotlists"))
                    .header("Authorization", "Bearer " + officer).GET().build());
            JsonNode demo = null;
            for (JsonNode list : JSON.readTree(lists.body())) {
                if (DEMO_HOTLIST.equals(list.path("name").asText())) {
                    demo = list;
                }
            }
            if (demo == null) {
                throw query.refused("finding the demo hotlist", lists);
            }
            if (demo.path("activeEntries").asLong() > 0) {
                return;
            }
            hotlist = demo.path("id").asText();
        } else {
            Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(created.body());
            if (created.statusCode() != 201 || !id.find()) {
                throw query.refused("creating the demo hotlist", created);
            }
            hotlist = id.group(1);
        }
        if (policy.equals("wildomar-cs3")) {
            approveDemoCase(http, officer);
        }
        String entry = """
                [{"plate":"%s","region":"CA","source":"Demo","reason":"Reported stolen (demo)",
                  "purpose":"criminal-investigation","caseNumber":"%s","expiresAt":"%s"}]""".formatted(plate,
                DEMO_CASE, OffsetDateTime.now().plusDays(DEMO_WATCH_DAYS).withNano(0));
        HttpResponse<String> added = send(http, post(query.url() + "/v1/hotlists/" + hotlist + "/entries", officer,
                entry));
        if (added.statusCode() != 201) {
            throw query.refused("adding the demo hotlist entry", added);
        }
    }

    /** Under an on-request policy: the officer asks for the demo case, and the custodian approves. */
    private void approveDemoCase(HttpClient http, String officer) throws IOException {
        HttpResponse<String> filed = send(http, post(query.url() + "/v1/requests", officer, """
                {"caseNumber":"%s","purpose":"criminal-investigation","justification":"Demo: a stolen vehicle"}"""
                .formatted(DEMO_CASE)));
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(filed.body());
        if (filed.statusCode() != 201 || !id.find()) {
            throw query.refused("filing the demo request", filed);
        }
        HttpResponse<String> decided = send(http, post(query.url() + "/v1/requests/" + id.group(1) + "/decision",
                userToken("manager", secrets.managerPassword()), "{\"approved\":true,\"validDays\":"
                        + DEMO_WATCH_DAYS + "}"));
        if (decided.statusCode() != 200) {
            throw query.refused("approving the demo request", decided);
        }
    }

    private static HttpRequest post(String url, String token, String json) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private String token(String form) throws IOException {
        HttpResponse<String> response = send(HttpClient.newHttpClient(),
                HttpRequest.newBuilder(URI.create(keycloak.tokenEndpoint()))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("Keycloak refused the token request: " + response.body());
        }
        return token.group(1);
    }

    private static void pause(Duration pause) throws IOException {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        closeQuietly(console);
        closeQuietly(retention);
        closeQuietly(audit);
        closeQuietly(query);
        closeQuietly(ingest);
        closeQuietly(keycloak);
        closeQuietly(postgres);
    }

    /** Stops one part and goes on with the others whatever happens; the console may be gone at shutdown. */
    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            try {
                System.err.println("while stopping: " + e.getMessage());
            } catch (RuntimeException consoleClosed) {
                // nothing left to tell
            }
        }
    }
}
