package city.alpr.ingest.cameras;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.ingest.support.Reads;
import city.alpr.ingest.support.Stack;
import city.alpr.localstack.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A custodian who moves a camera on paper must not move its past reads, and must leave a trace (R1, R16): each read
 * seals the site its camera had, and every registration and change is in the access log with what it changed.
 */
@QuarkusTest
class CameraChangeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, Object> camera(String id, String site, double latitude) {
        return Map.of("id", id, "gatewayId", Stack.GATEWAY_EAST, "site", site, "latitude", latitude,
                "longitude", -117.28);
    }

    @Test
    void movingACameraMovesNoneOfItsPastReadsAndIsLoggedWithWhatItWas_R1_R16() throws Exception {
        String id = "CAM-MOVE-" + UUID.randomUUID().toString().substring(0, 6);
        String manager = Stack.userToken("manager");
        given().auth().oauth2(manager).contentType(ContentType.JSON).body(camera(id, "Old Town plaza", 33.6001))
                .post("/v1/cameras").then().statusCode(201).body("version", equalTo(1));
        Map<String, Object> registered = StackDatabase.lastAudit();
        assertEquals("camera.register", registered.get("action"));
        assertEquals("manager", registered.get("username"));
        assertEquals(id, registered.get("target"));

        String readId = given().auth().oauth2(Stack.gatewayToken(Stack.GATEWAY_EAST)).contentType(ContentType.JSON)
                .body(Reads.with(Reads.read("4MOVE01"), "cameraId", id)).post("/v1/reads")
                .then().statusCode(201).extract().path("reads[0].readId");

        given().auth().oauth2(manager).contentType(ContentType.JSON).body(camera(id, "Airport road", 33.7002))
                .put("/v1/cameras/" + id).then().statusCode(200).body("site", equalTo("Airport road"))
                .body("version", equalTo(2));

        Map<String, Object> changed = StackDatabase.lastAudit();
        assertEquals("camera.update", changed.get("action"));
        assertEquals("granted", changed.get("outcome"));
        JsonNode elements = JSON.readTree((String) changed.get("data_elements"));
        assertEquals("Old Town plaza", elements.at("/before/site").asText(), "the log says what the camera was");
        assertEquals(33.6001, elements.at("/before/latitude").asDouble());
        assertEquals("Airport road", elements.at("/registration/site").asText(), "and what it became");
        assertEquals(2, elements.get("version").asInt());
        assertEquals(2, StackDatabase.count("select count(*) from camera_registration where camera_id = ?", id),
                "both versions of the registration are kept");

        JsonNode sealed = Reads.sealedDetails(readId);
        assertEquals("Old Town plaza", sealed.at("/site/name").asText(), "the past read keeps the site it was taken at");
        assertEquals(33.6001, sealed.at("/site/latitude").asDouble());
        assertEquals(id, sealed.get("cameraId").asText());
    }

    @Test
    void anOfficerCannotMoveACameraAndTheAttemptIsLogged_R8_R16() {
        String id = "CAM-KEEP-" + UUID.randomUUID().toString().substring(0, 6);
        given().auth().oauth2(Stack.userToken("manager")).contentType(ContentType.JSON)
                .body(camera(id, "Library", 33.61)).post("/v1/cameras").then().statusCode(201);

        given().auth().oauth2(Stack.userToken("officer")).contentType(ContentType.JSON)
                .body(camera(id, "Somewhere else", 33.9)).put("/v1/cameras/" + id)
                .then().statusCode(403).contentType("application/problem+json");

        Map<String, Object> refused = StackDatabase.lastAudit();
        assertEquals("camera.update", refused.get("action"));
        assertEquals("refused", refused.get("outcome"));
        assertEquals("officer", refused.get("username"));
        assertEquals("Library", StackDatabase.text("select site from camera where id = ?", id));
    }
}
