package city.alpr.query.support;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;


import city.alpr.localstack.AlprDatabase;
import city.alpr.localstack.AlprStackTestResource;
import city.alpr.localstack.StackDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.restassured.specification.RequestSpecification;

/**
 * The real stack every test of this service runs against (one PostgreSQL, one Keycloak, started once per test
 * profile), real tokens from that Keycloak, and the access log as the tests read it; {@link StackDatabase} looks
 * into the rest of the database.
 */
@QuarkusTestResource(value = AlprStackTestResource.class,
        initArgs = @ResourceArg(name = AlprStackTestResource.SERVICE_ROLE, value = AlprDatabase.QUERY_ROLE))
public final class Stack {

    public static final String MANAGER = "manager";
    public static final String OFFICER = "officer";
    /** A sworn officer without a training record. */
    public static final String RECRUIT = "recruit";
    public static final String AUDITOR = "auditor";
    public static final String CONTRACTOR = "contractor";

    private static final Map<String, IssuedToken> TOKENS = new ConcurrentHashMap<>();

    private record IssuedToken(String token, long issuedAtMillis) {
    }

    private Stack() {
    }

    /** A password-grant token of one of the realm's users, as the web console would obtain one (reused for a minute). */
    public static String token(String username) {
        return TOKENS.compute(username + "@" + config("alpr-test.token-endpoint"), (key, cached) ->
                cached != null && System.currentTimeMillis() - cached.issuedAtMillis() < 60_000 ? cached
                        : new IssuedToken(fresh(username), System.currentTimeMillis())).token();
    }

    private static String fresh(String username) {
        return given().formParam("grant_type", "password").formParam("client_id", "alpr-web")
                .formParam("username", username).formParam("password", config("alpr-test." + username + "-password"))
                .post(config("alpr-test.token-endpoint"))
                .then().statusCode(200).extract().path("access_token");
    }

    /** A genuine token of the officer that has expired: issued by a client whose tokens live two seconds. */
    public static String expiredToken() {
        String token = given().formParam("grant_type", "password").formParam("client_id", "alpr-expiry-probe")
                .formParam("username", OFFICER).formParam("password", config("alpr-test.officer-password"))
                .post(config("alpr-test.token-endpoint"))
                .then().statusCode(200).extract().path("access_token");
        try {
            Thread.sleep(3_500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return token;
    }

    public static RequestSpecification as(String username) {
        return given().auth().oauth2(token(username));
    }

    /** The newest access-log record, column name to value. */
    public static Map<String, Object> lastAudit() {
        try (Connection connection = StackDatabase.superuser(); PreparedStatement statement = connection.prepareStatement(
                "select * from audit_event order by seq desc limit 1"); ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) {
                throw new IllegalStateException("the access log is empty");
            }
            ResultSetMetaData meta = rows.getMetaData();
            Map<String, Object> record = new LinkedHashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                Object value = rows.getObject(i);
                record.put(meta.getColumnName(i), value == null ? null : value instanceof byte[] ? value : value.toString());
            }
            return record;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long lastAuditSeq() {
        return StackDatabase.count("select coalesce(max(seq), 0) from audit_event");
    }

    public static String config(String key) {
        return StackDatabase.config(key);
    }
}
