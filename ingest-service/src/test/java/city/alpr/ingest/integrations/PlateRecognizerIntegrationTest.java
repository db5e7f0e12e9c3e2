package city.alpr.ingest.integrations;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import city.alpr.ingest.support.Integrations;
import city.alpr.ingest.support.Reads;
import city.alpr.ingest.support.Stack;
import city.alpr.localstack.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * R27: Plate Recognizer's Snapshot and Stream webhooks, as JSON, as multipart with the image, and form-encoded; each
 * result is a read, lower-case plates and regions become ours, a time without a zone is read in the camera's zone,
 * and the image sent (a frame, not a plate crop) is the overview of a read marked as having no plate crop.
 */
@QuarkusTest
class PlateRecognizerIntegrationTest {

    /** Modernizr's 1x1 lossless WebP, a complete RIFF/WEBP/VP8L file. */
    private static final byte[] WEBP = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
    private static String key;
    private static String snapshotCamera;
    private static String streamCamera;

    @BeforeEach
    void integrateOnce() {
        if (key != null) {
            return;
        }
        Reads.registerTestCameras();
        key = Integrations.issueKey(Stack.GATEWAY_EAST, "Plate Recognizer test");
        snapshotCamera = "lot-entrance-" + UUID.randomUUID().toString().substring(0, 6);
        streamCamera = "camera-" + UUID.randomUUID().toString().substring(0, 6);
        Integrations.map(Stack.GATEWAY_EAST, snapshotCamera, Reads.EAST_CAMERA, "America/Los_Angeles");
        Integrations.map(Stack.GATEWAY_EAST, streamCamera, Reads.EAST_CAMERA, "UTC");
    }

