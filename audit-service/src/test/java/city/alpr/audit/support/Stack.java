package city.alpr.audit.support;

import city.alpr.localstack.AlprDatabase;
import city.alpr.localstack.AlprStackTestResource;
import city.alpr.localstack.StackUsers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/**
 * The real stack every test of this service runs against: one PostgreSQL and one Keycloak, started once, with
 * audit-service connected as its own role; real tokens of the realm's people.
 */
@QuarkusTestResource(value = AlprStackTestResource.class, initArgs = @ResourceArg(name = AlprStackTestResource.SERVICE_ROLE, value = AlprDatabase.AUDIT_ROLE))
public final class Stack {

    public static final String MANAGER = StackUsers.MANAGER;
    public static final String OFFICER = StackUsers.OFFICER;
    public static final String AUDITOR = StackUsers.AUDITOR;
    public static final String CONTRACTOR = StackUsers.CONTRACTOR;

    private Stack() {
    }

    public static RequestSpecification as(String username) {
        return given().auth().oauth2(StackUsers.token(username));
    }
}
