package city.alpr.ingest.integrations;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import city.alpr.ingest.support.Integrations;
import city.alpr.ingest.support.Reads;
import city.alpr.ingest.support.Stack;
import city.alpr.localstack.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** R27: Blue Iris with CodeProject.AI posts the alert template ALPR-Database takes; WebP frames are taken too. */
@QuarkusTest
class BlueIrisIntegrationTest {

    private static final byte[] WEBP = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    @BeforeEach
    void mapCamera() {
        Reads.registerTestCameras();
        Integrations.map(Stack.GATEWAY_EAST, "drivewaycam", Reads.EAST_CAMERA, "America/Los_Angeles");
    }

    private static ObjectNode alert() {
        return Integrations.fixture("blue-iris/alert.json").put("timestamp", OffsetDateTime.now(ZoneOffset.UTC)
                .minusSeconds(20).truncatedTo(ChronoUnit.MILLIS).plusNanos((long) (Math.random() * 999) * 1_000_000)
                .toString());
    }

    @Test
    void anAlertStoresTheAlprPredictionWithTheFrameAsOverview_R1_R27() {
        ObjectNode alert = alert();
        String readId = Integrations.post("blue-iris", alert).statusCode(201).extract().path("reads.reads[0].readId");
        JsonNode sealed = Reads.sealedDetails(readId);
        assertEquals("6ABC123", sealed.get("plate").asText(), "the alpr module's prediction, upper case");
        assertEquals(0.9034, sealed.get("confidence").asDouble());
        assertEquals("ZZ", sealed.get("region").asText(), "CodeProject.AI does not read the region");
        assertTrue(sealed.get("imageNote").asText().contains("no plate crop"));
        assertEquals("overview:image/jpeg", StackDatabase.text(
                "select kind || ':' || media_type from read_image where read_id = ?::uuid", readId),
                "the data: prefix is taken off the frame");
        Integrations.post("blue-iris", alert).statusCode(200).body("reads.reads[0].status", equalTo("DUPLICATE"));
    }

    @Test
    void aWebpFrameAndTheOlderPlateNumberTemplateAreTaken_R27() {
        ObjectNode older = Integrations.JSON.createObjectNode().put("camera", "drivewaycam")
                .put("timestamp", alert().get("timestamp").asText()).put("plate_number", "7wbp123")
                .put("Image", Base64.getEncoder().encodeToString(WEBP));
        String readId = Integrations.post("blue-iris", older).statusCode(201).extract().path("reads.reads[0].readId");
        assertEquals("7WBP123", Reads.sealedDetails(readId).get("plate").asText());
        assertEquals("image/webp", StackDatabase.text("select media_type from read_image where read_id = ?::uuid",
                readId));
    }

    @Test
    void anAlertWithoutTheAlprModuleOrWithABadFieldIsRefusedByName_R3_R27() {
        ObjectNode noAlpr = alert();
        ((ArrayNode) noAlpr.get("ai_dump")).remove(1);
        Integrations.post("blue-iris", noAlpr).statusCode(400).body("violations[0].field", equalTo("ai_dump"));
        ObjectNode badConfidence = alert();
        ((ObjectNode) badConfidence.at("/ai_dump/1/found/predictions/0")).put("confidence", 90.34);
        Integrations.post("blue-iris", badConfidence).statusCode(400)
                .body("violations[0].field", equalTo("ai_dump[1].found.predictions[0].confidence"));
        Integrations.post("blue-iris", alert().put("camera", "backyard")).statusCode(400)
                .body("violations[0].field", equalTo("camera"));
        Integrations.post("blue-iris", alert().put("timestamp", "&ALERT_TIME")).statusCode(400)
                .body("violations[0].field", equalTo("timestamp"));
        Integrations.post("blue-iris", alert().put("Image", "not base64!")).statusCode(400)
                .body("violations[0].field", equalTo("Image"));
    }
}
