package city.alpr.query.reads;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import city.alpr.common.reads.ReadDetails;
import city.alpr.localstack.StackDatabase;
import city.alpr.query.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static city.alpr.query.support.Fixtures.NORTH_CAMERA;
import static city.alpr.query.support.Fixtures.minutesAgo;
import static city.alpr.query.support.Fixtures.storeRead;
import static city.alpr.query.support.Stack.AUDITOR;
import static city.alpr.query.support.Stack.MANAGER;
import static city.alpr.query.support.Stack.as;
import static city.alpr.query.support.Stack.lastAudit;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ReadViewTest {

    private static final String CASE = "WPD-2026-0100";

    @BeforeEach
    void prepare() {
        Fixtures.prepare();
    }

    @Test
    void custodianViewsAReadAndItsImageAndEachViewIsLogged_R9_R16() {
        UUID id = storeRead("6VEW101", NORTH_CAMERA, minutesAgo(15));
        as(MANAGER).queryParam("purpose", "criminal-investigation").queryParam("caseNumber", CASE)
                .get("/v1/reads/{id}", id)
                .then().statusCode(200)
                .body("plate", equalTo("6VEW101")).body("region", equalTo("CA"))
                .body("site", equalTo("North gate")).body("vehicle.make", equalTo("Toyota"))
                .body("images", contains("plate"));
        Map<String, Object> logged = lastAudit();
        assertEquals("read.view", logged.get("action"));
        assertEquals(id.toString(), logged.get("target"));
        assertEquals("1", logged.get("result_count"));

        byte[] image = as(MANAGER).queryParam("purpose", "criminal-investigation").queryParam("caseNumber", CASE)
                .get("/v1/reads/{id}/images/plate", id)
                .then().statusCode(200).contentType("image/jpeg").header("Cache-Control", "no-store")
                .extract().asByteArray();
        assertArrayEquals(Fixtures.PLATE_JPEG, image);
        assertEquals("read.image.view", lastAudit().get("action"));
        assertEquals(id + "/plate", lastAudit().get("target"));
    }

    @Test
    void viewWithoutPurposeIsRefusedAndLogged_R9() {
        UUID id = storeRead("6VEW102", NORTH_CAMERA, minutesAgo(16));
        as(MANAGER).get("/v1/reads/{id}", id).then().statusCode(400).body("violations[0].field", equalTo("purpose"));
        assertEquals("refused", lastAudit().get("outcome"));
        as(MANAGER).get("/v1/reads/{id}/images/plate", id).then().statusCode(400);
        assertEquals("read.image.view", lastAudit().get("action"));
        assertEquals("refused", lastAudit().get("outcome"));
    }

    @Test
    void unknownReadIs404AndTheAttemptIsLogged() {
        UUID unknown = UUID.randomUUID();
        as(MANAGER).queryParam("purpose", "criminal-investigation").queryParam("caseNumber", CASE)
                .get("/v1/reads/{id}", unknown).then().statusCode(404).contentType("application/problem+json");
        assertEquals(unknown.toString(), lastAudit().get("target"));
        assertEquals("0", lastAudit().get("result_count"));
        as(MANAGER).queryParam("purpose", "criminal-investigation").queryParam("caseNumber", CASE)
                .get("/v1/reads/{id}/images/overview", storeRead("6VEW103", NORTH_CAMERA, minutesAgo(17)))
                .then().statusCode(404);
        as(MANAGER).queryParam("purpose", "criminal-investigation").queryParam("caseNumber", CASE)
                .get("/v1/reads/{id}/images/thumbnail", unknown).then().statusCode(400);
    }

    @Test
    void correctionKeepsTheOriginalIsLoggedAndMakesTheReadFindableByTheCorrectedPlate_R22() {
        UUID id = storeRead("6VEW13B", NORTH_CAMERA, minutesAgo(18));
        Map<String, Object> correction = Map.of("purpose", "criminal-investigation", "caseNumber", CASE,
                "plate", "6VEW138", "region", "CA", "reason", "Overview image shows 8, not B");
        as(MANAGER).contentType(ContentType.JSON).body(correction).post("/v1/reads/{id}/corrections", id)
                .then().statusCode(201).body("plate", equalTo("6VEW138")).body("correctedBy", equalTo(MANAGER));
        Map<String, Object> logged = lastAudit();
        assertEquals("read.correct", logged.get("action"));
        assertEquals("granted", logged.get("outcome"));
        String correctionId = StackDatabase.text("select id from read_correction where read_id = ?", id);
        assertTrue(logged.get("data_elements").toString().contains(correctionId), "logged by its correction id");
        assertFalse(logged.get("data_elements").toString().contains("6VEW138"), "never pairing the corrected plate "
                + "with the read, whose time-ordered id dates the sighting");
        assertFalse(logged.get("data_elements").toString().contains("Overview image"));

        as(MANAGER).queryParam("purpose", "criminal-investigation").queryParam("caseNumber", CASE)
                .get("/v1/reads/{id}", id).then().statusCode(200)
                .body("plate", equalTo("6VEW13B"))
                .body("corrections[0].plate", equalTo("6VEW138"))
                .body("corrections[0].reason", equalTo("Overview image shows 8, not B"));
        as(MANAGER).contentType(ContentType.JSON)
                .body(Map.of("purpose", "criminal-investigation", "caseNumber", CASE,
                        "plate", Map.of("text", "6VEW138"), "from", minutesAgo(60).toString(),
                        "to", minutesAgo(-1).toString()))
                .post("/v1/searches").then().statusCode(200)
                .body("reads.id", hasItem(id.toString()))
                .body("reads.find { it.id == '" + id + "' }.correctedPlate", equalTo("6VEW138"));
        assertEquals(1, StackDatabase.count("select count(*) from plate_read where id = ?", id), "the original stays");
    }

    @Test
    void badCorrectionsNameTheFieldAndStoreNothing_R3_R22() {
        UUID id = storeRead("6VEW140", NORTH_CAMERA, minutesAgo(19));
        as(MANAGER).contentType(ContentType.JSON)
                .body(Map.of("purpose", "criminal-investigation", "caseNumber", CASE, "plate", "6VEW 14$",
                        "region", "California", "reason", ""))
                .post("/v1/reads/{id}/corrections", id).then().statusCode(400)
                .body("violations.field", contains("plate", "reason", "region"));
        assertEquals(0, StackDatabase.count("select count(*) from read_correction where read_id = ?", id));
    }

    @Test
    void aReadWhoseCameraOrTimeWasChangedInTheDatabaseIsRefusedNotShown_R5() {
        UUID id = storeRead("6VEW160", NORTH_CAMERA, minutesAgo(21));
        StackDatabase.execute("update plate_read set camera_id = ? where id = ?", Fixtures.SOUTH_CAMERA, id);
        as(MANAGER).queryParam("purpose", "criminal-investigation").queryParam("caseNumber", CASE)
                .get("/v1/reads/{id}", id).then().statusCode(500).contentType("application/problem+json")
                .body("type", containsString("integrity")).body("detail", containsString("not where and when"));
    }

    @Test
    void movingACameraMovesNoneOfItsPastReadsInViewsOrSearches_R1() {
        String camera = "CAM-Q-MV-" + UUID.randomUUID().toString().substring(0, 6);
        StackDatabase.execute("insert into camera (id, gateway_id, site, latitude, longitude) values "
                + "(?, 'gateway-east', 'Airport road', 33.7000, -117.2800)", camera);
        StackDatabase.execute("insert into camera_registration (camera_id, version, gateway_id, site, latitude, "
                + "longitude, active, recorded_by) values (?, 1, 'gateway-east', 'Old Town plaza', 33.6000, -117.2800, "
                + "true, 'manager'), (?, 2, 'gateway-east', 'Airport road', 33.7000, -117.2800, true, 'manager')",
                camera, camera);
        UUID id = storeRead("6MOV101", camera, minutesAgo(22),
                new ReadDetails.Site("Old Town plaza", 33.6000, -117.2800));

        as(MANAGER).queryParam("purpose", "criminal-investigation").queryParam("caseNumber", CASE)
                .get("/v1/reads/{id}", id).then().statusCode(200).body("site", equalTo("Old Town plaza"))
                .body("siteLatitude", equalTo(33.6f));
        Map<String, Object> there = Map.of("center", Map.of("latitude", 33.6000, "longitude", -117.2800),
                "radiusMeters", 300);
        Map<String, Object> movedTo = Map.of("center", Map.of("latitude", 33.7000, "longitude", -117.2800),
                "radiusMeters", 300);
        for (Map<String, Object> area : List.of(there, movedTo)) {
            boolean found = as(MANAGER).contentType(ContentType.JSON)
                    .body(Map.of("purpose", "criminal-investigation", "caseNumber", CASE, "area", area,
                            "from", minutesAgo(60).toString(), "to", minutesAgo(-1).toString()))
                    .post("/v1/searches").then().statusCode(200).extract().<List<String>> path("reads.id")
                    .contains(id.toString());
            assertEquals(area == there, found, "the read is found where it was taken, not where the camera is now");
        }
    }

    @Test
    void auditorMayNotViewReads_R8() {
        UUID id = storeRead("6VEW150", NORTH_CAMERA, minutesAgo(20));
        as(AUDITOR).queryParam("purpose", "criminal-investigation").queryParam("caseNumber", CASE)
                .get("/v1/reads/{id}", id).then().statusCode(403);
        assertEquals(AUDITOR, lastAudit().get("username"));
        assertEquals("refused", lastAudit().get("outcome"));
    }
}
