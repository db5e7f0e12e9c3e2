package city.alpr.ingest.integrations;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.ingest.support.Integrations;
import city.alpr.ingest.support.Reads;
import city.alpr.ingest.support.Stack;
import city.alpr.localstack.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * R27: the custodian maps a vendor's camera id to one of the gateway's active cameras, and only to such a camera;
 * every change is in the access log with what the mapping was, and removing a mapping refuses that camera's posts.
 */
@QuarkusTest
class CameraMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void cameras() {
        Reads.registerTestCameras();
    }

    private static ValidatableResponse put(String token, String gateway, String vendorId,
            Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .put("/v1/gateways/{gateway}/camera-mappings/{vendor}", gateway, vendorId).then();
    }

    @Test
    void aRemappingIsLoggedWithWhatTheMappingWas_R16_R27() throws Exception {
        String vendorId = "scout-" + UUID.randomUUID().toString().substring(0, 8);
        String manager = Stack.userToken("manager");
        put(manager, Stack.GATEWAY_EAST, vendorId, Map.of("cameraId", Reads.EAST_CAMERA)).statusCode(200)
                .body("timeZone", equalTo("UTC")).body("mappedBy", equalTo("manager"));
        JsonNode first = JSON.readTree((String) StackDatabase.lastAudit().get("data_elements"));
        assertEquals("unmapped", first.get("before").asText());

        put(manager, Stack.GATEWAY_EAST, vendorId, Map.of("cameraId", Reads.EAST_CAMERA, "timeZone",
                "America/Los_Angeles")).statusCode(200).body("timeZone", equalTo("America/Los_Angeles"));
        Map<String, Object> logged = StackDatabase.lastAudit();
        assertEquals("gateway.camera-mapping.set", logged.get("action"));
        assertEquals("granted", logged.get("outcome"));
        JsonNode elements = JSON.readTree((String) logged.get("data_elements"));
        assertEquals("UTC", elements.at("/before/timeZone").asText(), "the log says what the mapping was");
        assertEquals("America/Los_Angeles", elements.get("timeZone").asText(), "and what it became");

        given().auth().oauth2(manager).get("/v1/gateways/{gateway}/camera-mappings", Stack.GATEWAY_EAST)
                .then().statusCode(200).body("vendorCameraId", hasItem(vendorId));
        given().auth().oauth2(manager)
                .delete("/v1/gateways/{gateway}/camera-mappings/{vendor}", Stack.GATEWAY_EAST, vendorId)
                .then().statusCode(200).body("cameraId", equalTo(Reads.EAST_CAMERA));
        assertEquals("gateway.camera-mapping.remove", StackDatabase.lastAudit().get("action"));
        assertEquals(0, StackDatabase.count("select count(*) from vendor_camera where vendor_camera_id = ?", vendorId));
        given().auth().oauth2(manager)
                .delete("/v1/gateways/{gateway}/camera-mappings/{vendor}", Stack.GATEWAY_EAST, vendorId)
                .then().statusCode(404);
    }

    @Test
    void aVendorCameraMapsOnlyToAnActiveCameraOfItsOwnGateway_R2_R27() {
        String manager = Stack.userToken("manager");
        put(manager, Stack.GATEWAY_EAST, "west-cam", Map.of("cameraId", Reads.WEST_CAMERA)).statusCode(400)
                .body("violations[0].field", equalTo("cameraId"));
        assertEquals("refused", StackDatabase.lastAudit().get("outcome"));
        put(manager, Stack.GATEWAY_EAST, "old-cam", Map.of("cameraId", Reads.RETIRED_CAMERA)).statusCode(400)
                .body("violations[0].message", equalTo("is decommissioned"));
        put(manager, Stack.GATEWAY_EAST, "no-cam", Map.of("cameraId", "CAM-NOWHERE")).statusCode(400)
                .body("violations[0].message", equalTo("is not a registered camera"));
        put(manager, Stack.GATEWAY_EAST, "zoned", Map.of("cameraId", Reads.EAST_CAMERA, "timeZone", "Mars/Olympus"))
                .statusCode(400).body("violations[0].field", equalTo("timeZone"));
        put(manager, Stack.GATEWAY_EAST, "bad<id>", Map.of("cameraId", Reads.EAST_CAMERA)).statusCode(400)
                .contentType("application/problem+json");
        assertEquals(0, StackDatabase.count("select count(*) from vendor_camera where vendor_camera_id in "
                + "('west-cam', 'old-cam', 'no-cam', 'zoned')"));
    }

    @Test
    void onlyTheCustodianMapsCameras_R8_R27() {
        put(Stack.userToken("officer"), Stack.GATEWAY_EAST, "officer-cam", Map.of("cameraId", Reads.EAST_CAMERA))
                .statusCode(403);
        assertEquals("refused", StackDatabase.lastAudit().get("outcome"));
        put(Stack.gatewayToken(Stack.GATEWAY_EAST), Stack.GATEWAY_EAST, "gateway-cam",
                Map.of("cameraId", Reads.EAST_CAMERA)).statusCode(403);
        String key = Integrations.issueKey(Stack.GATEWAY_EAST, "not for mappings");
        given().header("X-Api-Key", key).contentType(ContentType.JSON).body(Map.of("cameraId", Reads.EAST_CAMERA))
                .put("/v1/gateways/{gateway}/camera-mappings/{vendor}", Stack.GATEWAY_EAST, "key-cam")
                .then().statusCode(401);
        assertEquals(0, StackDatabase.count("select count(*) from vendor_camera where vendor_camera_id in "
                + "('officer-cam', 'gateway-cam', 'key-cam')"));
    }
}
