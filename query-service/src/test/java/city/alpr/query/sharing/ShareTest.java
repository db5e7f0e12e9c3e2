package city.alpr.query.sharing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import city.alpr.localstack.StackDatabase;
import city.alpr.query.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

import static city.alpr.query.support.Fixtures.NORTH_CAMERA;
import static city.alpr.query.support.Fixtures.minutesAgo;
import static city.alpr.query.support.Fixtures.storeRead;
import static city.alpr.query.support.Stack.MANAGER;
import static city.alpr.query.support.Stack.OFFICER;
import static city.alpr.query.support.Stack.as;
import static city.alpr.query.support.Stack.lastAudit;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sharing under Wildomar CS3 (custodian only, California public agencies only): R14, R15. */
@QuarkusTest
class ShareTest {

    @BeforeEach
    void prepare() {
        Fixtures.prepare();
        agency("riverside-da", "Riverside County District Attorney", "prosecutorial", "CA", "local", true);
        agency("clark-sheriff", "Clark County Sheriff (Nevada)", "law-enforcement", "NV", "local", true);
        agency("acme-security", "Acme Private Security", "law-enforcement", "CA", "private", true);
        agency("old-task-force", "Disbanded task force", "law-enforcement", "CA", "state", false);
        agency("fbi-la", "FBI Los Angeles field office", "law-enforcement", "CA", "federal", true);
        agency("chp", "California Highway Patrol", "law-enforcement", "CA", "state", true);
    }

    private static void agency(String id, String name, String kind, String state, String level, boolean active) {
        StackDatabase.execute("insert into agency (id, name, kind, state, level, active, registered_by) "
                + "values (?, ?, ?, ?, ?, ?, 'manager') on conflict do nothing", id, name, kind, state, level, active);
    }

    private static Map<String, Object> share(String agency, UUID... reads) {
        return Map.of("agencyId", agency, "purpose", "prosecution", "caseNumber", "RSO-2026-00412",
                "readIds", List.of(reads).stream().map(UUID::toString).toList());
    }

    @Test
    void custodianSharesChosenReadsWithACaliforniaPublicAgencyAndOwnershipPasses_R14() {
        UUID read = storeRead("9SHR101", NORTH_CAMERA, minutesAgo(20));
        String id = as(MANAGER).contentType(ContentType.JSON).body(share("riverside-da", read)).post("/v1/shares")
                .then().statusCode(201)
                .body("agencyName", equalTo("Riverside County District Attorney"))
                .body("ownershipTransferred", equalTo(true)).body("readCount", equalTo(1))
                .extract().path("id");
        Map<String, Object> logged = lastAudit();
        assertEquals("read.share", logged.get("action"));
        assertEquals("granted", logged.get("outcome"));
        assertEquals("prosecution", logged.get("purpose"));
        assertTrue(logged.get("data_elements").toString().contains("riverside-da"));

        String exportId = as(MANAGER).get("/v1/shares").then().statusCode(200)
                .body("id", hasItem(id)).extract().path("find { it.id == '" + id + "' }.exportId");
        byte[] zip = as(MANAGER).get("/v1/shares/{id}/package", id).then().statusCode(200)
                .contentType("application/zip").extract().asByteArray();
        assertTrue(zip.length > 100);
        as(MANAGER).get("/v1/exports/{id}", exportId).then().statusCode(200)
                .body("custody.event", contains("created", "transferred", "downloaded"))
                .body("custody[1].detail", containsString("ownership passes"))
                .body("manifest.recipient", equalTo("Riverside County District Attorney"));
    }

    @Test
    void agenciesOutsideCaliforniaPrivateUnregisteredOrRetiredAreRefusedAndLogged_R14() {
        UUID read = storeRead("9SHR102", NORTH_CAMERA, minutesAgo(21));
        for (String agency : List.of("clark-sheriff", "acme-security", "no-such-agency", "old-task-force", "fbi-la")) {
            as(MANAGER).contentType(ContentType.JSON).body(share(agency, read)).post("/v1/shares")
                    .then().statusCode(403).contentType("application/problem+json");
            assertEquals("refused", lastAudit().get("outcome"), agency);
        }
        assertEquals(0, StackDatabase.count("select count(*) from data_share where agency_id not in ('riverside-da', 'chp')"));
    }

