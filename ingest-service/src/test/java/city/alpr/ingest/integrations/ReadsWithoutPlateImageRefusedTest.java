package city.alpr.ingest.integrations;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import city.alpr.ingest.support.Integrations;
import city.alpr.ingest.support.Reads;
import city.alpr.ingest.support.Stack;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** R27: where the integration's setting says so, a read that arrives without a plate image is refused, not stored. */
@QuarkusTest
@TestProfile(ReadsWithoutPlateImageRefusedTest.RefuseVerkadaReadsWithoutImage.class)
class ReadsWithoutPlateImageRefusedTest {

    public static class RefuseVerkadaReadsWithoutImage implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("alpr.integrations.refuse-reads-without-plate-image", "verkada");
        }
    }

    @BeforeEach
    void mapCamera() {
        Reads.registerTestCameras();
        Integrations.map(Stack.GATEWAY_EAST, "3871c0b4-5d2e-4b9e-8a51-6f0c9e2d7a10", Reads.EAST_CAMERA, "UTC");
    }

    @Test
    void aVerkadaReadWithOnlyAnImageUrlIsRefusedNamingThePlateImage_R27() {
        ObjectNode webhook = Integrations.fixture("verkada/lpr.json");
        ((ObjectNode) webhook.get("data")).put("detected", Instant.now().toEpochMilli());
        Integrations.post("verkada", webhook).statusCode(400).body("violations[0].field", equalTo("data.image_url"))
                .body("violations[0].message", startsWith("holds no plate image"));
    }
}
