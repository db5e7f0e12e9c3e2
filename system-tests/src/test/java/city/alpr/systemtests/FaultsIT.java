package city.alpr.systemtests;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import city.alpr.launcher.RunningSystem;
import city.alpr.launcher.ServiceProcess;
import city.alpr.localstack.AlprDatabase;
import city.alpr.localstack.KeycloakServer;
import city.alpr.simulator.Fleet;
import city.alpr.simulator.GatewayClient;
import city.alpr.simulator.StoreAndForwardGateway;
import city.alpr.simulator.Timeline;
import city.alpr.simulator.Vehicles;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults a city's operators meet, on the whole system: a service killed outright mid-request (ingest under batched
 * ingest, query during exports), a database volume that fills up, and Keycloak restarted with a rotated signing key.
 * Whatever happens, a gateway that retries loses no read and has none stored twice, no evidence package or custody
 * record is half written, nothing is ever half stored (R4, R12, R13), and the services trust the rotated key without
 * being restarted (R8).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

    private static final String STATE = "faults";
    private static final String PURPOSE = "criminal-investigation";
    private static final String EXPORT_CASE = "FAULT-2026-0003";
    /** As many reads as one export may hold (alpr.exports.max-reads), so that each takes a while to seal. */
    private static final int EXPORTED_READS = 100;
    private static final Pattern GATEWAY_READ_ID = Pattern.compile("\"gatewayReadId\":\"([^\"]+)\"");
    private static final String STACK_KEY = "the stack's signing key";
    private static final String ROTATED_KEY = "the rotated signing key";
    /** What {@link #answers} are once the tokens are accepted, and when they are not. */
    private static final Map<String, Integer> ACCEPTED = Map.of("ingest: the custodian lists the cameras", 200,
            "ingest: a gateway posts an empty batch", 400, "query: the custodian lists the hotlists", 200,
            "audit: the custodian lists the agencies", 200);
    private static final Map<String, Integer> REFUSED = Map.of("ingest: the custodian lists the cameras", 401,
            "ingest: a gateway posts an empty batch", 401, "query: the custodian lists the hotlists", 401,
            "audit: the custodian lists the agencies", 401);

    private RunningSystem system;
    /** Ingest and query as restarted after they were killed; the system's own processes are gone by then. */
    private ServiceProcess restartedIngest;
    private ServiceProcess restartedQuery;

    @BeforeAll
    void startTheWholeSystem() throws IOException {
        system = TestSystem.start(STATE, "wildomar-cs3");
    }

    @AfterAll
    void stopTheWholeSystem() {
        if (restartedIngest != null) {
            restartedIngest.close();
        }
        if (restartedQuery != null) {
            restartedQuery.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void ingestKilledMidBatchLosesNoReadAndStoresNoneTwice_R4() throws Exception {
        String runId = "kill-" + UUID.randomUUID().toString().substring(0, 8);
        try (Fleet fleet = new Fleet(4, URI.create(system.ingest.url()), URI.create(system.keycloak.tokenEndpoint()),
                "gateway-east", system.secrets.gatewayEastSecret(), RunningSystem.DEMO_CAMERAS.get("gateway-east"),
                2048, runId, new StoreAndForwardGateway.Settings(2, 20, Duration.ofMillis(100), Duration.ofSeconds(2),
                        200))) {
            Thread cameras = Thread.ofVirtual().start(() -> fleet.capture(200, Duration.ofSeconds(15)));
            Thread.sleep(4_000);
            ProcessHandle ingest = ProcessHandle.of(system.ingest.pid()).orElseThrow();
            ingest.destroyForcibly();
            ingest.onExit().join();
            Thread.sleep(1_000);
            restartedIngest = ServiceProcess.start(TestSystem.root(), "ingest-service", system.ports.ingest(),
                    system.environment("ingest-service"), TestSystem.state(STATE).resolve("logs-restarted"));
            cameras.join();
            assertTrue(fleet.awaitDelivered(Duration.ofMinutes(2)), "the gateways delivered every read they kept");

            Timeline timeline = fleet.timeline();
            int end = timeline.secondOf(System.nanoTime()) + 1;
            System.out.printf("ingest killed mid-batch: %d reads captured, %d requests failed in transit and %d"
                    + " refused, retried%n", fleet.captured(), timeline.failedRequests(0, end),
                    timeline.refusedRequests(0, end));
            assertTrue(timeline.failedRequests(0, end) > 0, "the kill cut into requests: the gateways had to retry");
            assertEquals(0, timeline.rejectedReads(), "no read was rejected");
            long rows = count("select count(*) from plate_read where gateway_read_id like ?", runId + "-%");
            long distinct = count("select count(distinct gateway_read_id) from plate_read where gateway_read_id like ?",
                    runId + "-%");
            assertEquals(fleet.captured(), rows, "every read captured is stored: nothing lost");
            assertEquals(rows, distinct, "no read is stored twice");
            assertEquals(rows, count("select count(*) from ingest_key where gateway_read_id like ?", runId + "-%"),
                    "each stored read has its one idempotency key");
            assertEquals(rows, count("select count(*) from read_image i join plate_read r on r.id = i.read_id"
                    + " and r.captured_at = i.captured_at where r.gateway_read_id like ?", runId + "-%"),
                    "each stored read has its plate image: no read is stored without it");
        }
    }

    @Test
    @Order(3)
    void queryKilledDuringExportsLeavesNoHalfPackageAndACustodyLogThatAddsUp_R12_R13() throws Exception {
        String officer = token("officer", system.secrets.officerPassword());
        String request = as(officer, system.query.url()).contentType(ContentType.JSON)
                .body(Map.of("caseNumber", EXPORT_CASE, "purpose", PURPOSE, "justification", "Fault drill"))
                .post("/v1/requests").then().statusCode(201).extract().path("id");
        as(token("manager", system.secrets.managerPassword()), system.query.url()).contentType(ContentType.JSON)
                .body(Map.of("approved", true, "validDays", 1))
                .post("/v1/requests/{id}/decision", request).then().statusCode(200);
        List<String> readIds = texts("select id::text from plate_read order by captured_at desc limit "
                + EXPORTED_READS);
        assertEquals(EXPORTED_READS, readIds.size(), "the reads of the first test are there to export");
        Map<String, Object> export = Map.of("purpose", PURPOSE, "caseNumber", EXPORT_CASE, "readIds", readIds);

        List<String> created = new ArrayList<>();
        List<String> otherAnswers = new ArrayList<>();
        AtomicBoolean exporting = new AtomicBoolean(true);
        Thread officerExporting = Thread.ofVirtual().start(() -> {
            while (exporting.get()) {
                try {
                    var answer = as(officer, system.query.url()).contentType(ContentType.JSON).body(export)
                            .post("/v1/exports");
                    synchronized (created) {
                        if (answer.statusCode() == 201) {
                            created.add(answer.path("id"));
                        } else {
                            otherAnswers.add(answer.statusCode() + " " + answer.asString());
                        }
                    }
                } catch (RuntimeException cutOff) {
                    // the connection died with the service: whether that export exists is for the database to say
                }
            }
        });
        // killed once exports are being answered (two at least, however slow the machine), while more are made
        for (int i = 0; i < 600 && stillExporting(created, otherAnswers); i++) {
            Thread.sleep(100);
        }
        ProcessHandle query = ProcessHandle.of(system.query.pid()).orElseThrow();
        query.destroyForcibly();
        query.onExit().join();
        exporting.set(false);
        officerExporting.join();
        restartedQuery = ServiceProcess.start(TestSystem.root(), "query-service", system.ports.query(),
                system.environment("query-service"), TestSystem.state(STATE).resolve("logs-restarted"));

        assertEquals(List.of(), otherAnswers, "until it died, query answered every export 201");
        long exports = count("select count(*) from evidence_export where case_number = ?", EXPORT_CASE);
        System.out.printf("query killed during exports: %d answered 201, %d stored%n", created.size(), exports);
        assertTrue(exports >= created.size() && !created.isEmpty(), "every export answered 201 is there: " + exports
                + " stored, " + created.size() + " answered");
        assertEquals(0, count("select count(*) from evidence_export where case_number = ? and (sealed_package is null"
                + " or sealed_manifest is null or read_count <> ?)", EXPORT_CASE, EXPORTED_READS),
                "no package is half written");
        assertEquals(exports, count("select count(*) from custody_event c join evidence_export e on e.id = c.export_id"
                + " where e.case_number = ? and c.event = 'created' and c.seq = 1", EXPORT_CASE),
                "each export's custody starts with its creation, once");
        assertEquals(0, count("select count(*) from custody_event c join evidence_export e on e.id = c.export_id"
                + " where e.case_number = ? and c.event <> 'created'", EXPORT_CASE), "and nothing else happened to it");
        assertEquals(exports, count("select count(*) from audit_event where action = 'read.export'"
                + " and outcome = 'granted' and case_number = ?", EXPORT_CASE),
                "each export is in the access log once, and no logged export is missing");
        String last = created.getLast();
        byte[] evidence = as(officer, system.query.url()).get("/v1/exports/{id}/package", last)
                .then().statusCode(200).extract().asByteArray();
        as(token("auditor", system.secrets.auditorPassword()), system.query.url()).contentType("application/zip")
                .body(evidence).post("/v1/exports/verify").then().statusCode(200).body("valid", equalTo(true));
        as(token("auditor", system.secrets.auditorPassword()), system.audit.url()).get("/v1/audit/verify")
                .then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    @Order(2)
    void aDatabaseVolumeThatFillsUpIsAnswered503StoresNothingHalfAndRecoversWhenSpaceReturns_R4() throws Exception {
        Optional<SmallVolume> mounted = SmallVolume.mount(TestSystem.state(STATE).resolve("small-volume"), 48);
        Assumptions.assumeTrue(mounted.isPresent(), "this machine refuses to mount a small filesystem (tmpfs needs"
                + " root), so a database volume cannot be filled here");
        String day = LocalDate.now(ZoneOffset.UTC).toString().replace("-", "");
        List<String> tables = List.of("plate_read", "read_image", "ingest_key");
        try (SmallVolume volume = mounted.get()) {
            Path location = Files.createDirectories(volume.path().resolve("tablespace"));
            system.postgres.adopt(location);
            execute("create tablespace small_volume location '" + location + "'");
            try {
                for (String table : tables) {
                    execute("alter table " + table + "_p" + day + " set tablespace small_volume");
                }
                volume.fillLeaving(1 << 20);
                GatewayClient gateway = new GatewayClient(URI.create(system.ingest.url()),
                        URI.create(system.keycloak.tokenEndpoint()), "gateway-east", system.secrets.gatewayEastSecret(),
                        1);
                Vehicles vehicles = new Vehicles(8, 8192, RunningSystem.DEMO_CAMERAS.get("gateway-east"),
                        "full-" + UUID.randomUUID().toString().substring(0, 8));

                String refused = null;
                GatewayClient.Answer refusal = null;
                List<Long> before = List.of();
                for (int attempt = 0; attempt < 60 && refused == null; attempt++) {
                    String batch = vehicles.batch(20);
                    before = rowCounts(tables);
                    GatewayClient.Answer answer = gateway.post("/v1/reads", batch, 1);
                    if (answer.status() == 503) {
                        refused = batch;
                        refusal = answer;
                    } else {
                        assertEquals(201, answer.status(), answer.body());
                    }
                }
                assertNotNull(refused, "the volume filled up within 60 batches");
                assertTrue(refusal.body().contains("database-unavailable") && refusal.retryAfterSeconds() > 0,
                        "ingest says the database is unavailable and when to retry: " + refusal.body());
                assertEquals(before, rowCounts(tables), "nothing of the refused batch was written, not even in part");

                volume.makeRoom();
                GatewayClient.Answer retried = gateway.post("/v1/reads", refused, 1);
                assertEquals(201, retried.status(), "with room again the same batch is stored: " + retried.body());
                for (String gatewayReadId : gatewayReadIds(refused)) {
                    assertEquals(1, count("select count(*) from plate_read where gateway_read_id = ?", gatewayReadId));
                    assertEquals(1, count("select count(*) from ingest_key where gateway_read_id = ?", gatewayReadId));
                }
            } finally {
                for (String table : tables) {
                    execute("alter table " + table + "_p" + day + " set tablespace pg_default");
                }
                execute("drop tablespace small_volume");
            }
        }
    }

    @Test
    @Order(4)
    void keycloakRestartedWithARotatedSigningKeyIsTrustedWithoutRestartingAnyService_R8() throws Exception {
        Map<String, Long> services = servicePids();
        String rotatedKey = KeycloakServer.newSigningKey();
        Map<String, String> keys = Map.of(STACK_KEY, system.secrets.realmSigningKey(), ROTATED_KEY, rotatedKey);
        String managerBefore = token("manager", system.secrets.managerPassword());
        String gatewayBefore = gatewayToken();
        Map<String, String> published = publishedSigningKeys(keys);
        assertEquals(Set.of(STACK_KEY), published.keySet(), "Keycloak publishes one signing key: the stack's");
        String stackKid = published.get(STACK_KEY);
        assertEquals(List.of(stackKid, stackKid), List.of(kid(managerBefore), kid(gatewayBefore)),
                "and signs every token with it");
        assertEquals(ACCEPTED, answers(managerBefore, gatewayBefore), "before the rotation every service accepts them");

        long restart = System.nanoTime();
        system.keycloak.restartWithRotatedSigningKey(rotatedKey);
        System.out.printf("Keycloak restarted with a rotated signing key in %d s%n",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - restart));

        published = publishedSigningKeys(keys);
        assertEquals(Set.of(STACK_KEY, ROTATED_KEY), published.keySet(),
                "after the restart Keycloak publishes the new key and still the old one");
        assertEquals(stackKid, published.get(STACK_KEY), "the old key under the id it signed with");
        String rotatedKid = published.get(ROTATED_KEY);
        assertNotEquals(stackKid, rotatedKid);
        String managerAfter = token("manager", system.secrets.managerPassword());
        String gatewayAfter = gatewayToken();
        assertEquals(List.of(rotatedKid, rotatedKid), List.of(kid(managerAfter), kid(gatewayAfter)),
                "new tokens are signed with the new key, none with the old one (passive)");
        assertEquals(ACCEPTED, answers(managerAfter, gatewayAfter),
                "every service accepts the new tokens: it fetched the key set again for the key id it did not know");
        assertEquals(ACCEPTED, answers(managerBefore, gatewayBefore),
                "and still accepts the tokens issued before the rotation, until they expire");
        String forged = ForgedToken.naming(system.keycloak.issuer(), rotatedKid);
        assertEquals(REFUSED, answers(forged, forged), "a token naming the new key but signed by neither is refused");
        assertEquals(services, servicePids(), "no service was restarted");
    }

    /** What each service answers the custodian's token and a gateway's, in one call each that they may make. */
    private Map<String, Integer> answers(String managerToken, String gatewayToken) {
        Map<String, Integer> answers = new TreeMap<>();
        answers.put("ingest: the custodian lists the cameras",
                as(managerToken, system.ingest.url()).get("/v1/cameras").statusCode());
        // an empty batch is answered 400 once the gateway's token is accepted, 401 when it is not
        answers.put("ingest: a gateway posts an empty batch", as(gatewayToken, system.ingest.url())
                .contentType(ContentType.JSON).body("[]").post("/v1/reads").statusCode());
        answers.put("query: the custodian lists the hotlists",
                as(managerToken, system.query.url()).get("/v1/hotlists").statusCode());
        answers.put("audit: the custodian lists the agencies",
                as(managerToken, system.audit.url()).get("/v1/governance/agencies").statusCode());
        return answers;
    }

    private String gatewayToken() {
        return given().formParams(Map.of("grant_type", "client_credentials", "client_id", "gateway-east",
                "client_secret", system.secrets.gatewayEastSecret())).post(system.keycloak.tokenEndpoint())
                .then().statusCode(200).extract().path("access_token");
    }

    /**
     * The RS256 signing keys the realm's JWKS publishes, each with the key id Keycloak gave it, by which of the
     * {@code known} keys (name to key) it is; one that is none of them by its key id.
     */
    private Map<String, String> publishedSigningKeys(Map<String, String> known) throws GeneralSecurityException {
        Map<BigInteger, String> names = new HashMap<>();
        for (var key : known.entrySet()) {
            names.put(modulus(key.getValue()), key.getKey());
        }
        List<Map<String, String>> keys = given().get(system.keycloak.jwksUri()).then().statusCode(200).extract()
                .jsonPath().getList("keys.findAll { it.use == 'sig' && it.alg == 'RS256' }");
        Map<String, String> published = new HashMap<>();
        for (Map<String, String> key : keys) {
            BigInteger modulus = new BigInteger(1, Base64.getUrlDecoder().decode(key.get("n")));
            published.put(names.getOrDefault(modulus, "another key, " + key.get("kid")), key.get("kid"));
        }
        return published;
    }

    /** Fewer than two exports answered 201 so far, and none answered otherwise. */
    private static boolean stillExporting(List<String> created, List<String> otherAnswers) {
        synchronized (created) {
            return created.size() < 2 && otherAnswers.isEmpty();
        }
    }

    /** The modulus of a realm signing key as {@link KeycloakServer#newSigningKey()} makes one. */
    private static BigInteger modulus(String signingKey) throws GeneralSecurityException {
        return ((RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(signingKey)))).getModulus();
    }

    /** The key id in a token's header: which key signed it. */
    private static String kid(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        return JsonPath.from(header).getString("kid");
    }

    /** The process of each service now: those killed and started again in the tests before are the new ones. */
    private Map<String, Long> servicePids() {
        return Map.of("ingest-service", (restartedIngest != null ? restartedIngest : system.ingest).pid(),
                "query-service", (restartedQuery != null ? restartedQuery : system.query).pid(),
                "audit-service", system.audit.pid());
    }

    private String token(String username, String password) {
        return given().formParams(Map.of("grant_type", "password", "client_id", "alpr-web", "username", username,
                "password", password)).post(system.keycloak.tokenEndpoint())
                .then().statusCode(200).extract().path("access_token");
    }

    private static RequestSpecification as(String token, String baseUrl) {
        return given().baseUri(baseUrl).auth().oauth2(token);
    }

    private List<String> texts(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = system.postgres.superuserConnection(AlprDatabase.DATABASE);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private List<Long> rowCounts(List<String> tables) throws SQLException {
        List<Long> counts = new ArrayList<>();
        for (String table : tables) {
            counts.add(count("select count(*) from " + table));
        }
        return counts;
    }

    private static List<String> gatewayReadIds(String batch) {
        List<String> ids = new ArrayList<>();
        Matcher id = GATEWAY_READ_ID.matcher(batch);
        while (id.find()) {
            ids.add(id.group(1));
        }
        return ids;
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = system.postgres.superuserConnection(AlprDatabase.DATABASE);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long count(String sql, Object... parameters) throws SQLException {
        try (Connection connection = system.postgres.superuserConnection(AlprDatabase.DATABASE);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
