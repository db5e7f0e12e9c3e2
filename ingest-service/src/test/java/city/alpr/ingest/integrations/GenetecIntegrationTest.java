package city.alpr.ingest.integrations;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

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

/** R27: Genetec AutoVu reads, the Sharp HTTP extension's and the third-party ingestion's, one or an array. */
@QuarkusTest
class GenetecIntegrationTest {

    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

    @BeforeEach
    void mapCameras() {
        Reads.registerTestCameras();
        Integrations.map(Stack.GATEWAY_EAST, "SHARPV12345", Reads.EAST_CAMERA, "America/Los_Angeles");
        Integrations.map(Stack.GATEWAY_EAST, "ACCC8EBFB452", Reads.EAST_CAMERA, "UTC");
    }

    private static ObjectNode sharp(LocalDateTime pacific) {
        return Integrations.fixture("genetec/sharp.json").put("Id", UUID.randomUUID().toString())
                .put("Timestamp", pacific.toString());
    }

    private static ObjectNode ingestion() {
        return Integrations.fixture("genetec/ingestion.json").put("ReferenceReadId", UUID.randomUUID().toString())
                .put("ReadTimeUtc", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(2).truncatedTo(ChronoUnit.MILLIS)
                        .toString());
    }

    @Test
    void aSharpReadIsStoredWithItsAnalyticsAndItsCamerasWallClock_R1_R27() {
        LocalDateTime pacific = LocalDateTime.now(PACIFIC).minusMinutes(3).truncatedTo(ChronoUnit.MILLIS);
        ObjectNode read = sharp(pacific);
        String readId = Integrations.post("genetec", read).statusCode(201).extract().path("reads.reads[0].readId");
        JsonNode sealed = Reads.sealedDetails(readId);
        assertEquals("AA7D2", sealed.get("plate").asText());
        assertEquals(0.87, sealed.get("confidence").asDouble(), 1e-9, "Confidence Score is 0-100 as text");
        assertEquals("US", sealed.get("region").asText(), "a state's name yields to the Context country");
        assertEquals("null", sealed.path("location").toString(), "latitude and longitude 0 are no position");
        assertEquals(2, StackDatabase.count("select count(*) from read_image where read_id = ?::uuid", readId));
        assertEquals(pacific.atZone(PACIFIC).toInstant(), OffsetDateTime.parse(StackDatabase.text(
                "select to_char(captured_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') from plate_read where id = ?::uuid",
                readId)).toInstant());
        Integrations.post("genetec", read).statusCode(200).body("reads.reads[0].status", equalTo("DUPLICATE"));
    }

    @Test
    void anArrayOfBothShapesIsStoredAllOrNothing_R3_R27() {
        ArrayNode both = Integrations.JSON.createArrayNode().add(sharp(LocalDateTime.now(PACIFIC).minusMinutes(1)))
                .add(ingestion());
        List<String> ids = Integrations.post("genetec", both).statusCode(201).body("reads.stored", equalTo(2))
                .extract().path("reads.reads.readId");
        JsonNode second = Reads.sealedDetails(ids.get(1));
        assertEquals("HWR6677", second.get("plate").asText());
        assertEquals("DE-NI", second.get("region").asText());
        assertEquals(0.95, second.get("confidence").asDouble(), "a 0-1 confidence sent as text");

        ObjectNode bad = ingestion().put("Confidence", "ninety");
        String goodId = both.get(0).get("Id").asText() + "-again";
        ArrayNode mixed = Integrations.JSON.createArrayNode().add(sharp(LocalDateTime.now(PACIFIC)).put("Id", goodId))
                .add(bad);
        Integrations.post("genetec", mixed).statusCode(400).body("violations[0].field", equalTo("[1].Confidence"));
        assertEquals(0, Reads.storedWithGatewayReadId(goodId), "nothing of a refused array is stored");
    }

    @Test
    void aReadWithoutAConfidenceOrWithAnEmptyArrayIsRefused_R3_R27() {
        ObjectNode noScore = sharp(LocalDateTime.now(PACIFIC));
        ((ArrayNode) noScore.get("PlateAnalytics")).remove(5);
        Integrations.post("genetec", noScore).statusCode(400).body("violations[0].field", equalTo("PlateAnalytics"));
        Integrations.post("genetec", Integrations.JSON.createArrayNode()).statusCode(400)
                .body("violations[0].field", equalTo("body"));
        Integrations.post("openalpr", Integrations.JSON.createArrayNode()).statusCode(400)
                .body("violations[0].message", equalTo("must be a JSON object"));
    }
}
