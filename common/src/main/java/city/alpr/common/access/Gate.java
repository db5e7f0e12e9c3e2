package city.alpr.common.access;

import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.common.audit.Actor;
import city.alpr.common.audit.AuditLog;
import city.alpr.common.audit.AuditRecord;
import city.alpr.common.audit.Granted;
import city.alpr.common.policy.PolicyConfig;
import city.alpr.common.policy.PolicyConfig.PolicyProfile;
import city.alpr.common.policy.Role;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemType;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Judges and logs every access to records that are not read data (R16): a role that may perform the action, then the
 * work and its access-log record in one transaction, so that nothing is returned or changed unless its record
 * commits. A refusal, whether for the role or raised by the work (a conflict, an unknown record), is logged in a
 * transaction of its own and answered with a problem. Accesses to read data go through query-service's gatekeeper,
 * which judges the policy's purposes and standing too.
 */
@ApplicationScoped
public class Gate {

    private final Pool pool;
    private final AuditLog audit;
    private final PolicyProfile policy;
    private final SecurityIdentity identity;
    private final CurrentVertxRequest request;

    Gate(Pool pool, AuditLog audit, PolicyConfig config, SecurityIdentity identity, CurrentVertxRequest request) {
        this.pool = pool;
        this.audit = audit;
        this.policy = config.policy();
        this.identity = identity;
        this.request = request;
    }

    /** Runs the work in the transaction that logs it. Call on the request's thread, where the caller is known. */
    public <T> Uni<T> perform(Access access, BiFunction<SqlConnection, Actor, Uni<Granted<T>>> work) {
        Caller caller = caller();
        return judged(access, caller, () -> pool.withTransaction(connection -> work.apply(connection, caller.actor())
                .call(granted -> audit.append(connection, grantedRecord(access, caller, granted)))));
    }

    /**
     * Runs work that needs a transaction of its own (a verification reads one consistent snapshot of the log,
     * which a transaction appending to the log must not), then logs it; the result is returned only once its
     * record commits.
     */
    public <T> Uni<T> performThenLog(Access access, Function<Actor, Uni<Granted<T>>> work) {
        Caller caller = caller();
        return judged(access, caller, () -> work.apply(caller.actor())
                .call(granted -> pool
                        .withTransaction(connection -> audit.append(connection, grantedRecord(access, caller, granted)))));
    }

    /** The logged work if the caller's role may perform the access; either way, a refusal is logged. */
    private <T> Uni<T> judged(Access access, Caller caller, Supplier<Uni<Granted<T>>> loggedWork) {
        Optional<Role> held = Role.of(identity);
        Uni<Granted<T>> outcome = held.isPresent() && access.roles().contains(held.get())
                ? loggedWork.get()
                : Uni.createFrom().failure(new ProblemException(ProblemType.FORBIDDEN,
                        "your role may not perform " + access.action()));
        return outcome.onFailure(ProblemException.class)
                .call(problem -> logRefusal(access, caller, (ProblemException) problem))
                .map(Granted::value);
    }

    private static AuditRecord grantedRecord(Access access, Caller caller, Granted<?> granted) {
        return AuditRecord.granted(access.action(), caller.actor(), granted.purpose(), granted.caseNumber(),
                granted.dataElements(access.dataElements()), granted.resultCount(),
                granted.target() != null ? granted.target() : access.target(), caller.address());
    }

    private Uni<Void> logRefusal(Access access, Caller caller, ProblemException problem) {
        AuditRecord refused = AuditRecord.refused(access.action(), caller.actor(), null, null, access.dataElements(),
                access.target(), problem.getMessage(), caller.address());
        return pool.withTransaction(connection -> audit.append(connection, refused));
    }

    /**
     * Who is calling, and from where, as the access log records them: the address of the connection, or behind a
     * trusted proxy the client it forwards for ({@code quarkus.http.proxy.*}). Call on the request's thread.
     */
    public Caller caller() {
        return new Caller(Actor.of(identity, policy), request.getCurrent().request().remoteAddress().hostAddress());
    }

    public record Caller(Actor actor, String address) {
    }
}
