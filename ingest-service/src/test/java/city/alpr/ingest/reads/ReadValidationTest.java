package city.alpr.ingest.reads;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import city.alpr.ingest.support.Reads;
import city.alpr.ingest.support.Stack;
import city.alpr.localstack.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static city.alpr.ingest.support.Reads.read;
import static city.alpr.ingest.support.Reads.storedWithGatewayReadId;
import static city.alpr.ingest.support.Reads.with;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** R3: every field is validated, each violation is named, and a rejected request stores nothing. */
@QuarkusTest
class ReadValidationTest {

    private String token;
    private long readsBefore;

    @BeforeEach
    void gateway() {
        Reads.registerTestCameras();
        token = Stack.gatewayToken(Stack.GATEWAY_EAST);
        readsBefore = StackDatabase.count("select count(*) from plate_read");
    }

    private ValidatableResponse post(Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/v1/reads").then();
    }

    private ValidatableResponse rejected(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("type", startsWith("https://alpr.city/problems/"));
    }

    private void nothingStored(Map<String, Object>... reads) {
        for (Map<String, Object> read : reads) {
            assertEquals(0, storedWithGatewayReadId((String) read.get("gatewayReadId")));
        }
        assertEquals(readsBefore, StackDatabase.count("select count(*) from plate_read"), "no read was stored");
    }

    @Test
    void r3_malformedJsonIsRefusedWithItsPosition() {
        rejected(post("[{\"gatewayReadId\": \"x\", "), 400)
                .body("title", equalTo("The request body could not be read"))
                .body("detail", containsString("line 1"));
        nothingStored();
    }

    @Test
    void r3_aFieldOfTheWrongTypeIsNamedWithItsItemIndex() {
        Map<String, Object> good = read("3TYPE01");
        Map<String, Object> bad = with(read("3TYPE02"), "confidence", "very high");
        rejected(post(List.of(good, bad)), 400)
                .body("violations[0].index", equalTo(1))
                .body("violations[0].field", equalTo("confidence"))
                .body("violations[0].message", containsString("number"));
        nothingStored(good, bad);
    }

    @Test
    void r3_aCaptureTimeWithoutOffsetIsNotRfc3339() {
        Map<String, Object> bad = with(read("3TIME01"), "capturedAt", "2026-11-23T06:00:00");
        rejected(post(bad), 400).body("violations[0].field", equalTo("capturedAt"));
        nothingStored(bad);
    }

    @Test
    void r3_everyMissingOrInvalidFieldIsListedByIndexAndField() {
        Map<String, Object> first = with(with(read("3MISS01"), "plate", null), "region", "California");
        Map<String, Object> second = with(with(read("3MISS02"), "confidence", 1.5), "cameraId", null);
        Map<String, Object> third = with(read("3MISS03"), "location", Map.of("latitude", 95.0, "longitude", 0));
        rejected(post(List.of(first, second, third)), 400)
                .body("violations", hasSize(5))
                .body("violations.findAll { it.index == 0 }.field", equalTo(List.of("plate", "region")))
                .body("violations.findAll { it.index == 1 }.field", equalTo(List.of("cameraId", "confidence")))
                .body("violations.findAll { it.index == 2 }.field", equalTo(List.of("location.latitude")));
        nothingStored(first, second, third);
    }

