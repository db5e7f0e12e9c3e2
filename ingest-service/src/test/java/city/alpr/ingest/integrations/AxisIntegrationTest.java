package city.alpr.ingest.integrations;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import city.alpr.ingest.support.Integrations;
import city.alpr.ingest.support.Reads;
import city.alpr.ingest.support.Stack;
import city.alpr.localstack.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** R27: an Axis camera's License Plate Verifier push events, as JSON and as multipart with the image. */
@QuarkusTest
class AxisIntegrationTest {

    @BeforeEach
    void mapCamera() {
        Reads.registerTestCameras();
        Integrations.map(Stack.GATEWAY_EAST, "ACCC8EBFB452", Reads.EAST_CAMERA, "UTC");
    }

    private static ObjectNode event(String carState) {
        long captured = Instant.now().minusSeconds(10).toEpochMilli() - (long) (Math.random() * 10_000);
        return Integrations.fixture("axis/event.json").put("carState", carState)
                .put("capture_timestamp", Long.toString(captured)).put("carID", Long.toString(captured % 100_000));
    }

    @Test
    void aNewCarIsStoredOnceAndItsUpdatesAcknowledged_R1_R4_R27() {
        ObjectNode event = event("new");
        String readId = Integrations.post("axis", event).statusCode(201).extract().path("reads.reads[0].readId");
        JsonNode sealed = Reads.sealedDetails(readId);
        assertEquals("HWR6677", sealed.get("plate").asText());
        assertEquals("DE", sealed.get("region").asText(), "DEU, alpha-3, is DE");
        assertEquals(0.73721, sealed.get("confidence").asDouble(), 1e-9);
        assertEquals("Volkswagen", sealed.at("/vehicle/make").asText());
        assertEquals("null", sealed.path("location").toString(), "geotag is the configured position, not a fix");
        assertTrue(sealed.get("imageNote").asText().contains("stay on the camera"));
        assertEquals(Long.parseLong(event.get("capture_timestamp").asText()), Instant.parse(StackDatabase.text(
                "select to_char(captured_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') from plate_read where id = ?::uuid",
                readId)).toEpochMilli());
        Integrations.post("axis", event).statusCode(200).body("reads.reads[0].status", equalTo("DUPLICATE"));
        Integrations.post("axis", event.deepCopy().put("carState", "update")).statusCode(200)
                .body("received", equalTo("carState update"));
        Integrations.post("axis", event.deepCopy().put("carState", "lost")).statusCode(200);
    }

    @Test
    void aMultipartEventKeepsItsImageAndInlineImagesAreSortedByType_R27() {
        ObjectNode event = event("new");
        String readId = given().header("X-Api-Key", Integrations.testKey())
                .multiPart("event", "event.json", event.toString().getBytes(), "application/json")
                .multiPart("image", "frame.jpg", Reads.image("HWR6677", "jpg"), "image/jpeg")
                .post("/v1/integrations/axis/reads").then().statusCode(201).extract().path("reads.reads[0].readId");
        assertEquals("overview", StackDatabase.text("select string_agg(kind, ',') from read_image where read_id = ?::uuid",
                readId));

        ObjectNode inline = event("new");
        inline.putArray("ImageArray")
                .add(Integrations.JSON.createObjectNode().put("ImageType", "plate").put("ImageFormat", "jpg")
                        .put("BinaryImage", Integrations.PLATE_JPEG))
                .add(Integrations.JSON.createObjectNode().put("ImageType", "overview").put("ImageFormat", "jpg")
                        .put("BinaryImage", Integrations.VEHICLE_JPEG));
        String inlineId = Integrations.post("axis", inline).statusCode(201).extract().path("reads.reads[0].readId");
        assertEquals("overview,plate", StackDatabase.text(
                "select string_agg(kind, ',' order by kind) from read_image where read_id = ?::uuid", inlineId));
    }

    @Test
    void eachBadFieldIsRefusedByItsName_R3_R27() {
        Integrations.post("axis", event("new").put("plateCountry", "XYZ")).statusCode(400)
                .body("violations[0].field", equalTo("plateCountry"));
        Integrations.post("axis", event("new").put("plateConfidence", "73.7")).statusCode(400)
                .body("violations[0].field", equalTo("plateConfidence"));
        Integrations.post("axis", event("new").put("capture_timestamp", "20231211 142705507")).statusCode(400)
                .body("violations[0].field", equalTo("capture_timestamp"));
        ObjectNode unmapped = event("new");
        ((ObjectNode) unmapped.get("camera_info")).put("SerialNumber", "B8A44F000000");
        Integrations.post("axis", unmapped).statusCode(400)
                .body("violations[0].field", equalTo("camera_info.SerialNumber"));
    }
}