    /** The documented Snapshot webhook, taken a minute ago by the Pacific clock of its camera (no zone, as sent). */
    private static ObjectNode snapshot(LocalDateTime pacificTime) {
        ObjectNode webhook = Integrations.fixture("plate-recognizer/snapshot.json");
        ((ObjectNode) webhook.get("data")).put("camera_id", snapshotCamera)
                .put("timestamp", pacificTime.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")));
        return webhook;
    }

    private static ObjectNode stream(String fixture) {
        ObjectNode webhook = Integrations.fixture(fixture);
        ((ObjectNode) webhook.get("data")).put("camera_id", streamCamera)
                .put("timestamp", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(30).truncatedTo(ChronoUnit.MICROS)
                        .plusNanos((long) (Math.random() * 1000) * 1000).toString());
        return webhook;
    }

    private static ValidatableResponse postJson(JsonNode webhook) {
        return given().header("Authorization", "Token " + key).contentType(ContentType.JSON).body(webhook.toString())
                .post("/v1/integrations/plate-recognizer/reads").then();
    }

    private static ValidatableResponse postWithImage(JsonNode webhook, String fileName, byte[] image, String type) {
        return given().header("Authorization", "Token " + key).multiPart("json", webhook.toString())
                .multiPart("upload", fileName, image, type)
                .post("/v1/integrations/plate-recognizer/reads").then();
    }

    private static String capturedAt(String readId) {
        return StackDatabase.text("""
                select to_char(captured_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
                from plate_read where id = ?::uuid""", readId);
    }

    @Test
    void aSnapshotWebhookStoresEachResultAtTheCamerasWallClock_R1_R27() {
        LocalDateTime pacific = LocalDateTime.now(PACIFIC).minusMinutes(1).truncatedTo(ChronoUnit.MICROS);
        List<String> ids = postJson(snapshot(pacific)).statusCode(201).body("reads.stored", equalTo(2))
                .extract().path("reads.reads.readId");

        JsonNode first = Reads.sealedDetails(ids.get(0));
        assertEquals("FM046SC", first.get("plate").asText(), "plates in upper case");
        assertEquals("FR", first.get("region").asText());
        assertEquals(0.999, first.get("confidence").asDouble());
        assertEquals("Sedan", first.at("/vehicle/type").asText());
        assertEquals("plate-recognizer", first.get("source").asText());
        assertTrue(first.get("imageNote").asText().contains("no plate crop"), "marked as without a plate image");
        JsonNode second = Reads.sealedDetails(ids.get(1));
        assertEquals("7ABC123", second.get("plate").asText());
        assertEquals("US-CA", second.get("region").asText());
        assertEquals(pacific.atZone(PACIFIC).toInstant().toString(), OffsetDateTime.parse(capturedAt(ids.get(0)))
                .toInstant().toString(), "a zone-less time is the camera's wall clock");
        assertEquals(0, StackDatabase.count("select count(*) from read_image where read_id in (?::uuid, ?::uuid)",
                ids.get(0), ids.get(1)), "data-only webhooks carry no image");
    }

    @Test
    void aStreamWebhookWithItsImageKeepsTheImageAsTheOverview_R27() {
        ObjectNode webhook = stream("plate-recognizer/stream.json");
        String readId = postWithImage(webhook, "frame.jpg", Reads.image("NBN2452", "jpg"), "image/jpeg")
                .statusCode(201).extract().path("reads.reads[0].readId");
        JsonNode sealed = Reads.sealedDetails(readId);
        assertEquals("NBN2452", sealed.get("plate").asText());
        assertEquals("Toyota", sealed.at("/vehicle/make").asText());
        assertEquals("silver", sealed.at("/vehicle/color").asText());
        assertEquals("NBN2H52", sealed.at("/candidates/1/plate").asText(), "the candidates, upper-cased");
        assertEquals(0.786, sealed.at("/candidates/1/confidence").asDouble());
        assertEquals(OffsetDateTime.parse(webhook.at("/data/timestamp").asText()).toInstant(),
                OffsetDateTime.parse(capturedAt(readId)).toInstant(), "Stream's timestamp is UTC");
        assertEquals("overview", StackDatabase.text("select string_agg(kind, ',') from read_image where read_id = ?::uuid",
                readId));

        postWithImage(webhook, "frame.jpg", Reads.image("NBN2452", "jpg"), "image/jpeg").statusCode(200)
                .body("reads.reads[0].status", equalTo("DUPLICATE")).body("reads.reads[0].readId", equalTo(readId));
    }

    @Test
    void aWebpImageIsAcceptedBesideJpegAndPng_R3_R27() {
        String readId = postWithImage(stream("plate-recognizer/stream.json"), "frame.webp", WEBP, "image/webp")
                .statusCode(201).extract().path("reads.reads[0].readId");
        assertEquals("image/webp", StackDatabase.text("select media_type from read_image where read_id = ?::uuid", readId));
    }

    @Test
    void aFormEncodedWebhookAndThePlateObjectFormAreRead_R27() {
        ObjectNode webhook = stream("plate-recognizer/stream-plate-object.json");
        String readId = given().header("X-Api-Key", key).formParam("json", webhook.toString())
                .post("/v1/integrations/plate-recognizer/reads").then().statusCode(201)
                .extract().path("reads.reads[0].readId");
        JsonNode sealed = Reads.sealedDetails(readId);
        assertEquals("8XYZ789", sealed.get("plate").asText());
        assertEquals("US-CA", sealed.get("region").asText());
        assertEquals(0.95, sealed.get("confidence").asDouble());
        assertEquals("Ford", sealed.at("/vehicle/make").asText());
        assertEquals("red", sealed.at("/vehicle/color").asText());
    }

    @Test
    void aSnapshotWithoutAPlateIsAcknowledgedAndAnUnknownRegionKept_R27() {
        ObjectNode empty = snapshot(LocalDateTime.now(PACIFIC));
        ((ObjectNode) empty.get("data")).putArray("results");
        postJson(empty).statusCode(200).body("received", equalTo("image.done"));

        ObjectNode unknownRegion = stream("plate-recognizer/stream.json");
        ((ObjectNode) unknownRegion.at("/data/results/0/region")).put("code", "").put("score", 0);
        String readId = postJson(unknownRegion).statusCode(201).extract().path("reads.reads[0].readId");
        assertEquals("ZZ", Reads.sealedDetails(readId).get("region").asText());
    }

    @Test
    void eachBadPartOrFieldIsRefusedByItsNameAndNothingIsStored_R3_R27() {
        ObjectNode webhook = stream("plate-recognizer/stream.json");
        given().header("X-Api-Key", key).multiPart("upload", "frame.jpg", Reads.image("X", "jpg"), "image/jpeg")
                .post("/v1/integrations/plate-recognizer/reads").then().statusCode(400)
                .body("violations[0].field", equalTo("json"));
        given().header("X-Api-Key", key).multiPart("json", "{not json")
                .post("/v1/integrations/plate-recognizer/reads").then().statusCode(400)
                .body("violations[0].field", equalTo("json"));
        postWithImage(webhook, "frame.gif", new byte[] { 'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0 }, "image/gif")
                .statusCode(400).body("violations[0].field", equalTo("upload"))
                .body("violations[0].message", equalTo("is not a JPEG, PNG or WebP image"));

        ObjectNode badScore = stream("plate-recognizer/stream.json");
        ((ObjectNode) badScore.at("/data/results/0")).put("score", "high");
        postJson(badScore).statusCode(400).body("violations[0].field", equalTo("data.results[0].score"));
        ObjectNode badTime = stream("plate-recognizer/stream.json");
        ((ObjectNode) badTime.get("data")).put("timestamp", "29/09/2021 05:56");
        postJson(badTime).statusCode(400).body("violations[0].field", equalTo("data.timestamp"));
        ObjectNode noCamera = stream("plate-recognizer/stream.json");
        ((ObjectNode) noCamera.get("data")).putNull("camera_id");
        postJson(noCamera).statusCode(400).body("violations[0].field", equalTo("data.camera_id"));
        ObjectNode future = stream("plate-recognizer/stream.json");
        ((ObjectNode) future.get("data")).put("timestamp", OffsetDateTime.now(ZoneOffset.UTC).plusHours(2).toString());
        postJson(future).statusCode(400).body("violations[0].field", equalTo("data.timestamp"));

        given().header("X-Api-Key", key).multiPart("json", webhook.toString())
                .post("/v1/integrations/openalpr/reads").then().statusCode(415)
                .contentType("application/problem+json");
        given().header("X-Api-Key", key).contentType(ContentType.JSON).body(webhook.toString())
                .post("/v1/integrations/no-such-engine/reads").then().statusCode(404)
                .contentType("application/problem+json");
        assertEquals(0, StackDatabase.count("""
                select count(*) from plate_read r where r.camera_id = ? and r.received_at > now() - interval '1 minute'
                and r.gateway_read_id like 'pr-%' and r.captured_at = ?::timestamptz""", Reads.EAST_CAMERA,
                webhook.at("/data/timestamp").asText()), "no refused webhook stored its read");
    }
}
