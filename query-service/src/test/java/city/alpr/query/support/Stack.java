package city.alpr.query.support;

import java.util.Map;

import city.alpr.localstack.AlprDatabase;
import city.alpr.localstack.AlprStackTestResource;
import city.alpr.localstack.StackDatabase;
import city.alpr.localstack.StackUsers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/**
 * The real stack every test of this service runs against (one PostgreSQL, one Keycloak, started once per test
 * profile), real tokens from that Keycloak, and the access log as the tests read it; {@link StackDatabase} looks
 * into the rest of the database.
 */
@QuarkusTestResource(value = AlprStackTestResource.class, initArgs = @ResourceArg(name = AlprStackTestResource.SERVICE_ROLE, value = AlprDatabase.QUERY_ROLE))
public final class Stack {

    public static final String MANAGER = StackUsers.MANAGER;
    public static final String OFFICER = StackUsers.OFFICER;
    /** A sworn officer who is also a supervisor. */
    public static final String SERGEANT = StackUsers.SERGEANT;
    /** A sworn officer without a training record. */
    public static final String RECRUIT = StackUsers.RECRUIT;
    public static final String AUDITOR = StackUsers.AUDITOR;
    public static final String CONTRACTOR = StackUsers.CONTRACTOR;

    private Stack() {
    }

    public static String token(String username) {
        return StackUsers.token(username);
    }

    /** A token of the user from another client of the realm ({@code admin-cli}, {@code alpr-claims-probe}). */
    public static String tokenOfClient(String clientId, String username) {
        return StackUsers.tokenOfClient(clientId, username);
    }

    public static String expiredToken() {
        return StackUsers.expiredToken();
    }

    public static RequestSpecification as(String username) {
        return given().auth().oauth2(token(username));
    }

    public static Map<String, Object> lastAudit() {
        return StackDatabase.lastAudit();
    }

    public static long lastAuditSeq() {
        return StackDatabase.lastAuditSeq();
    }

    public static String config(String key) {
        return StackDatabase.config(key);
    }
}
