package city.alpr.ingest.integrations;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import city.alpr.ingest.support.Hotlists;
import city.alpr.ingest.support.Integrations;
import city.alpr.ingest.support.Reads;
import city.alpr.ingest.support.Stack;
import city.alpr.localstack.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * R27: the OpenALPR / Rekor Scout agent posts its own webhook; an {@code alpr_group} is stored as the native read
 * would be (validated, sealed, once, matched), per-frame results are acknowledged and not stored, a heartbeat marks
 * the cameras alive, and every refusal names the agent's field.
 */
@QuarkusTest
class OpenAlprIntegrationTest {

    private static final String VENDOR_CAMERA = "1234";
    private static String key;

    @BeforeEach
    void issueKeyOnce() {
        if (key != null) {
            return;
        }
        Reads.registerTestCameras();
        key = Integrations.issueKey(Stack.GATEWAY_EAST, "OpenALPR test agent");
    }

    @BeforeEach
    void mapCamera() {
        Integrations.map(Stack.GATEWAY_EAST, VENDOR_CAMERA, Reads.EAST_CAMERA, "UTC");
    }

    /** The documented group, first seen a minute ago, with a best uuid of its own. */
    private static ObjectNode group() {
        ObjectNode group = Integrations.fixture("openalpr/alpr_group.json");
        long epoch = Instant.now().minusSeconds(60).toEpochMilli();
        group.put("epoch_start", epoch).put("epoch_end", epoch + 2975)
                .put("best_uuid", "XYZabc123456789-1234-" + epoch + "-" + UUID.randomUUID().toString().substring(0, 8));
        return group;
    }

    private static ValidatableResponse post(JsonNode payload) {
        return given().header("X-Api-Key", key).contentType(ContentType.JSON).body(payload.toString())
                .post("/v1/integrations/openalpr/reads").then();
    }

    @Test
    void aGroupIsStoredAsTheNativeReadWithEveryFieldInOurTerms_R1_R27() {
        ObjectNode group = group();
        String readId = post(group).statusCode(201).body("received", equalTo("reads"))
                .body("reads.stored", equalTo(1)).body("reads.reads[0].status", equalTo("STORED"))
                .body("reads.reads[0].gatewayReadId", equalTo(group.get("best_uuid").asText()))
                .extract().path("reads.reads[0].readId");

        assertEquals(Stack.GATEWAY_EAST, StackDatabase.text("select gateway_id from plate_read where id = ?::uuid", readId));
        assertEquals(Reads.EAST_CAMERA, StackDatabase.text("select camera_id from plate_read where id = ?::uuid", readId));
        OffsetDateTime captured = OffsetDateTime.parse(StackDatabase.text(
                "select to_char(captured_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') from plate_read where id = ?::uuid",
                readId));
        assertEquals(Instant.ofEpochMilli(group.get("epoch_start").asLong()), captured.toInstant(),
                "epoch_start is milliseconds");

        JsonNode sealed = Reads.sealedDetails(readId);
        assertEquals("D2651BF", sealed.get("plate").asText(), "best_plate_number is the plate");
        assertEquals("US-MO", sealed.get("region").asText());
        assertEquals(0.93877, sealed.get("confidence").asDouble(), 1e-9, "0-100 becomes 0-1");
        assertEquals(37.6359, sealed.at("/location/latitude").asDouble());
        assertEquals(-79.2059, sealed.at("/location/longitude").asDouble());
        assertEquals("ford", sealed.at("/vehicle/make").asText());
        assertEquals("black", sealed.at("/vehicle/color").asText());
        assertEquals("sedan-standard", sealed.at("/vehicle/type").asText());
        assertEquals("openalpr", sealed.get("source").asText());
        assertTrue(sealed.get("imageNote").isNull(), "it has its plate crop");
        assertEquals(2,
                StackDatabase.count("select count(*) from read_image where read_id = ?::uuid and media_type = 'image/jpeg'",
                        readId),
                "the plate crop and the vehicle crop are kept");
    }

    @Test
    void aReSentGroupIsStoredOnce_R4_R27() {
        ObjectNode group = group();
        String first = post(group).statusCode(201).extract().path("reads.reads[0].readId");
        post(group).statusCode(200).body("reads.stored", equalTo(0)).body("reads.duplicates", equalTo(1))
                .body("reads.reads[0].status", equalTo("DUPLICATE")).body("reads.reads[0].readId", equalTo(first));
        assertEquals(2, Reads.storedWithGatewayReadId(group.get("best_uuid").asText()),
                "one read and its one idempotency key");
    }

