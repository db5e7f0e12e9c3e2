package city.alpr.systemtests;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import city.alpr.launcher.RunningSystem;
import city.alpr.launcher.ServiceProcess;
import city.alpr.localstack.AlprDatabase;
import city.alpr.localstack.StackSecrets;
import city.alpr.simulator.GatewayClient;
import city.alpr.simulator.GatewaySimulator;
import city.alpr.simulator.LoadReport;
import city.alpr.simulator.PlateImages;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole system as it runs in production, on this machine: a real PostgreSQL, a real Keycloak and the four
 * services as processes of their own, under the Wildomar CS3 policy. One story, told in order: a gateway's reads
 * raise an alert, an officer searches and exports for a case, the database restarts under sustained ingest, the
 * retention job purges with its clock advanced, the auditor finds every access in an intact log, and Keycloak goes
 * away. Each step's accesses are remembered and looked up in the log by the auditor.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WholeSystemIT {

    private static final String POLICY = "wildomar-cs3";
    private static final String STATE = "whole-system";
    private static final String PURPOSE = "criminal-investigation";
    private static final String CASE_NUMBER = "WPD-2026-7781";
    /** The stolen-vehicle report the watched plate is on the hotlist for. */
    private static final String THEFT_CASE = "WPD-2026-7700";
    /** Not among the simulator's vehicles, so only the reads this test posts carry it. */
    private static final String WATCHED_PLATE = "6TRK719";
    private static final Duration ALERT_WITHIN = Duration.ofSeconds(15);

    private RunningSystem system;
    private AlertStream managersAlerts;
    private String watchedRead;
    private byte[] watchedPlateImage;
    /** Accesses the steps made, each to be found in the access log: action, username, outcome, case number. */
    private final List<Map<String, String>> expectedInLog = new ArrayList<>();

    @BeforeAll
    void startTheWholeSystem() throws IOException {
        system = TestSystem.start(STATE, POLICY);
    }

    @AfterAll
    void stopTheWholeSystem() {
        if (managersAlerts != null) {
            managersAlerts.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void gatewayReadsAreStoredAndAHotlistHitReachesTheCustodianLive_R2_R4_R7_R29() throws Exception {
        String officer = token("officer");
        String hotlist = as(officer, system.query.url()).contentType(ContentType.JSON)
                .body(Map.of("name", "Stolen vehicles (system test)", "kind", "stolen-vehicle"))
                .post("/v1/hotlists").then().statusCode(201).extract().path("id");
        List<Map<String, Object>> entry = List.of(Map.of("plate", WATCHED_PLATE, "region", "CA", "source", "NCIC",
                "reason", "Stolen", "purpose", PURPOSE, "caseNumber", THEFT_CASE,
                "expiresAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(7).withNano(0).toString()));
        // under Wildomar CS3 an officer watches a plate only within a request the custodian approved for the case
        as(officer, system.query.url()).contentType(ContentType.JSON).body(entry)
                .post("/v1/hotlists/{id}/entries", hotlist).then().statusCode(403);
        String theftRequest = as(officer, system.query.url()).contentType(ContentType.JSON)
                .body(Map.of("caseNumber", THEFT_CASE, "purpose", PURPOSE, "justification", "Vehicle reported stolen"))
                .post("/v1/requests").then().statusCode(201).extract().path("id");
        as(token("manager"), system.query.url()).contentType(ContentType.JSON)
                .body(Map.of("approved", true, "validDays", 14))
                .post("/v1/requests/{id}/decision", theftRequest).then().statusCode(200);
        as(officer, system.query.url()).contentType(ContentType.JSON).body(entry)
                .post("/v1/hotlists/{id}/entries", hotlist).then().statusCode(201);
        expect("hotlist.create", "officer", "granted", null);
        expect("hotlist.entry.add", "officer", "refused", THEFT_CASE);
        expect("hotlist.entry.add", "officer", "granted", THEFT_CASE);
        // Wildomar CS3 sends alerts to the custodian
        managersAlerts = AlertStream.open(system.query.url(), token("manager"));
        expect("alert.subscribe", "manager", "granted", null);

        LoadReport traffic = GatewaySimulator.run(new GatewaySimulator.Settings(URI.create(system.ingest.url()),
                URI.create(system.keycloak.tokenEndpoint()), "gateway-east", system.secrets.gatewayEastSecret(),
                RunningSystem.DEMO_CAMERAS.get("gateway-east"), 20, 5, 1, Duration.ofSeconds(3), 4096));
        assertEquals(0, traffic.failedRequests(), traffic.toString());
        assertEquals(60, traffic.readsSent(), traffic.toString());

        watchedPlateImage = PlateImages.jpeg(WATCHED_PLATE, 6000, 7);
        watchedRead = postWatchedRead("east-watched-1");
        JsonNode alert = managersAlerts.awaitAlertFor(watchedRead, ALERT_WITHIN);
        assertEquals(WATCHED_PLATE, alert.path("plate").asText());
        assertEquals("plate", alert.path("matchKind").asText());
        expect("alert.delivered", "manager", "granted", THEFT_CASE);
        assertEquals(61, count("select count(*) from plate_read"), "every read the gateway sent is stored once");

        String manager = token("manager");
        String alertId = alert.path("id").asText();
        as(manager, system.query.url()).queryParam("open", true).get("/v1/alerts")
                .then().statusCode(200).body("id", hasItem(alertId));
        as(manager, system.query.url()).contentType(ContentType.JSON)
                .body(Map.of("disposition", "confirmed", "note", "Plate checked against the image"))
                .post("/v1/alerts/{id}/disposition", alertId).then().statusCode(200)
                .body("disposition", equalTo("confirmed")).body("disposedBy", equalTo("manager"));
        expect("alert.list", "manager", "granted", null);
        expect("alert.disposition", "manager", "granted", THEFT_CASE);
    }

    @Test
    @Order(2)
    void officerSearchesWithPurposeAndCaseOnceTheCustodianApprovesTheRequest_R9_R10_R11() {
        String officer = token("officer");
        Map<String, Object> search = searchForTheWatchedPlate();
        as(officer, system.query.url()).contentType(ContentType.JSON).body(search).post("/v1/searches")
                .then().statusCode(403);
        expect("read.search", "officer", "refused", CASE_NUMBER);
        as(token("recruit"), system.query.url()).contentType(ContentType.JSON).body(search).post("/v1/searches")
                .then().statusCode(403);
        expect("read.search", "recruit", "refused", CASE_NUMBER);

        String request = as(officer, system.query.url()).contentType(ContentType.JSON)
                .body(Map.of("caseNumber", CASE_NUMBER, "purpose", PURPOSE,
                        "justification", "Stolen vehicle seen at the east gate"))
                .post("/v1/requests").then().statusCode(201).extract().path("id");
        as(token("manager"), system.query.url()).contentType(ContentType.JSON)
                .body(Map.of("approved", true, "validDays", 14))
                .post("/v1/requests/{id}/decision", request).then().statusCode(200).body("approved", equalTo(true));
        expect("request.file", "officer", "granted", CASE_NUMBER);
        expect("request.decide", "manager", "granted", CASE_NUMBER);

        as(officer, system.query.url()).contentType(ContentType.JSON).body(search).post("/v1/searches")
                .then().statusCode(200).body("reads.id", equalTo(List.of(watchedRead)));
        as(officer, system.query.url()).queryParam("purpose", PURPOSE).queryParam("caseNumber", CASE_NUMBER)
                .get("/v1/reads/{id}", watchedRead).then().statusCode(200)
                .body("plate", equalTo(WATCHED_PLATE)).body("alerts[0].disposition", equalTo("confirmed"));
        byte[] image = as(officer, system.query.url()).queryParam("purpose", PURPOSE)
                .queryParam("caseNumber", CASE_NUMBER).get("/v1/reads/{id}/images/plate", watchedRead)
                .then().statusCode(200).contentType("image/jpeg").extract().asByteArray();
        assertArrayEquals(watchedPlateImage, image, "the image comes back as the camera sent it");
        expect("read.search", "officer", "granted", CASE_NUMBER);
        expect("read.view", "officer", "granted", CASE_NUMBER);
        expect("read.image.view", "officer", "granted", CASE_NUMBER);
    }

    @Test
    @Order(3)
    void officerExportsTheFlaggedReadAsAPackageTheAuditorVerifies_R12_R13() throws IOException {
        String officer = token("officer");
        String export = as(officer, system.query.url()).contentType(ContentType.JSON)
                .body(Map.of("purpose", PURPOSE, "caseNumber", CASE_NUMBER, "readIds", List.of(watchedRead)))
                .post("/v1/exports").then().statusCode(201).extract().path("id");
        byte[] evidence = as(officer, system.query.url()).get("/v1/exports/{id}/package", export)
                .then().statusCode(200).contentType("application/zip").extract().asByteArray();
        Map<String, String> files = textFiles(evidence);
        assertTrue(files.get("reads.csv").contains(WATCHED_PLATE), "the package holds the read");
        assertTrue(files.get("manifest.json").contains(CASE_NUMBER), "the manifest names the case");

        as(token("auditor"), system.query.url()).contentType("application/zip").body(evidence)
                .post("/v1/exports/verify").then().statusCode(200).body("valid", equalTo(true));
        expect("read.export", "officer", "granted", CASE_NUMBER);
        expect("export.download", "officer", "granted", null);
        expect("export.verify", "auditor", "granted", null);
    }

    @Test
    @Order(4)
    void postgresRestartDuringSustainedIngestLosesNothingAndDuplicatesNothing_R4() throws Exception {
        RetryingGateway gateway = new RetryingGateway(system, "gateway-west", system.secrets.gatewayWestSecret(),
                "restart-" + UUID.randomUUID().toString().substring(0, 8));
        // a stream of its own, opened before the restart: the one of the first test ends with its token's lifetime,
        // which the tests before this one may have used up on a slow machine
        if (managersAlerts != null) {
            managersAlerts.close();
        }
        managersAlerts = AlertStream.open(system.query.url(), token("manager"));
        String before = text("select pg_postmaster_start_time()::text");
        Thread sender = Thread.ofVirtual().name("sustained-ingest").start(() -> {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
            try {
                while (System.nanoTime() < end) {
                    gateway.sendBatch();
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread.sleep(6_000);
        system.postgres.restart();
        sender.join(Duration.ofMinutes(3));
        assertFalse(sender.isAlive(), "the gateway caught up after the restart");

        System.out.printf("sustained ingest across the restart: %d reads sent, %d failed attempts retried (answered"
                + " %s), %d answered duplicate%n", gateway.readsSent(), gateway.failedAttempts(),
                gateway.serverErrors(), gateway.duplicates());
        assertFalse(before.equals(text("select pg_postmaster_start_time()::text")), "PostgreSQL did restart");
        assertTrue(gateway.failedAttempts() > 0, "the restart cut into the ingest: the gateway had to retry");
        assertEquals(Set.of(503), gateway.serverErrors(), "while the database was away, ingest said so (503)");
        long rows = count("select count(*) from plate_read where gateway_read_id like ?", gateway.runId() + "-%");
        long distinct = count("select count(distinct gateway_read_id) from plate_read where gateway_read_id like ?",
                gateway.runId() + "-%");
        assertEquals(gateway.readsSent(), rows, "every read sent is stored: nothing lost");
        assertEquals(rows, distinct, "no read is stored twice: nothing duplicated");
        assertEquals(gateway.readsSent(), gateway.stored() + gateway.duplicates(),
                "each read was answered stored once, or duplicate when its first answer was lost");

        // the alert feed's own connection to PostgreSQL came back too: a hit after the restart still streams live
        String afterRestart = postWatchedRead("east-watched-2");
        managersAlerts.awaitAlertFor(afterRestart, ALERT_WITHIN);
    }

    @Test
    @Order(5)
    void retentionJobWithItsClockAdvancedPurgesEveryExpiredDayAndItsKey_R19_R20() throws Exception {
        // the database takes a clock ahead of its own only as a rehearsal database, which its owner marks it
        system.markRehearsalDatabase();
        Instant asOf = Instant.now().plus(31, ChronoUnit.DAYS);
        Map<String, String> environment = new HashMap<>(system.environment("retention-service"));
        environment.put("QUARKUS_HTTP_PORT", "0");
        environment.put("ALPR_RETENTION_AS_OF", asOf.toString());
        Path log = TestSystem.state(STATE).resolve("logs/retention-purge-command.log");
        Process purge = ServiceProcess.command(system.root, "retention-service", List.of(), List.of("purge"),
                environment, log).start();
        assertTrue(purge.waitFor(3, TimeUnit.MINUTES), "the purge finished");
        assertEquals(0, purge.exitValue(), "the purge completed and found nothing left: " + Files.readString(log));

        for (String table : List.of("plate_read", "read_image", "hotlist_alert", "ingest_key")) {
            assertEquals(0, count("select count(*) from " + table),
                    table + " holds nothing captured before the cutoff");
        }
        assertEquals(0, count("select count(*) from data_key where day <= current_date and wrapped_key is not null"),
                "the keys of the purged days are destroyed, so backups taken after the purge cannot open them");
        assertEquals("completed", text("select outcome from purge_receipt order by finished_at desc limit 1"));
        assertTrue(text("select counts::text from purge_receipt order by finished_at desc limit 1")
                .contains("plate_read"), "the receipt counts what was purged");

        as(token("officer"), system.query.url()).queryParam("purpose", PURPOSE).queryParam("caseNumber", CASE_NUMBER)
                .get("/v1/reads/{id}", watchedRead).then().statusCode(404);
        expect("retention.purge", "retention-job", "granted", null);
    }

    @Test
    @Order(6)
    void auditorFindsEveryAccessInTheLogAndTheChainIntact_R16_R17_R18() {
        String auditor = token("auditor");
        List<Map<String, Object>> records = as(auditor, system.audit.url()).queryParam("limit", 1000)
                .get("/v1/audit/events").then().statusCode(200).extract().jsonPath().getList("records");
        for (Map<String, String> expected : expectedInLog) {
            assertTrue(records.stream().anyMatch(record -> matches(record, expected)),
                    "the access log holds " + expected);
        }
        Map<String, Object> search = records.stream()
                .filter(record -> matches(record, Map.of("action", "read.search", "outcome", "granted")))
                .findFirst().orElseThrow();
        assertEquals(PURPOSE, search.get("purpose"));
        assertEquals(1, search.get("resultCount"));
        assertEquals(WATCHED_PLATE, ((Map<?, ?>) search.get("dataElements")).get("plate"));
        assertTrue(search.get("clientAddress") != null && search.get("agency") != null, "who and from where");

        as(auditor, system.audit.url()).get("/v1/audit/verify").then().statusCode(200)
                .body("intact", equalTo(true)).body("breaks", equalTo(List.of()));
        as(auditor, system.audit.url()).post("/v1/audit/checkpoints").then().statusCode(201);
    }

    @Test
    @Order(7)
    void withKeycloakDownIssuedTokensWorkUntilTheyExpireAndNothingIsServedWithoutOne_R8() throws Exception {
        String officer = token("officer");
        String auditor = token("auditor");
        String twoSecondToken = tokenOf("alpr-expiry-probe", "officer", system.secrets.officerPassword());
        system.keycloak.close();

        HttpRequest login = HttpRequest.newBuilder(URI.create(system.keycloak.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=alpr-web&username=officer"))
                .build();
        assertThrows(ConnectException.class,
                () -> HttpClient.newHttpClient().send(login, HttpResponse.BodyHandlers.ofString()),
                "a new login fails at once");
        GatewayClient newGateway = new GatewayClient(URI.create(system.ingest.url()),
                URI.create(system.keycloak.tokenEndpoint()), "gateway-east", system.secrets.gatewayEastSecret(), 1);
        assertThrows(IOException.class, () -> newGateway.post("/v1/reads", "[]", 1),
                "a gateway without a token cannot get one, and sends nothing");

        Map<String, Object> search = searchForTheWatchedPlate();
        as(officer, system.query.url()).contentType(ContentType.JSON).body(search).post("/v1/searches")
                .then().statusCode(200);
        as(auditor, system.audit.url()).get("/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));

        Thread.sleep(3_500);
        as(twoSecondToken, system.query.url()).contentType(ContentType.JSON).body(search).post("/v1/searches")
                .then().statusCode(401).contentType("application/problem+json");

        String forged = ForgedToken.naming(system.keycloak.issuer(), "forged-key");
        for (String url : List.of(system.ingest.url(), system.query.url(), system.audit.url())) {
            given().baseUri(url).get("/q/health/ready").then().statusCode(200);
        }
        given().baseUri(system.ingest.url()).contentType(ContentType.JSON).body("[]").post("/v1/reads")
                .then().statusCode(401).contentType("application/problem+json");
        as(forged, system.ingest.url()).contentType(ContentType.JSON).body("[]").post("/v1/reads")
                .then().time(lessThan(10_000L)).statusCode(401);
        given().baseUri(system.query.url()).contentType(ContentType.JSON).body(search).post("/v1/searches")
                .then().statusCode(401).contentType("application/problem+json");
        as(forged, system.query.url()).queryParam("purpose", PURPOSE).queryParam("caseNumber", CASE_NUMBER)
                .get("/v1/reads/{id}", watchedRead).then().time(lessThan(10_000L)).statusCode(401);
        given().baseUri(system.audit.url()).get("/v1/audit/events").then().statusCode(401);
        as(forged, system.audit.url()).get("/v1/audit/events").then().time(lessThan(10_000L)).statusCode(401);
    }

    private String postWatchedRead(String gatewayReadId) throws IOException, InterruptedException {
        return GatewayReads.post(system, gatewayReadId, WATCHED_PLATE, watchedPlateImage);
    }

    /** The officer's search for the case: the watched plate over the last hour. */
    private static Map<String, Object> searchForTheWatchedPlate() {
        return Map.of("purpose", PURPOSE, "caseNumber", CASE_NUMBER, "plate", Map.of("text", WATCHED_PLATE),
                "from", Instant.now().minus(1, ChronoUnit.HOURS).toString(),
                "to", Instant.now().plus(1, ChronoUnit.MINUTES).toString());
    }

    private void expect(String action, String username, String outcome, String caseNumber) {
        Map<String, String> record = new HashMap<>(Map.of("action", action, "username", username, "outcome", outcome));
        if (caseNumber != null) {
            record.put("caseNumber", caseNumber);
        }
        expectedInLog.add(record);
    }

    private static boolean matches(Map<String, Object> record, Map<String, String> expected) {
        return expected.entrySet().stream().allMatch(field -> field.getValue().equals(record.get(field.getKey())));
    }

    private String token(String username) {
        StackSecrets secrets = system.secrets;
        Map<String, String> passwords = Map.of("officer", secrets.officerPassword(), "manager",
                secrets.managerPassword(), "auditor", secrets.auditorPassword(), "recruit", secrets.recruitPassword());
        return tokenOf("alpr-web", username, passwords.get(username));
    }

    private String tokenOf(String client, String username, String password) {
        return given().formParams(Map.of("grant_type", "password", "client_id", client, "username", username,
                "password", password)).post(system.keycloak.tokenEndpoint())
                .then().statusCode(200).extract().path("access_token");
    }

    private static RequestSpecification as(String token, String baseUrl) {
        return given().baseUri(baseUrl).auth().oauth2(token);
    }

    private static Map<String, String> textFiles(byte[] zip) throws IOException {
        Map<String, String> files = new HashMap<>();
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                if (entry.getName().endsWith(".csv") || entry.getName().endsWith(".json")) {
                    files.put(entry.getName(), new String(entries.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }

    private long count(String sql, Object... parameters) throws SQLException {
        return Long.parseLong(text(sql, parameters));
    }

    private String text(String sql, Object... parameters) throws SQLException {
        try (Connection connection = system.postgres.superuserConnection(AlprDatabase.DATABASE);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }
}