    @Test
    void r3_oneBadItemRejectsTheWholeBatch() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(read("3BATCH" + i));
        }
        batch.set(13, with(batch.get(13), "plateImage", Base64.getEncoder().encodeToString(new byte[] { 1, 2, 3 })));
        rejected(post(batch), 400)
                .body("violations", hasSize(1))
                .body("violations[0].index", equalTo(13)).body("violations[0].field", equalTo("plateImage"))
                .body("detail", containsString("nothing was stored"));
        nothingStored(batch.toArray(Map[]::new));
    }

    @Test
    void r3_bytesThatAreNotAnImageAreRefused() {
        String text = Base64.getEncoder().encodeToString("GIF89a or a script <script>".getBytes(StandardCharsets.UTF_8));
        Map<String, Object> bad = with(with(read("3IMG01"), "plateImage", text), "overviewImage", "@@not-base64@@");
        rejected(post(bad), 400)
                .body("violations.field", equalTo(List.of("overviewImage", "plateImage")))
                .body("violations.message", hasItem("is not a JPEG, PNG or WebP image"))
                .body("violations.message", hasItem("is not valid base64"));
        nothingStored(bad);
    }

    @Test
    void r3_anOversizeImageIsRefused() {
        byte[] huge = new byte[262_145];
        huge[0] = (byte) 0xFF;
        huge[1] = (byte) 0xD8;
        huge[2] = (byte) 0xFF;
        huge[huge.length - 2] = (byte) 0xFF;
        huge[huge.length - 1] = (byte) 0xD9;
        Map<String, Object> bad = with(read("3BIG01"), "plateImage", Base64.getEncoder().encodeToString(huge));
        rejected(post(bad), 400)
                .body("violations[0].field", equalTo("plateImage"))
                .body("violations[0].message", containsString("at most 262144"));
        nothingStored(bad);
    }

    @Test
    void r3_aCaptureTimeInTheFutureIsRefused() {
        Map<String, Object> bad = with(read("3FUT01"), "capturedAt",
                OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString());
        rejected(post(bad), 400)
                .body("violations[0].field", equalTo("capturedAt"))
                .body("violations[0].message", containsString("future"));
        nothingStored(bad);
    }

    @Test
    void r3_aCaptureOlderThanRetentionIsRefused() {
        Map<String, Object> bad = with(read("3OLD01"), "capturedAt",
                OffsetDateTime.now(ZoneOffset.UTC).minusDays(31).toString());
        rejected(post(bad), 400)
                .body("violations[0].field", equalTo("capturedAt"))
                .body("violations[0].message", containsString("retention period of 30 days"));
        nothingStored(bad);
    }

    @Test
    void r20_aReadForADayWhoseKeyWasDestroyedIsRefused() {
        OffsetDateTime capturedAt = OffsetDateTime.now(ZoneOffset.UTC).minusDays(29).withHour(12);
        StackDatabase.execute("insert into data_key (day, wrapped_key, destroyed_at) values (?, null, now())"
                + " on conflict (day) do update set wrapped_key = null, destroyed_at = now()", capturedAt.toLocalDate());
        Map<String, Object> bad = with(read("20GONE1"), "capturedAt", capturedAt.toString());
        rejected(post(List.of(read("20KEEP1"), bad)), 400)
                .body("violations", hasSize(1))
                .body("violations[0].index", equalTo(1))
                .body("violations[0].field", equalTo("capturedAt"))
                .body("violations[0].message", containsString("has been purged"));
        nothingStored(bad);
    }

    @Test
    void r3_anUnknownCameraIsRefused() {
        Map<String, Object> bad = with(read("3CAM01"), "cameraId", "CAM-NOBODY");
        rejected(post(bad), 400)
                .body("violations[0].field", equalTo("cameraId"))
                .body("violations[0].message", equalTo("is not a registered camera"));
        nothingStored(bad);
    }

    @Test
    void r3_aDecommissionedCameraIsRefused() {
        Map<String, Object> bad = with(read("3CAM02"), "cameraId", Reads.RETIRED_CAMERA);
        rejected(post(bad), 400).body("violations[0].message", equalTo("is decommissioned"));
        nothingStored(bad);
    }

    @Test
    void r3_injectionStringsAreRefusedAndStoreNothing() {
        Map<String, Object> sql = with(read("3INJ01"), "plate", "X'; DROP TABLE plate_read; --");
        Map<String, Object> id = with(read("3INJ02"), "gatewayReadId", "1 OR 1=1");
        Map<String, Object> camera = with(read("3INJ03"), "cameraId", "../../etc/passwd");
        Map<String, Object> vehicle = with(read("3INJ04"), "vehicle",
                Map.of("make", "<script>alert(1)</script>", "color", "red", "type", "car"));
        rejected(post(List.of(sql, id, camera, vehicle)), 400)
                .body("violations.index", equalTo(List.of(0, 1, 2, 3)))
                .body("violations.field", equalTo(List.of("plate", "gatewayReadId", "cameraId", "vehicle.make")));
        nothingStored(sql, id, camera, vehicle);
        assertEquals(1, StackDatabase.count("select count(*) from pg_tables where tablename = 'plate_read'"));
    }

    @Test
    void r3_anUnknownFieldIsNamed() {
        Map<String, Object> bad = with(read("3UNK01"), "captured_at", "2026-11-23T06:00:00Z");
        rejected(post(bad), 400)
                .body("violations[0].field", equalTo("captured_at"))
                .body("violations[0].message", equalTo("is not a known field"));
        nothingStored(bad);
    }

    @Test
    void r3_aRepeatedIdInsideOneBatchIsRefused() {
        Map<String, Object> read = read("3TWICE1");
        rejected(post(List.of(read, with(read, "plate", "3TWICE2"))), 400)
                .body("violations[0].index", equalTo(1))
                .body("violations[0].field", equalTo("gatewayReadId"))
                .body("violations[0].message", equalTo("repeats item 0 of this batch"));
        nothingStored(read);
    }

    @Test
    void r3_anEmptyOrTooLargeBatchIsRefused() {
        rejected(post(List.of()), 400).body("violations[0].field", equalTo("body"))
                .body("violations[0].message", equalTo("must hold at least one read"));
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i <= ReadResource.MAX_BATCH; i++) {
            tooMany.add(read("3MANY" + (i % 10)));
        }
        rejected(post(tooMany), 400).body("violations[0].message", equalTo("must hold at most 500 reads"));
        nothingStored(tooMany.get(0), tooMany.get(500));
    }

    @Test
    void r3_aBodyThatIsNotJsonIsRefused() {
        given().auth().oauth2(token).contentType(ContentType.TEXT).body("plate=7ABC123").post("/v1/reads")
                .then().statusCode(415).contentType("application/problem+json");
        nothingStored();
    }
}
