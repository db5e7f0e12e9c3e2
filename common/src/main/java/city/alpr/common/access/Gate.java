package city.alpr.common.access;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

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
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Decides every access and logs it (R16, R17). A refusal is logged in a transaction of its own and answered with a
 * problem; a granted access runs in one transaction with its log record, so if the record cannot be written nothing
 * is returned or changed. The checks, in order: a role that may do this at all (R8); where the service has the
 * policy's {@link PolicyChecks}, the purpose and case an access to read data states (R9), then, in the access's
 * transaction, the caller's standing (training, grant, approved request, the alert answered); then the action's own
 * rule, if it has one. A problem the work raises (a conflict, an unknown record) is a refusal too, logged like the
 * others.
 */
@ApplicationScoped
public class Gate {

    private final Pool pool;
    private final AuditLog audit;
    private final PolicyProfile policy;
    private final Instance<PolicyChecks> policyChecks;
    private final SecurityIdentity identity;
    private final CurrentVertxRequest request;

    Gate(Pool pool, AuditLog audit, PolicyConfig config, Instance<PolicyChecks> policyChecks,
            SecurityIdentity identity, CurrentVertxRequest request) {
        this.pool = pool;
        this.audit = audit;
        this.policy = config.policy();
        if (policyChecks.isAmbiguous()) {
            throw new IllegalStateException("more than one PolicyChecks: the gate applies exactly one policy");
        }
        this.policyChecks = policyChecks;
        this.identity = identity;
        this.request = request;
    }

    /** Runs the work in the transaction that logs it. Call on the request's thread, where the caller is known. */
    public <T> Uni<T> perform(Access access, BiFunction<SqlConnection, Actor, Uni<Granted<T>>> work) {
        return perform(access, (client, actor) -> Uni.createFrom().item(Optional.empty()), work);
    }

    /**
     * As {@link #perform(Access, BiFunction)}, with a rule of the action itself checked after the policy's: a
     * problem it answers is a refusal, logged like the policy's own.
     */
    public <T> Uni<T> perform(Access access, BiFunction<SqlClient, Actor, Uni<Optional<ProblemException>>> rule,
            BiFunction<SqlConnection, Actor, Uni<Granted<T>>> work) {
        Caller caller = caller();
        Optional<ProblemException> refusal = refusalBeforeWork(access);
        if (refusal.isPresent()) {
            return refuse(access, caller, refusal.get());
        }
        Role role = Role.of(identity).orElseThrow();
        Actor actor = caller.actor();
        return pool.withTransaction(connection -> standingRefusal(connection, access, role, actor)
                .invoke(Gate::throwIfPresent)
                .chain(() -> rule.apply(connection, actor))
                .invoke(Gate::throwIfPresent)
                .chain(() -> work.apply(connection, actor))
                .call(granted -> audit.append(connection, grantedRecord(access, caller, granted))))
                .onFailure(ProblemException.class)
                .call(problem -> logRefusal(access, caller, (ProblemException) problem))
                .map(Granted::value);
    }

    /**
     * Runs work that needs a transaction of its own (a verification reads one consistent snapshot of the log,
     * which a transaction appending to the log must not), then logs it; the result is returned only once its
     * record commits. Judged by role alone, so only for services without the policy's checks: where they apply, they
     * are judged in the transaction that logs the access.
     */
    public <T> Uni<T> performThenLog(Access access, Function<Actor, Uni<Granted<T>>> work) {
        if (policyChecks.isResolvable() || access.needsPurpose()) {
            throw new IllegalStateException(access.action() + " is judged by the policy's checks, in the transaction "
                    + "that logs it: use perform");
        }
        Caller caller = caller();
        Optional<ProblemException> refusal = roleRefusal(access);
        if (refusal.isPresent()) {
            return refuse(access, caller, refusal.get());
        }
        return work.apply(caller.actor())
                .call(granted -> pool
                        .withTransaction(connection -> audit.append(connection, grantedRecord(access, caller, granted))))
                .onFailure(ProblemException.class)
                .call(problem -> logRefusal(access, caller, (ProblemException) problem))
                .map(Granted::value);
    }

    /**
     * Refuses, and logs, a caller whose role may not perform the access at all, before any work that must not start
     * otherwise (reading an upload); the access itself is then judged by {@link #perform}. Call on the request's
     * thread.
     */
    public Uni<Void> requireRole(Access access) {
        Optional<ProblemException> refusal = roleRefusal(access);
        return refusal.isEmpty() ? Uni.createFrom().voidItem() : refuse(access, caller(), refusal.get());
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

    private Optional<ProblemException> refusalBeforeWork(Access access) {
        Optional<ProblemException> refusal = roleRefusal(access);
        if (refusal.isPresent() || !access.needsPurpose()) {
            return refusal;
        }
        if (!policyChecks.isResolvable()) {
            return Optional.of(new ProblemException(ProblemType.FORBIDDEN,
                    "this service does not serve read data (" + access.action() + ")"));
        }
        return policyChecks.get().purposeRefusal(access);
    }

    private Optional<ProblemException> roleRefusal(Access access) {
        Optional<Role> held = Role.of(identity);
        return held.isPresent() && access.roles().contains(held.get())
                ? Optional.empty()
                : Optional.of(new ProblemException(ProblemType.FORBIDDEN,
                        "your role may not perform " + access.action()));
    }

    private Uni<Optional<ProblemException>> standingRefusal(SqlClient client, Access access, Role role, Actor actor) {
        return policyChecks.isResolvable()
                ? policyChecks.get().standingRefusal(client, access, role, actor)
                : Uni.createFrom().item(Optional.empty());
    }

    private static void throwIfPresent(Optional<ProblemException> refusal) {
        refusal.ifPresent(problem -> {
            throw problem;
        });
    }

    private static AuditRecord grantedRecord(Access access, Caller caller, Granted<?> granted) {
        return AuditRecord.granted(access.action(), caller.actor(),
                granted.purpose() != null ? granted.purpose() : access.purpose(),
                granted.caseNumber() != null ? granted.caseNumber() : access.caseNumber(),
                granted.dataElements(logged(access)), granted.resultCount(),
                granted.target() != null ? granted.target() : access.target(), caller.address());
    }

    private <T> Uni<T> refuse(Access access, Caller caller, ProblemException problem) {
        return logRefusal(access, caller, problem).chain(logged -> Uni.createFrom().<T> failure(problem));
    }

    /**
     * Logs a refusal in a transaction of its own: one found inside the access's transaction (the standing checks,
     * the action's rule, a conflict in the work) has been rolled back with it.
     */
    private Uni<Void> logRefusal(Access access, Caller caller, ProblemException problem) {
        AuditRecord refused = AuditRecord.refused(access.action(), caller.actor(), access.purpose(),
                access.caseNumber(), logged(access), access.target(), problem.getMessage(), caller.address());
        return pool.withTransaction(connection -> audit.append(connection, refused));
    }

    /** What the log records of an access: the data elements asked for, and the alert it answers. */
    private static Map<String, Object> logged(Access access) {
        if (access.alertId() == null) {
            return access.dataElements();
        }
        Map<String, Object> elements = new LinkedHashMap<>(access.dataElements());
        elements.put("alertId", access.alertId().toString());
        return elements;
    }
}
