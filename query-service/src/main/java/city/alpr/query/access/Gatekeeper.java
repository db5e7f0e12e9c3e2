package city.alpr.query.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.common.audit.Actor;
import city.alpr.common.policy.Role;
import city.alpr.common.audit.AuditLog;
import city.alpr.common.audit.AuditRecord;
import city.alpr.common.audit.Granted;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemType;
import city.alpr.common.problem.Violation;
import city.alpr.query.QueryConfig;
import city.alpr.common.policy.PolicyConfig;
import city.alpr.common.policy.PolicyConfig.OfficerAccess;
import city.alpr.common.policy.PolicyConfig.PolicyProfile;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Decides every access by the policy in force and logs it. A refusal is logged and answered with a problem; a
 * granted access runs in one transaction with its log record, so if the record cannot be written the data is
 * not returned (R16, R17). The standing checks run in that same transaction, so a grant or request revoked
 * meanwhile is seen. The checks, in order: a role that may do this at all (R8), a purpose from the
 * policy and a case number where it needs one (R9), a current training record (R11), for the contractor an
 * active written grant for that case (R8), and under an on-request policy an approved law-enforcement request,
 * filed by the officer for that case and purpose, before the officer sees read data (R10).
 */
@ApplicationScoped
public class Gatekeeper {

    private static final Pattern CASE_NUMBER = Pattern.compile(PolicyConfig.CASE_NUMBER_FORMAT);

    private static final String STANDING = """
            select exists(select 1 from training_record
                          where username = $1 and completed_at <= now() and expires_at > now()) as trained,
                   exists(select 1 from contractor_grant
                          where username = $1 and case_number = $2 and revoked_at is null
                            and starts_at <= now() and ends_at > now()) as granted,
                   exists(select 1 from law_enforcement_request
                          where requested_by = $1 and case_number = $2 and purpose = $3
                            and approved and expires_at > now()) as requested""";

    private final Pool pool;
    private final AuditLog audit;
    private final PolicyProfile policy;
    private final SecurityIdentity identity;
    private final CurrentVertxRequest request;

    Gatekeeper(Pool pool, AuditLog audit, QueryConfig config, SecurityIdentity identity, CurrentVertxRequest request) {
        this.pool = pool;
        this.audit = audit;
        this.policy = config.policy();
        this.identity = identity;
        this.request = request;
    }

    /**
     * Judges the access for the current caller and, if granted, runs the work and appends the log record in one
     * transaction. Must be called on the request's thread, where the caller is known.
     */
    public <T> Uni<T> perform(Access access, BiFunction<SqlConnection, Actor, Uni<Granted<T>>> work) {
        return perform(access, (client, actor) -> Uni.createFrom().item(Optional.empty()), work);
    }

    /**
     * As {@link #perform(Access, BiFunction)}, with a rule of the action itself checked after the policy's: a
     * problem it answers is a refusal, logged like the policy's own.
     */
    public <T> Uni<T> perform(Access access, BiFunction<SqlClient, Actor, Uni<Optional<ProblemException>>> rule,
            BiFunction<SqlConnection, Actor, Uni<Granted<T>>> work) {
        Optional<Role> held = Role.of(identity);
        Caller caller = caller();
        Actor actor = caller.actor();
        String address = caller.address();
        if (held.isEmpty() || !access.roles().contains(held.get())) {
            return refuse(access, actor, address, new ProblemException(ProblemType.FORBIDDEN,
                    "your role may not perform " + access.action()));
        }
        Role role = held.get();
        if (access.needsPurpose()) {
            List<Violation> violations = purposeViolations(access);
            if (!violations.isEmpty()) {
                return refuse(access, actor, address, new ProblemException(ProblemType.INVALID_REQUEST,
                        "every access to read data states a purpose from the policy, and a case number where the "
                                + "purpose needs one (" + policy.title() + ")", violations));
            }
        }
        return pool.withTransaction(connection -> connection.preparedQuery(STANDING)
                .execute(Tuple.of(actor.username(), access.caseNumber(), access.purpose()))
                .invoke(rows -> standingRefusal(access, role, rows.iterator().next()).ifPresent(refusal -> {
                    throw refusal;
                }))
                .chain(() -> rule.apply(connection, actor))
                .invoke(refusal -> refusal.ifPresent(problem -> {
                    throw problem;
                }))
                .chain(() -> work.apply(connection, actor))
                .call(granted -> audit.append(connection, AuditRecord.granted(access.action(), actor, access.purpose(),
                        granted.caseNumber() != null ? granted.caseNumber() : access.caseNumber(),
                        access.dataElements(), granted.resultCount(),
                        granted.target() != null ? granted.target() : access.target(), address))))
                .onFailure(ProblemException.class)
                .call(problem -> logRefusal(access, actor, address, (ProblemException) problem))
                .map(Granted::value);
    }

