package city.alpr.ingest.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;

/** The custodian's side of a vendor integration, as tests need it: keys, camera mappings, documented payloads. */
public final class Integrations {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String PLATE_JPEG = Base64.getEncoder().encodeToString(Reads.image("D2651BF", "jpg"));
    public static final String VEHICLE_JPEG = Base64.getEncoder().encodeToString(Reads.image("vehicle", "jpg"));

    private static String testKey;

    private Integrations() {
    }

    /** One key of the east gateway for the tests of a run. */
    public static synchronized String testKey() {
        if (testKey == null) {
            testKey = issueKey(Stack.GATEWAY_EAST, "integration tests");
        }
        return testKey;
    }

    /** Posts a payload as a camera engine of the east gateway does, with its key. */
    public static ValidatableResponse post(String format, JsonNode payload) {
        return given().header("X-Api-Key", testKey()).contentType(ContentType.JSON).body(payload.toString())
                .post("/v1/integrations/{format}/reads", format).then();
    }

    /** Posts an XML document as a camera engine of the east gateway does, with its key, in UTF-8 as it declares. */
    public static ValidatableResponse postXml(String format, String document) {
        return given().header("X-Api-Key", testKey()).contentType("application/xml")
                .body(document.getBytes(StandardCharsets.UTF_8)).post("/v1/integrations/{format}/reads", format).then();
    }

    /** Issues a key to the gateway as the custodian; @return the key, shown this once */
    public static String issueKey(String gatewayId, String label) {
        return given().auth().oauth2(Stack.userToken("manager")).contentType(ContentType.JSON)
                .body(Map.of("label", label, "validDays", 30))
                .post("/v1/gateways/{gateway}/api-keys", gatewayId)
                .then().statusCode(201).extract().path("key");
    }

    /** Maps a vendor camera id of the gateway to a registered camera, as the custodian. */
    public static void map(String gatewayId, String vendorCameraId, String cameraId, String timeZone) {
        given().auth().oauth2(Stack.userToken("manager")).contentType(ContentType.JSON)
                .body(Map.of("cameraId", cameraId, "timeZone", timeZone))
                .put("/v1/gateways/{gateway}/camera-mappings/{vendor}", gatewayId, vendorCameraId)
                .then().statusCode(200);
    }

    /** A documented payload from {@code src/test/resources/city/alpr/ingest/integrations/}, images put in. */
    public static ObjectNode fixture(String path) {
        try {
            return (ObjectNode) JSON.readTree(document(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A documented payload's text, images put in: the XML formats' documents, which are posted as text. */
    public static String document(String path) {
        try (InputStream in = Integrations.class.getResourceAsStream("/city/alpr/ingest/integrations/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("PLATE_JPEG", PLATE_JPEG)
                    .replace("VEHICLE_JPEG", VEHICLE_JPEG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
