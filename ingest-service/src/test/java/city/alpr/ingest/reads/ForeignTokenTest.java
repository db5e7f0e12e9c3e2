package city.alpr.ingest.reads;

import org.junit.jupiter.api.Test;

import city.alpr.ingest.support.Reads;
import city.alpr.ingest.support.Stack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;

/**
 * Tokens of the realm that were not issued for this service (R8): the realm's built-in {@code admin-cli} client
 * signs any of its users in by password; its tokens name no service of ours. And a token for this service that names
 * no user is refused as unauthenticated, never answered with an error once it reaches the access log.
 */
@QuarkusTest
class ForeignTokenTest {

    @Test
    void aTokenOfTheRealmsAdminCliIsRefused_R8() {
        Reads.registerTestCameras();
        String adminCli = Stack.userTokenOfClient("admin-cli", "manager");
        given().auth().oauth2(adminCli).get("/v1/cameras").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(adminCli).contentType(ContentType.JSON).body(Reads.read("8FOREIN"))
                .post("/v1/reads").then().statusCode(401);
    }

    @Test
    void aTokenForThisServiceThatNamesNoUserIsRefusedNotAnError_R8_R16() {
        String anonymous = Stack.userTokenOfClient("alpr-claims-probe", "manager");
        given().auth().oauth2(anonymous).get("/v1/cameras").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(anonymous).get("/v1/cameras/health").then().statusCode(401);
    }
}