    /** Who is calling, and from where, as the access log records them. Call on the request's thread. */
    public Caller caller() {
        return new Caller(Actor.of(identity, policy), request.getCurrent().request().remoteAddress().hostAddress());
    }

    public record Caller(Actor actor, String address) {
    }

    /**
     * Logs one item handed out on an access already granted (an alert pushed on a subscription), in a
     * transaction of its own; the item is handed out only once this commits.
     */
    public Uni<Void> logDelivery(Caller caller, String action, Map<String, Object> dataElements, String target) {
        return pool.withTransaction(connection -> audit.append(connection, AuditRecord.granted(action,
                caller.actor(), null, null, dataElements, 1, target, caller.address())));
    }

    private List<Violation> purposeViolations(Access access) {
        List<Violation> violations = new ArrayList<>();
        String purpose = access.purpose();
        if (purpose == null || purpose.isBlank()) {
            violations.add(Violation.of("purpose", "is required; one of " + policy.purposes().keySet()));
            return violations;
        }
        PolicyConfig.Purpose declared = policy.purposes().get(purpose);
        if (declared == null) {
            violations.add(Violation.of("purpose", "is not a purpose this policy allows; one of "
                    + policy.purposes().keySet()));
            return violations;
        }
        String caseNumber = access.caseNumber();
        if (caseNumber == null || caseNumber.isBlank()) {
            if (declared.requiresCaseNumber()) {
                violations.add(Violation.of("caseNumber", "is required for the purpose " + purpose));
            }
        } else if (!CASE_NUMBER.matcher(caseNumber).matches()) {
            violations.add(Violation.of("caseNumber", PolicyConfig.CASE_NUMBER_MESSAGE));
        }
        return violations;
    }

    private Optional<ProblemException> standingRefusal(Access access, Role role, Row standing) {
        if (policy.trainingRequired() && !standing.getBoolean("trained")) {
            return Optional.of(new ProblemException(ProblemType.FORBIDDEN,
                    "you have no current ALPR training record; the custodian records training (R11)"));
        }
        if (role == Role.CONTRACTOR && !standing.getBoolean("granted")) {
            return Optional.of(new ProblemException(ProblemType.FORBIDDEN,
                    "the contractor may access data only inside an active written grant from the custodian for "
                            + "this case number"));
        }
        if (access.needsPurpose() && role == Role.SHERIFF_OFFICER
                && policy.officerAccess() == OfficerAccess.ON_REQUEST && !standing.getBoolean("requested")) {
            return Optional.of(new ProblemException(ProblemType.FORBIDDEN,
                    "under " + policy.title() + " only the custodian has access until a law-enforcement request "
                            + "for this case number has been approved"));
        }
        return Optional.empty();
    }

    private <T> Uni<T> refuse(Access access, Actor actor, String address, ProblemException problem) {
        return logRefusal(access, actor, address, problem).chain(logged -> Uni.createFrom().<T>failure(problem));
    }

    /**
     * Logs a refusal in a transaction of its own: one found inside the access's transaction (the standing checks,
     * the action's rule, a conflict in the work) has been rolled back with it.
     */
    private Uni<Void> logRefusal(Access access, Actor actor, String address, ProblemException problem) {
        AuditRecord refused = AuditRecord.refused(access.action(), actor, access.purpose(), access.caseNumber(),
                access.dataElements(), access.target(), problem.getMessage(), address);
        return pool.withTransaction(connection -> audit.append(connection, refused));
    }
}
