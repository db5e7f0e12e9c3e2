package city.alpr.ingest.reads;

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
        return given().auth().oauth2(Stack.gatewayToken(Stack.GATEWAY_EAST)).contentType(ContentType.JSON)
                .body(read(plate)).post("/v1/reads").then().statusCode(201).extract().path("reads[0].readId");
    }

    @Test
    void aReadOfAWatchedPlateRaisesAnAlertInTheSameStatement_R7() {
        UUID entry = watch("4MTC101", "1 day");
        String read = ingest("4mtc-101");
        assertEquals(1, alerts(read, entry, true));
        assertEquals(1, StackDatabase.count("select count(*) from hotlist_alert where read_id = ?::uuid", read));
    }

    @Test
    void aLookAlikeMisreadRaisesAnAlertMarkedInexact_R7() {
        UUID entry = watch("4MTC8O2", "1 day");
        String read = ingest("4MTCB02");
        assertEquals(1, alerts(read, entry, false));
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
        assertEquals(1, alerts(after, entry, true));
    }

    @Test
    void aBatchRaisesOneAlertPerMatchingReadOnly_R7() {
        UUID entry = watch("4MTC106", "1 day");
        List<String> reads = given().auth().oauth2(Stack.gatewayToken(Stack.GATEWAY_EAST)).contentType(ContentType.JSON)
                .body(List.of(read("4MTC106"), read("4MTC107"), read("4MTC106")))
                .post("/v1/reads").then().statusCode(201).extract().path("reads.readId");
        assertEquals(1, alerts(reads.get(0), entry, true));
        assertEquals(0, StackDatabase.count("select count(*) from hotlist_alert where read_id = ?::uuid", reads.get(1)));
        assertEquals(1, alerts(reads.get(2), entry, true));
        Map<String, Object> replayed = read("4MTC106");
        String first = given().auth().oauth2(Stack.gatewayToken(Stack.GATEWAY_EAST)).contentType(ContentType.JSON)
                .body(replayed).post("/v1/reads").then().extract().path("reads[0].readId");
        given().auth().oauth2(Stack.gatewayToken(Stack.GATEWAY_EAST)).contentType(ContentType.JSON)
                .body(replayed).post("/v1/reads").then().statusCode(200);
        assertEquals(1, alerts(first, entry, true), "a replayed read raises no second alert (R4)");
    }
}