    @Test
    void aFederalFieldOfficeInCaliforniaIsNoPublicAgencyAndReceivesNothing_R34() {
        UUID read = storeRead("9SHR105", NORTH_CAMERA, minutesAgo(24));
        as(MANAGER).contentType(ContentType.JSON).body(share("fbi-la", read)).post("/v1/shares")
                .then().statusCode(403).body("detail", containsString("state or local"))
                .body("detail", containsString("federal"));
        Map<String, Object> refused = lastAudit();
        assertEquals("read.share", refused.get("action"));
        assertEquals("refused", refused.get("outcome"));
        assertEquals(0, StackDatabase.count("select count(*) from data_share where agency_id = 'fbi-la'"));
        as(MANAGER).contentType(ContentType.JSON).body(share("chp", read)).post("/v1/shares")
                .then().statusCode(201);
    }

    @Test
    void onlyTheCustodianShares_R14() {
        UUID read = storeRead("9SHR103", NORTH_CAMERA, minutesAgo(22));
        Fixtures.approveRequest("RSO-2026-00412");
        as(OFFICER).contentType(ContentType.JSON).body(share("riverside-da", read)).post("/v1/shares")
                .then().statusCode(403);
        assertEquals(OFFICER, lastAudit().get("username"));
        as(OFFICER).get("/v1/shares").then().statusCode(403);
    }

    @Test
    void sharesAreBoundedAndUnknownReadsNamed_R3_R15() {
        UUID read = storeRead("9SHR104", NORTH_CAMERA, minutesAgo(23));
        UUID[] many = new UUID[101];
        for (int i = 0; i < many.length; i++) {
            many[i] = UUID.randomUUID();
        }
        as(MANAGER).contentType(ContentType.JSON).body(share("riverside-da", many)).post("/v1/shares")
                .then().statusCode(400).body("violations[0].message", containsString("no bulk sharing"));
        as(MANAGER).contentType(ContentType.JSON).body(share("riverside-da", read, UUID.randomUUID()))
                .post("/v1/shares").then().statusCode(400).body("violations[0].field", equalTo("readIds[1]"));
        as(MANAGER).contentType(ContentType.JSON).body(Map.of("agencyId", "riverside-da", "readIds", List.of()))
                .post("/v1/shares").then().statusCode(400);
        as(MANAGER).contentType(ContentType.JSON).body(Map.of("agencyId", "riverside-da", "purpose", "prosecution",
                "readIds", List.of(read.toString()))).post("/v1/shares")
                .then().statusCode(400).body("violations[0].field", equalTo("caseNumber"));
        assertEquals("refused", lastAudit().get("outcome"));
    }

    /**
     * R15: the API is exactly this list. No path sells, lists or dumps reads in bulk; a new path must be added
     * here deliberately, with its reason. Issue 18 added: the hotlist feeds' status and refresh (no read data), the
     * prior reads of one watched plate (a page of one plate's reads, under its entry's case) and the vehicle
     * vocabulary (static codes).
     */
    @Test
    void theApiHasNoBulkDumpOrSalePath_R15() {
        Map<String, Object> paths = RestAssured.get("/q/openapi?format=json").then().statusCode(200)
                .extract().path("paths");
        Set<String> documented = new TreeSet<>(paths.keySet());
        assertEquals(new TreeSet<>(Set.of("/v1/alerts", "/v1/alerts/stream", "/v1/alerts/{id}/disposition",
                "/v1/approvals", "/v1/approvals/{id}/revocation",
                "/v1/exports", "/v1/exports/signing-key", "/v1/exports/verify", "/v1/exports/{id}",
                "/v1/exports/{id}/package", "/v1/exports/{id}/transfers", "/v1/hotlist-feeds",
                "/v1/hotlist-feeds/{name}/refresh", "/v1/hotlists", "/v1/hotlists/{id}/entries",
                "/v1/hotlists/{id}/entries/{entryId}", "/v1/hotlists/{hotlistId}/entries/{entryId}/prior-reads",
                "/v1/reads/{id}", "/v1/reads/{id}/corrections", "/v1/reads/{id}/images/{kind}", "/v1/requests",
                "/v1/requests/{id}/decision", "/v1/searches", "/v1/searches/vehicle-vocabulary", "/v1/shares",
                "/v1/shares/{id}/package")), documented);
    }
}
