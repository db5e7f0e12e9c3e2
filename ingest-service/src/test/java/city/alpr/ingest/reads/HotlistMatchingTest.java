package city.alpr.ingest.reads;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import city.alpr.ingest.support.Reads;
import city.alpr.ingest.support.Stack;
import city.alpr.localstack.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static city.alpr.ingest.support.Hotlists.alerts;
import static city.alpr.ingest.support.Hotlists.watch;
import static city.alpr.ingest.support.Reads.read;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every read is matched against the active hotlist entries in the statement that stores it (R7): a hit raises an
 * alert at once, look-alike misreads included; expired and removed entries stop matching; entries added while
 * the service runs match the next read.
 */
@QuarkusTest
class HotlistMatchingTest {

    @BeforeEach
    void prepare() {
        Reads.registerTestCameras();
    }

    private static String ingest(String plate) {
        return ingest(read(plate));
    }

    private static String ingest(Map<String, Object> read) {
        return given().auth().oauth2(Stack.gatewayToken(Stack.GATEWAY_EAST)).contentType(ContentType.JSON)
                .body(read).post("/v1/reads").then().statusCode(201).extract().path("reads[0].readId");
    }

    private static Map<String, Object> withCandidates(String plate, Object... plateThenConfidence) {
        Map<String, Object> read = read(plate);
        List<Map<String, Object>> candidates = new ArrayList<>();
        for (int i = 0; i < plateThenConfidence.length; i += 2) {
            candidates.add(Map.of("plate", plateThenConfidence[i], "confidence", plateThenConfidence[i + 1]));
        }
        read.put("candidates", candidates);
        return read;
    }

    @Test
    void aWatchedPlateAmongTheEnginesCandidatesAboveThePolicysThresholdRaisesACandidateAlert_R7() {
        UUID entry = watch("4MTC201", "1 day");
        String read = ingest(withCandidates("4MTC207", "4MTC207", 0.91, "4MTC201", 0.85));
        assertEquals(1, alerts(read, entry, "candidate"));
        assertEquals(1, StackDatabase.count("select count(*) from hotlist_alert where read_id = ?::uuid", read));
        assertEquals("4MTC201", Reads.sealedDetails(read).get("candidates").get(1).get("plate").asText());
        assertEquals(0.85, Reads.sealedDetails(read).get("candidates").get(1).get("confidence").asDouble());
    }

    @Test
    void aCandidateBelowTheThresholdRaisesNothing_andOneLikeTheBestPlateNoSecondAlert_R7() {
        UUID below = watch("4MTC203", "1 day");
        String read = ingest(withCandidates("4MTC209", "4MTC203", 0.79));
        assertEquals(0, StackDatabase.count("select count(*) from hotlist_alert where read_id = ?::uuid", read));

        UUID best = watch("4MTC202", "1 day");
        String again = ingest(withCandidates("4MTC202", "4MTC202", 0.95, "4MTC2O2", 0.9));
        assertEquals(1, alerts(again, best, "plate"));
        assertEquals(1, alerts(again, best));
        assertEquals(0, alerts(read, below));
    }

    @Test
    void aMalformedCandidateRefusesTheReadNamingIt_R3() {
        Map<String, Object> read = withCandidates("4MTC210", "4MTC210", 0.9, "4MTC!10", 0.8);
        given().auth().oauth2(Stack.gatewayToken(Stack.GATEWAY_EAST)).contentType(ContentType.JSON).body(read)
                .post("/v1/reads").then().statusCode(400)
                .body("violations[0].field", equalTo("candidates[1].plate"));
        assertEquals(0, Reads.storedWithGatewayReadId((String) read.get("gatewayReadId")));
    }

    @Test
    void aReadOfAWatchedPlateRaisesAnAlertInTheSameStatement_R7() {
        UUID entry = watch("4MTC101", "1 day");
        String read = ingest("4mtc-101");
        assertEquals(1, alerts(read, entry, "plate"));
        assertEquals(1, StackDatabase.count("select count(*) from hotlist_alert where read_id = ?::uuid", read));
    }

    @Test
    void aLookAlikeMisreadRaisesAnAlertMarkedLookAlike_R7() {
        UUID entry = watch("4MTC8O2", "1 day");
        String read = ingest("4MTCB02");
        assertEquals(1, alerts(read, entry, "look-alike"));
    }

    @Test
    void expiredAndRemovedEntriesStopMatching_R6_R7() {
        watch("4MTC103", "-1 minute");
        UUID removed = watch("4MTC104", "1 day");
        StackDatabase.execute("update hotlist_entry set removed_by = 'officer', removed_at = now() where id = ?", removed);
        for (String plate : List.of("4MTC103", "4MTC104")) {
            String read = ingest(plate);
            assertEquals(0, StackDatabase.count("select count(*) from hotlist_alert where read_id = ?::uuid", read), plate);
        }
    }

    @Test
    void anEntryAddedWhileTheServiceRunsMatchesTheNextRead_R7() {
        String before = ingest("4MTC105");
        UUID entry = watch("4MTC105", "1 day");
        String after = ingest("4MTC105");
        assertEquals(0, StackDatabase.count("select count(*) from hotlist_alert where read_id = ?::uuid", before));
        assertEquals(1, alerts(after, entry, "plate"));
    }

    @Test
    void aBatchRaisesOneAlertPerMatchingReadOnly_R7() {
        UUID entry = watch("4MTC106", "1 day");
        List<String> reads = given().auth().oauth2(Stack.gatewayToken(Stack.GATEWAY_EAST)).contentType(ContentType.JSON)
                .body(List.of(read("4MTC106"), read("4MTC107"), read("4MTC106")))
                .post("/v1/reads").then().statusCode(201).extract().path("reads.readId");
        assertEquals(1, alerts(reads.get(0), entry, "plate"));
        assertEquals(0, StackDatabase.count("select count(*) from hotlist_alert where read_id = ?::uuid", reads.get(1)));
        assertEquals(1, alerts(reads.get(2), entry, "plate"));
        Map<String, Object> replayed = read("4MTC106");
        String first = given().auth().oauth2(Stack.gatewayToken(Stack.GATEWAY_EAST)).contentType(ContentType.JSON)
                .body(replayed).post("/v1/reads").then().extract().path("reads[0].readId");
        given().auth().oauth2(Stack.gatewayToken(Stack.GATEWAY_EAST)).contentType(ContentType.JSON)
                .body(replayed).post("/v1/reads").then().statusCode(200);
        assertEquals(1, alerts(first, entry, "plate"), "a replayed read raises no second alert (R4)");
    }
}
