package city.alpr.ingest.support;

import city.alpr.localstack.AlprStackTestResource;
import city.alpr.localstack.StackDatabase;
import city.alpr.localstack.StackUsers;
import io.quarkus.test.common.QuarkusTestResource;

import static io.restassured.RestAssured.given;

/**
 * The real stack every test of this service runs against (one PostgreSQL, one Keycloak, started once), and
 * real tokens from that Keycloak; {@link StackDatabase} looks into its database.
 */
@QuarkusTestResource(AlprStackTestResource.class)
public final class Stack {

    public static final String GATEWAY_EAST = "gateway-east";
    public static final String GATEWAY_WEST = "gateway-west";

    private Stack() {
    }

    public static String gatewayToken(String clientId) {
        return given().formParam("grant_type", "client_credentials").formParam("client_id", clientId)
                .formParam("client_secret", config("alpr-test." + clientId + "-secret"))
                .post(config("alpr-test.token-endpoint"))
                .then().statusCode(200).extract().path("access_token");
    }

    /** A password-grant token of one of the realm's demo users (manager, officer). */
    public static String userToken(String username) {
        return given().formParam("grant_type", "password").formParam("client_id", "alpr-web")
                .formParam("username", username).formParam("password", config("alpr-test." + username + "-password"))
                .post(config("alpr-test.token-endpoint"))
                .then().statusCode(200).extract().path("access_token");
    }

    /**
     * A password-grant token of a demo user from another client of the realm: its built-in {@code admin-cli}, or
     * {@code alpr-claims-probe}, whose tokens name the services but no user and no roles.
     */
    public static String userTokenOfClient(String clientId, String username) {
        return StackUsers.tokenOfClient(clientId, username);
    }

    public static String config(String key) {
        return StackDatabase.config(key);
    }
}
