package city.alpr.retention.support;

import city.alpr.localstack.AlprDatabase;
import city.alpr.localstack.AlprStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * The real database every test of this service runs against, with retention-service connected as its own role.
 * The job signs no one in, so no Keycloak is started.
 */
@QuarkusTestResource(value = AlprStackTestResource.class, initArgs = {
        @ResourceArg(name = AlprStackTestResource.SERVICE_ROLE, value = AlprDatabase.RETENTION_ROLE),
        @ResourceArg(name = AlprStackTestResource.KEYCLOAK, value = "false") })
public final class Stack {

    private Stack() {
    }
}
