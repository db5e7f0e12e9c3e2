package city.alpr.query.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import city.alpr.common.reads.ReadDetails;
import city.alpr.query.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.json.Json;

import static city.alpr.query.support.Fixtures.NORTH_CAMERA;
import static city.alpr.query.support.Fixtures.SOUTH_CAMERA;
import static city.alpr.query.support.Fixtures.minutesAgo;
import static city.alpr.query.support.Stack.MANAGER;
import static city.alpr.query.support.Stack.as;
import static city.alpr.query.support.Stack.lastAudit;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * R15: a search by what a vehicle looks like (make, colour, body type in the one NCIC vocabulary, whatever words the
 * engine used), with a partial plate or none, bounded like any search without a plate, under a purpose and case, and
 * logged with the description asked.
 */
@QuarkusTest
class VehicleSearchTest {

    private static final String CASE = "WPD-2026-0140";

    @BeforeEach
    void prepare() {
        Fixtures.prepare();
    }

    /** Reads of about twenty hours ago, when no other test's reads are taken. */
    static Map<String, Object> search(Map<String, Object> vehicle, List<String> cameras) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("purpose", "criminal-investigation");
        body.put("caseNumber", CASE);
        body.put("vehicle", vehicle);
        if (cameras != null) {
            body.put("cameraIds", cameras);
        }
        body.put("from", minutesAgo(20 * 60 + 30).toString());
        body.put("to", minutesAgo(19 * 60 + 30).toString());
        return body;
    }

    static ValidatableResponse post(Map<String, Object> body) {
        return as(MANAGER).contentType(ContentType.JSON).body(body).post("/v1/searches").then();
    }

    @Test
    void theCustodianFindsAVehicleByMakeColourAndBodyTypeWhateverWordsTheEngineUsed_andTheSearchIsLogged_R15_R16() {
        UUID sedan = Fixtures.storeRead("6TSL101", NORTH_CAMERA, minutesAgo(20 * 60),
                new ReadDetails.Vehicle("Tesla", "Red", "sedan-standard"));
        UUID fourDoor = Fixtures.storeRead("6TSL102", SOUTH_CAMERA, minutesAgo(20 * 60 + 5),
                new ReadDetails.Vehicle("TESL", "red", "4D"));
        Fixtures.storeRead("6TSL103", NORTH_CAMERA, minutesAgo(20 * 60 + 6),
                new ReadDetails.Vehicle("Tesla", "Red", "SUV"));
        Fixtures.storeRead("6TSL104", NORTH_CAMERA, minutesAgo(20 * 60 + 7),
                new ReadDetails.Vehicle("Tesla", "White", "Sedan"));

        post(search(Map.of("make", "TESL", "color", "Red", "bodyType", "Sedan"), List.of(NORTH_CAMERA, SOUTH_CAMERA)))
                .statusCode(200).body("reads.id", containsInAnyOrder(sedan.toString(), fourDoor.toString()));

        assertEquals("read.search", lastAudit().get("action"));
        assertEquals(CASE, lastAudit().get("case_number"));
        assertEquals("2", lastAudit().get("result_count"));
        assertEquals(List.of("make:TESL", "color:RED", "bodyType:4D"),
                Json.decodeValue((String) lastAudit().get("data_elements"), Map.class).get("vehicle"));
    }

    @Test
    void aDescriptionNarrowsAPartialPlate_R15() {
        Fixtures.storeRead("6RVN201", NORTH_CAMERA, minutesAgo(20 * 60 + 10),
                new ReadDetails.Vehicle("Rivian", "Green", "Pickup Truck"));
        Fixtures.storeRead("6RVN202", NORTH_CAMERA, minutesAgo(20 * 60 + 11),
                new ReadDetails.Vehicle("Ford", "Green", "Pickup"));
        Fixtures.storeRead("6RVX203", NORTH_CAMERA, minutesAgo(20 * 60 + 12),
                new ReadDetails.Vehicle("Ford", "Green", "Pickup"));
        Map<String, Object> body = search(Map.of("color", "GRN", "bodyType", "PK"), null);
        body.put("plate", Map.of("text", "6RVN*", "match", "PARTIAL"));

        post(body).statusCode(200).body("reads.plate", containsInAnyOrder("6RVN201", "6RVN202"));
        body.put("vehicle", Map.of("make", "FORD", "bodyType", "truck-standard"));
        post(body).statusCode(200).body("reads.plate", containsInAnyOrder("6RVN202"));
    }

    @Test
    void aDescriptionWithoutAPlateIsBoundedLikeAnySearchWithoutOne_R15() {
        post(search(Map.of("make", "Toyota"), null)).statusCode(400)
                .body("violations[0].field", equalTo("plate"));
        Map<String, Object> week = search(Map.of("make", "Toyota"), List.of(NORTH_CAMERA));
        week.put("from", minutesAgo(7 * 24 * 60).toString());
        post(week).statusCode(400).body("violations[0].field", equalTo("plate"))
                .body("violations[0].message", startsWith("is required unless the search names cameras or an area"));
    }

    @Test
    void aDescriptionOutsideTheVocabularyOrBesideAWholePlateIsRefusedNamingTheField_R3_R15() {
        post(search(Map.of("make", "Batmobile"), List.of(NORTH_CAMERA))).statusCode(400)
                .body("violations[0].field", equalTo("vehicle.make"))
                .body("violations[0].message", startsWith("is not in the vocabulary: one of [ACUR (Acura)"));
        post(search(Map.of(), List.of(NORTH_CAMERA))).statusCode(400)
                .body("violations[0].field", equalTo("vehicle"));
        Map<String, Object> whole = search(Map.of("color", "RED"), List.of(NORTH_CAMERA));
        whole.put("plate", Map.of("text", "6TSL101"));
        post(whole).statusCode(400).body("violations[0].field", equalTo("vehicle"));
        as(MANAGER).get("/v1/searches/vehicle-vocabulary").then().statusCode(200)
                .body("color.find { it.code == 'SIL' }.name", equalTo("Silver"))
                .body("bodyType.find { it.code == 'UT' }.name", equalTo("Sport utility"));
    }
}
