package city.alpr.ingest.support;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.eclipse.microprofile.config.ConfigProvider;

import city.alpr.localstack.AlprStackTestResource;
import city.alpr.localstack.PostgresServer;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * The real stack every test of this service runs against (one PostgreSQL, one Keycloak, started once), and
 * helpers to get real tokens from that Keycloak and to look into the database as its superuser.
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

    public static Connection superuser() throws SQLException {
        return PostgresServer.connect(config("alpr-test.db-jdbc-url"), config("alpr-test.db-superuser"),
                config("alpr-test.db-superuser-password"));
    }

    /** Connects the way the service does, with its own least-privilege role. */
    public static Connection asIngestRole() throws SQLException {
        return PostgresServer.connect(config("alpr-test.db-jdbc-url"), config("quarkus.datasource.username"),
                config("quarkus.datasource.password"));
    }

    public static long count(String sql, Object... parameters) {
        try (Connection connection = superuser(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Changes the database behind the service's back, as the retention job or an attacker would. */
    public static void execute(String sql, Object... parameters) {
        try (Connection connection = superuser(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    public static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }
}
