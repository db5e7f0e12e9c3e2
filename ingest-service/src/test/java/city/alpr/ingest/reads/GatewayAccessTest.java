package city.alpr.ingest.reads;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import city.alpr.ingest.support.Reads;
import city.alpr.ingest.support.Stack;
import city.alpr.localstack.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static city.alpr.ingest.support.Reads.read;
import static city.alpr.ingest.support.Reads.storedWithGatewayReadId;
import static city.alpr.ingest.support.Reads.with;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** R2: only camera gateways submit reads, and only for the cameras registered to them. Real Keycloak tokens. */
@QuarkusTest
class GatewayAccessTest {

    @BeforeEach
    void cameras() {
        Reads.registerTestCameras();
    }

    @Test
    void r2_aRequestWithoutATokenIsRefused() {
        Map<String, Object> read = read("2ANON01");
        given().contentType(ContentType.JSON).body(read).post("/v1/reads")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
        assertEquals(0, storedWithGatewayReadId((String) read.get("gatewayReadId")));
    }

    @Test
    void r2_aForgedTokenIsRefused() {
        Map<String, Object> read = read("2FORGE1");
        String token = Stack.gatewayToken(Stack.GATEWAY_EAST);
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        given().auth().oauth2(forged).contentType(ContentType.JSON).body(read).post("/v1/reads")
                .then().statusCode(401).contentType("application/problem+json");
        assertEquals(0, storedWithGatewayReadId((String) read.get("gatewayReadId")));
    }

    @Test
    void r2_aPersonIsNotACameraGateway() {
        Map<String, Object> read = read("2USER01");
        for (String user : List.of("officer", "manager")) {
            given().auth().oauth2(Stack.userToken(user)).contentType(ContentType.JSON).body(read).post("/v1/reads")
                    .then().statusCode(403).contentType("application/problem+json");
        }
        assertEquals(0, storedWithGatewayReadId((String) read.get("gatewayReadId")));
    }

    @Test
    void r2_aGatewayCannotSubmitForAnotherGatewaysCamera() {
        Map<String, Object> own = with(read("2OWN001"), "cameraId", Reads.WEST_CAMERA);
        Map<String, Object> foreign = read("2FOREIGN");
        given().auth().oauth2(Stack.gatewayToken(Stack.GATEWAY_WEST)).contentType(ContentType.JSON)
                .body(List.of(own, foreign)).post("/v1/reads")
                .then().statusCode(403).contentType("application/problem+json")
                .body("violations[0].index", equalTo(1))
                .body("violations[0].field", equalTo("cameraId"))
                .body("violations[0].message", equalTo("is registered to another gateway"));
        assertEquals(0, storedWithGatewayReadId((String) own.get("gatewayReadId")));
        assertEquals(0, storedWithGatewayReadId((String) foreign.get("gatewayReadId")));
    }

    @Test
    void r2_eachGatewayHasItsOwnIdSpace() {
        Map<String, Object> east = read("2SPACE1");
        Map<String, Object> west = with(with(read("2SPACE2"), "cameraId", Reads.WEST_CAMERA), "gatewayReadId",
                east.get("gatewayReadId"));
        given().auth().oauth2(Stack.gatewayToken(Stack.GATEWAY_EAST)).contentType(ContentType.JSON).body(east)
                .post("/v1/reads").then().statusCode(201);
        given().auth().oauth2(Stack.gatewayToken(Stack.GATEWAY_WEST)).contentType(ContentType.JSON).body(west)
                .post("/v1/reads").then().statusCode(201).body("reads[0].status", equalTo("STORED"));
        assertEquals(2, StackDatabase.count("select count(*) from plate_read where gateway_read_id = ?",
                east.get("gatewayReadId")));
    }
}
