package city.alpr.common.access;

import java.util.Optional;

import city.alpr.common.audit.Actor;
import city.alpr.common.policy.Role;
import city.alpr.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * The policy's checks that a service serving read data (query-service) adds to the {@link Gate}'s role check, for
 * every access it judges. A gate in a service without them judges by role only, and refuses every access that
 * {@link Access#needsPurpose() needs a purpose}.
 */
public interface PolicyChecks {

    /**
     * For an access to read data, a refusal naming what is wrong with the purpose, case and alert it states (R9);
     * checked before any transaction. Empty if nothing is.
     */
    Optional<ProblemException> purposeRefusal(Access access);

    /**
     * Why the caller may not have this access now (training, grant, approved request, the alert answered), read in
     * the access's own transaction so that a grant or request revoked meanwhile is seen; empty if they may.
     */
    Uni<Optional<ProblemException>> standingRefusal(SqlClient client, Access access, Role role, Actor actor);
}
