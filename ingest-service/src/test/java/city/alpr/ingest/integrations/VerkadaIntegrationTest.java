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

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** R27: Verkada's LPR webhook; its image is only a URL, which ingest never fetches. */
@QuarkusTest
class VerkadaIntegrationTest {

    private static final String CAMERA = "3871c0b4-5d2e-4b9e-8a51-6f0c9e2d7a10";

    @BeforeEach
    void mapCamera() {
        Reads.registerTestCameras();
        Integrations.map(Stack.GATEWAY_EAST, CAMERA, Reads.EAST_CAMERA, "UTC");
    }

    private static ObjectNode webhook(long detected) {
        ObjectNode webhook = Integrations.fixture("verkada/lpr.json");
        ((ObjectNode) webhook.get("data")).put("detected", detected).put("created", detected / 1000);
        return webhook;
    }

    @Test
    void anLprWebhookIsStoredWithoutAnImageMarkedSo_R1_R27() {
        long detected = Instant.now().minusSeconds(30).toEpochMilli() - (long) (Math.random() * 1000);
        String readId = Integrations.post("verkada", webhook(detected)).statusCode(201)
                .extract().path("reads.reads[0].readId");
        JsonNode sealed = Reads.sealedDetails(readId);
        assertEquals("ABCD123", sealed.get("plate").asText());
        assertEquals("US-CA", sealed.get("region").asText());
        assertEquals(0.963, sealed.get("confidence").asDouble());
        assertTrue(sealed.get("imageNote").asText().contains("image_url"));
        assertEquals(0, StackDatabase.count("select count(*) from read_image where read_id = ?::uuid", readId));
        assertEquals(Instant.ofEpochMilli(detected).toString(), Instant.parse(StackDatabase.text(
                "select to_char(captured_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') from plate_read where id = ?::uuid",
                readId)).toString(), "detected is milliseconds");
        Integrations.post("verkada", webhook(detected)).statusCode(200)
                .body("reads.reads[0].status", equalTo("DUPLICATE"));
    }

    @Test
    void aWebhookWithoutDetectedUsesCreatedInSecondsAndOtherTypesAreAcknowledged_R27() {
        ObjectNode webhook = webhook(0);
        long created = Instant.now().minusSeconds(45).getEpochSecond() - (long) (Math.random() * 100);
        ((ObjectNode) webhook.get("data")).put("created", created).remove("detected");
        String readId = Integrations.post("verkada", webhook).statusCode(201).extract().path("reads.reads[0].readId");
        assertEquals(created, Instant.parse(StackDatabase.text(
                "select to_char(captured_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') from plate_read where id = ?::uuid",
                readId)).getEpochSecond());
        Integrations.post("verkada", Integrations.JSON.createObjectNode().put("webhook_type", "notification"))
                .statusCode(200).body("received", equalTo("notification"));
    }

    @Test
    void eachBadFieldIsRefusedByItsName_R3_R27() {
        ObjectNode badConfidence = webhook(Instant.now().toEpochMilli());
        ((ObjectNode) badConfidence.get("data")).put("confidence", 96.3);
        Integrations.post("verkada", badConfidence).statusCode(400)
                .body("violations[0].field", equalTo("data.confidence"));
        ObjectNode badTime = webhook(Instant.now().toEpochMilli());
        ((ObjectNode) badTime.get("data")).put("detected", -5);
        Integrations.post("verkada", badTime).statusCode(400).body("violations[0].field", equalTo("data.detected"));
        ObjectNode unmapped = webhook(Instant.now().toEpochMilli());
        ((ObjectNode) unmapped.get("data")).put("camera_id", "not-mapped");
        Integrations.post("verkada", unmapped).statusCode(400).body("violations[0].field", equalTo("data.camera_id"));
    }
}
