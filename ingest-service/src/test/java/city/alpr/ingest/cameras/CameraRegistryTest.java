package city.alpr.ingest.cameras;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import city.alpr.ingest.support.Stack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static city.alpr.ingest.support.Reads.read;
import static city.alpr.ingest.support.Reads.with;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** R2: the custodian registers cameras to gateways. R21: camera health flags silent cameras. */
@QuarkusTest
class CameraRegistryTest {

    private static Map<String, Object> camera(String id, String gateway) {
        return Map.of("id", id, "gatewayId", gateway, "site", "Clinton Keith Rd eastbound", "latitude", 33.6109,
                "longitude", -117.2542);
    }

    private static ValidatableResponse register(String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/v1/cameras").then();
    }

    private static String newCameraId() {
        return "CAM-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void r2_theCustodianRegistersACameraToAGateway() {
        String id = newCameraId();
        String manager = Stack.userToken("manager");
        register(manager, camera(id, Stack.GATEWAY_EAST)).statusCode(201)
                .header("Location", endsWith("/v1/cameras/" + id))
                .body("gatewayId", equalTo(Stack.GATEWAY_EAST)).body("active", equalTo(true));
        given().auth().oauth2(manager).get("/v1/cameras/" + id)
                .then().statusCode(200).body("site", equalTo("Clinton Keith Rd eastbound"));
        register(manager, camera(id, Stack.GATEWAY_WEST)).statusCode(409)
                .contentType("application/problem+json").body("violations[0].field", equalTo("id"));
    }

    @Test
    void r2_onlyTheCustodianManagesCameras() {
        Map<String, Object> body = camera(newCameraId(), Stack.GATEWAY_EAST);
        register(Stack.userToken("officer"), body).statusCode(403).contentType("application/problem+json");
        register(Stack.gatewayToken(Stack.GATEWAY_EAST), body).statusCode(403);
        given().contentType(ContentType.JSON).body(body).post("/v1/cameras").then().statusCode(401);
        given().auth().oauth2(Stack.userToken("manager")).get("/v1/cameras/" + body.get("id"))
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void r3_anInvalidRegistrationNamesTheField() {
        Map<String, Object> body = with(camera(newCameraId(), Stack.GATEWAY_EAST), "latitude", 123.0);
        register(Stack.userToken("manager"), body).statusCode(400)
                .body("violations[0].field", equalTo("latitude"));
    }

    @Test
    void r2_movingACameraToAnotherGatewayMovesTheRightToSubmit() {
        String id = newCameraId();
        String manager = Stack.userToken("manager");
        register(manager, camera(id, Stack.GATEWAY_EAST)).statusCode(201);
        given().auth().oauth2(manager).contentType(ContentType.JSON).body(camera(id, Stack.GATEWAY_WEST))
                .put("/v1/cameras/" + id).then().statusCode(200).body("gatewayId", equalTo(Stack.GATEWAY_WEST));

        given().auth().oauth2(Stack.gatewayToken(Stack.GATEWAY_EAST)).contentType(ContentType.JSON)
                .body(with(read("2MOVE01"), "cameraId", id)).post("/v1/reads").then().statusCode(403);
        given().auth().oauth2(Stack.gatewayToken(Stack.GATEWAY_WEST)).contentType(ContentType.JSON)
                .body(with(read("2MOVE02"), "cameraId", id)).post("/v1/reads").then().statusCode(201);
    }

    @Test
    void r21_healthShowsLastSeenReadsInTheLastHourAndFlagsSilentCameras() {
        String manager = Stack.userToken("manager");
        String quiet = newCameraId();
        String busy = newCameraId();
        String beating = newCameraId();
        register(manager, camera(quiet, Stack.GATEWAY_EAST)).statusCode(201);
        register(manager, camera(busy, Stack.GATEWAY_EAST)).statusCode(201);
        register(manager, camera(beating, Stack.GATEWAY_EAST)).statusCode(201);

        String gateway = Stack.gatewayToken(Stack.GATEWAY_EAST);
        given().auth().oauth2(gateway).contentType(ContentType.JSON)
                .body(java.util.List.of(with(read("21BUSY1"), "cameraId", busy), with(read("21BUSY2"), "cameraId", busy)))
                .post("/v1/reads").then().statusCode(201);
        given().auth().oauth2(gateway).post("/v1/cameras/" + beating + "/heartbeat").then().statusCode(204);

        ValidatableResponse health = given().auth().oauth2(manager).get("/v1/cameras/health").then().statusCode(200);
        health.body("find { it.cameraId == '" + quiet + "' }.silent", equalTo(true))
                .body("find { it.cameraId == '" + quiet + "' }.lastSeenAt", nullValue())
                .body("find { it.cameraId == '" + quiet + "' }.readsLastHour", equalTo(0));
        health.body("find { it.cameraId == '" + busy + "' }.silent", equalTo(false))
                .body("find { it.cameraId == '" + busy + "' }.readsLastHour", equalTo(2))
                .body("find { it.cameraId == '" + busy + "' }.lastReadAt", notNullValue());
        health.body("find { it.cameraId == '" + beating + "' }.silent", equalTo(false))
                .body("find { it.cameraId == '" + beating + "' }.lastHeartbeatAt", notNullValue())
                .body("find { it.cameraId == '" + beating + "' }.readsLastHour", equalTo(0));
    }

    @Test
    void r21_aGatewayBeatsOnlyForItsOwnCameras() {
        String id = newCameraId();
        register(Stack.userToken("manager"), camera(id, Stack.GATEWAY_EAST)).statusCode(201);
        given().auth().oauth2(Stack.gatewayToken(Stack.GATEWAY_WEST)).post("/v1/cameras/" + id + "/heartbeat")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Stack.userToken("manager")).get("/v1/cameras/" + id)
                .then().body("lastHeartbeatAt", nullValue());
        given().auth().oauth2(Stack.gatewayToken(Stack.GATEWAY_WEST)).post("/v1/cameras/CAM-NOBODY/heartbeat")
                .then().statusCode(404);
    }
}