    @Test
    void perFrameResultsAndTheAgentsOwnMessagesAreAcknowledgedAndNotStored_R27() {
        ObjectNode results = Integrations.fixture("openalpr/alpr_results.json");
        String uuid = "frame-" + UUID.randomUUID();
        results.put("uuid", uuid).put("epoch_time", Instant.now().toEpochMilli());
        post(results).statusCode(200).body("received", equalTo("alpr_results"));
        ObjectNode alert = Integrations.JSON.createObjectNode().put("data_type", "alpr_alert").put("plate_number", "X1");
        post(alert).statusCode(200).body("received", equalTo("alpr_alert"));
        assertEquals(0, Reads.storedWithGatewayReadId(uuid));
    }

    @Test
    void aGroupOfAnUnmappedCameraIsRefusedNamingIt_R27() {
        ObjectNode group = group().put("camera_id", 55555);
        post(group).statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("camera_id"))
                .body("violations[0].message", containsString("55555"));
        assertEquals(0, Reads.storedWithGatewayReadId(group.get("best_uuid").asText()));
    }

    @Test
    void eachBadFieldIsRefusedByTheAgentsNameAndNothingIsStored_R3_R27() {
        Map<String, ObjectNode> bad = Map.of(
                "best_confidence", group().put("best_confidence", 150),
                "best_plate_number", group().put("best_plate_number", ""),
                "best_plate.plate_crop_jpeg", (ObjectNode) group().set("best_plate",
                        ((ObjectNode) group().get("best_plate")).put("plate_crop_jpeg", "bm90IGFuIGltYWdl")),
                "epoch_start", group().put("epoch_start", Instant.now().getEpochSecond()),
                "gps_latitude", group().put("gps_latitude", 91.5),
                "vehicle.make[0].name", (ObjectNode) group().set("vehicle", Integrations.JSON.createObjectNode()
                        .set("make", Integrations.JSON.createArrayNode().add(Integrations.JSON.createObjectNode()
                                .put("name", "<script>")))),
                "data_type", group().put("data_type", "alpr_everything"));
        bad.forEach((field, payload) -> {
            post(payload).statusCode(400).contentType("application/problem+json")
                    .body("violations.field", hasItem(field));
            assertEquals(0, Reads.storedWithGatewayReadId(payload.get("best_uuid").asText()), field);
        });
        post(group().put("epoch_start", "yesterday")).statusCode(400)
                .body("violations[0].field", equalTo("epoch_start"))
                .body("violations[0].message", equalTo("must be a whole number"));
        given().header("X-Api-Key", key).contentType(ContentType.JSON).body("{\"data_type\": \"alpr_group\", ")
                .post("/v1/integrations/openalpr/reads").then().statusCode(400)
                .contentType("application/problem+json");
        given().header("X-Api-Key", key).contentType(ContentType.JSON).body("[]")
                .post("/v1/integrations/openalpr/reads").then().statusCode(400)
                .body("violations[0].field", equalTo("body")).body("violations[0].message", equalTo("must be a JSON object"));
    }

    @Test
    void aGroupWithoutImagesIsStoredMarkedSo_R27() {
        ObjectNode group = group();
        group.remove("vehicle_crop_jpeg");
        ((ObjectNode) group.get("best_plate")).remove("plate_crop_jpeg");
        String readId = post(group).statusCode(201).extract().path("reads.reads[0].readId");
        assertEquals(0, StackDatabase.count("select count(*) from read_image where read_id = ?::uuid", readId));
        assertTrue(Reads.sealedDetails(readId).get("imageNote").asText().contains("no plate crop"));
    }

    @Test
    void aGroupOfAWatchedPlateRaisesAnAlertInTheStatementThatStoresIt_R7_R27() {
        String plate = "4OAL" + (100 + (int) (Math.random() * 800));
        UUID entry = Hotlists.watch(plate, "1 day");
        String readId = post(group().put("best_plate_number", plate)).statusCode(201)
                .extract().path("reads.reads[0].readId");
        assertEquals(1, Hotlists.alerts(readId, entry, "plate"));
    }

    @Test
    void theAgentsCandidatesAreSealedWithTheRead_andAWatchedCandidateAboveThePolicysThresholdRaisesACandidateAlert_R7_R27() {
        String plate = "4OAC" + (100 + (int) (Math.random() * 800));
        UUID entry = Hotlists.watch(plate, "1 day");
        ObjectNode group = group();
        ((ArrayNode) group.get("candidates")).addObject().put("plate", plate.toLowerCase(Locale.ROOT))
                .put("confidence", 84.2).put("matches_template", 0);
        String readId = post(group).statusCode(201).extract().path("reads.reads[0].readId");

        assertEquals(1, Hotlists.alerts(readId, entry, "candidate"));
        JsonNode candidates = Reads.sealedDetails(readId).get("candidates");
        assertEquals(4, candidates.size());
        assertEquals("D265BF", candidates.get(1).get("plate").asText());
        assertEquals(0.80422, candidates.get(1).get("confidence").asDouble(), 1e-9);
        assertEquals(plate, candidates.get(3).get("plate").asText());
    }

    @Test
    void aCandidateThatIsNoPlateRefusesTheGroupNamingTheAgentsField_R3_R27() {
        ObjectNode group = group();
        ((ObjectNode) group.get("candidates").get(2)).put("plate", "02651BF!");
        post(group).statusCode(400).body("violations[0].field", equalTo("candidates[2].plate"));
        ((ObjectNode) group.get("candidates").get(2)).put("plate", "02651BF").put("confidence", "high");
        post(group).statusCode(400).body("violations[0].field", equalTo("candidates[2].confidence"));
    }

    @Test
    void aCameraMovedToAnotherGatewayAfterItsMappingIsRefused_R2_R27() {
        String camera = "CAM-OAL-" + UUID.randomUUID().toString().substring(0, 6);
        String manager = Stack.userToken("manager");
        Map<String, Object> registration = Map.of("id", camera, "gatewayId", Stack.GATEWAY_EAST, "site", "Moved site",
                "latitude", 33.6, "longitude", -117.28);
        given().auth().oauth2(manager).contentType(ContentType.JSON).body(registration).post("/v1/cameras")
                .then().statusCode(201);
        Integrations.map(Stack.GATEWAY_EAST, "777", camera, "UTC");
        given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body(Map.of("id", camera, "gatewayId", Stack.GATEWAY_WEST, "site", "Moved site", "latitude", 33.6,
                        "longitude", -117.28))
                .put("/v1/cameras/" + camera).then().statusCode(200);
        ObjectNode group = group().put("camera_id", 777);
        post(group).statusCode(403).body("violations[0].field", equalTo("camera_id"));
        assertEquals(0, Reads.storedWithGatewayReadId(group.get("best_uuid").asText()));
    }

    @Test
    void aHeartbeatMarksOnlyTheActiveCamerasItsMappingsName_R21_R27() {
        String camera = "CAM-OHB-" + UUID.randomUUID().toString().substring(0, 6);
        String manager = Stack.userToken("manager");
        given().auth().oauth2(manager).contentType(ContentType.JSON).body(Map.of("id", camera, "gatewayId",
                Stack.GATEWAY_EAST, "site", "Retiring site", "latitude", 33.6, "longitude", -117.28))
                .post("/v1/cameras").then().statusCode(201);
        Integrations.map(Stack.GATEWAY_EAST, "4321", camera, "UTC");
        given().auth().oauth2(manager).contentType(ContentType.JSON).body(Map.of("id", camera, "gatewayId",
                Stack.GATEWAY_EAST, "site", "Retiring site", "latitude", 33.6, "longitude", -117.28, "active", false))
                .put("/v1/cameras/" + camera).then().statusCode(200);

        ObjectNode heartbeat = Integrations.fixture("openalpr/heartbeat.json");
        ((ObjectNode) heartbeat.at("/video_streams/1")).put("camera_id", 4321);
        post(heartbeat).statusCode(200).body("camerasAlive", equalTo(List.of(Reads.EAST_CAMERA)))
                .body("unmappedCameras", equalTo(List.of()));
        assertEquals(0, StackDatabase.count(
                "select count(*) from camera where id = ? and last_heartbeat_at is not null", camera),
                "a decommissioned camera is not marked alive");
    }
}
