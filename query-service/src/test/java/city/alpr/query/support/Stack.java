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

import org.eclipse.microprofile.config.ConfigProvider;

import city.alpr.localstack.AlprDatabase;
import city.alpr.localstack.AlprStackTestResource;
import city.alpr.localstack.PostgresServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.restassured.specification.RequestSpecification;

/**
 * The real stack every test of this service runs against (one PostgreSQL, one Keycloak, started once per test
 * profile), real tokens from that Keycloak, and a look into the database as its superuser.
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

    public static Connection superuser() throws SQLException {
        return PostgresServer.connect(config("alpr-test.db-jdbc-url"), config("alpr-test.db-superuser"),
                config("alpr-test.db-superuser-password"));
    }

    /** Connects the way the service does, with its own least-privilege role. */
    public static Connection asQueryRole() throws SQLException {
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

    public static String text(String sql, Object... parameters) {
        try (Connection connection = superuser(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void execute(String sql, Object... parameters) {
        try (Connection connection = superuser(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The newest access-log record, column name to value. */
    public static Map<String, Object> lastAudit() {
        try (Connection connection = superuser(); PreparedStatement statement = connection.prepareStatement(
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
        return count("select coalesce(max(seq), 0) from audit_event");
    }

    static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    public static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }
}
