package city.alpr.query.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.common.audit.Actor;
import city.alpr.common.audit.AuditLog;
import city.alpr.common.audit.AuditRecord;
import city.alpr.common.audit.Granted;
import city.alpr.common.policy.PolicyConfig;
import city.alpr.common.policy.PolicyConfig.OfficerAccess;
import city.alpr.common.policy.PolicyConfig.PolicyProfile;
import city.alpr.common.policy.Role;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemType;
import city.alpr.common.problem.Violation;
import city.alpr.query.QueryConfig;
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
 * active written grant for that case (R8), under an on-request policy an approved law-enforcement request,
 * filed by the officer for that case and purpose, before the officer sees read data (R10), and for a purpose that
 * answers a hotlist alert, an alert the person receives, whose read is the only one the access reaches (R29).
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
    private final AlertRecipients recipients;
    private final SecurityIdentity identity;
    private final CurrentVertxRequest request;

    Gatekeeper(Pool pool, AuditLog audit, QueryConfig config, AlertRecipients recipients, SecurityIdentity identity,
            CurrentVertxRequest request) {
        this.pool = pool;
        this.audit = audit;
        this.policy = config.policy();
        this.recipients = recipients;
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
                                + "purpose needs one (" + policy.title() + ")",
                        violations));
            }
        }
        return pool.withTransaction(connection -> connection.preparedQuery(STANDING)
                .execute(Tuple.of(actor.username(), access.caseNumber(), access.purpose()))
                .invoke(rows -> standingRefusal(access, role, rows.iterator().next()).ifPresent(refusal -> {
                    throw refusal;
                }))
                .chain(() -> answeredAlertRefusal(connection, access, actor))
                .invoke(refusal -> refusal.ifPresent(problem -> {
                    throw problem;
                }))
                .chain(() -> rule.apply(connection, actor))
                .invoke(refusal -> refusal.ifPresent(problem -> {
                    throw problem;
                }))
                .chain(() -> work.apply(connection, actor))
                .call(granted -> audit.append(connection, AuditRecord.granted(access.action(), actor,
                        granted.purpose() != null ? granted.purpose() : access.purpose(),
                        granted.caseNumber() != null ? granted.caseNumber() : access.caseNumber(),
                        granted.dataElements(logged(access)), granted.resultCount(),
                        granted.target() != null ? granted.target() : access.target(), address))))
                .onFailure(ProblemException.class)
                .call(problem -> logRefusal(access, actor, address, (ProblemException) problem))
                .map(Granted::value);
    }

    /**
     * Refuses, and logs, a caller whose role may not perform the access at all, before any work that must not start
     * otherwise (reading an upload); the access itself is then judged by {@link #perform}. Call on the request's
     * thread.
     */
    public Uni<Void> requireRole(Access access) {
        Optional<Role> held = Role.of(identity);
        if (held.isPresent() && access.roles().contains(held.get())) {
            return Uni.createFrom().voidItem();
        }
        Caller caller = caller();
        return refuse(access, caller.actor(), caller.address(), new ProblemException(ProblemType.FORBIDDEN,
                "your role may not perform " + access.action()));
    }

    /** Who is calling, and from where, as the access log records them. Call on the request's thread. */
    public Caller caller() {
        return new Caller(Actor.of(identity, policy), request.getCurrent().request().remoteAddress().hostAddress());
    }

    public record Caller(Actor actor, String address) {
    }

    /** A hotlist alert handed to a person, under the purpose and case of the entry that raised it. */
    public record Delivery(UUID alertId, String purpose, String caseNumber) {
    }

    /**
     * Logs the alerts handed to a person, one record per purpose and case of their entries (R29), through the
     * caller's transaction; the alerts are handed out only once it commits. A subscription's alerts are logged in
     * batches, so a burst of hits takes the log's chain lock once per subscriber and batch, not once per alert.
     *
     * @param via how they were handed out: {@code stream} or {@code list}
     */
    public Uni<Void> logDeliveries(SqlClient client, Caller caller, List<Delivery> deliveries, String via) {
        Map<ServedCase, List<Delivery>> byCase = deliveries.stream().collect(Collectors.groupingBy(
                delivery -> new ServedCase(delivery.purpose(), delivery.caseNumber()), LinkedHashMap::new,
                Collectors.toList()));
        Uni<Void> logged = Uni.createFrom().voidItem();
        for (List<Delivery> group : byCase.values()) {
            Delivery first = group.getFirst();
            Map<String, Object> elements = new LinkedHashMap<>();
            elements.put("alertIds", group.stream().map(delivery -> delivery.alertId().toString()).toList());
            elements.put("via", via);
            AuditRecord record = AuditRecord.granted("alert.delivered", caller.actor(), first.purpose(),
                    first.caseNumber(), elements, group.size(),
                    group.size() == 1 ? first.alertId().toString() : null, caller.address());
            logged = logged.chain(() -> audit.append(client, record));
        }
        return logged;
    }

    private record ServedCase(String purpose, String caseNumber) {
    }

    /** As {@link #logDeliveries(SqlClient, Caller, List, String)}, in a transaction of its own. */
    public Uni<Void> logDeliveries(Caller caller, List<Delivery> deliveries, String via) {
        return pool.withTransaction(connection -> logDeliveries(connection, caller, deliveries, via));
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
        if (declared.answersAlert() && access.alertId() == null) {
            violations.add(Violation.of("alertId", "is required for the purpose " + purpose
                    + ": name the hotlist alert this answers"));
        } else if (!declared.answersAlert() && access.alertId() != null) {
            violations.add(Violation.of("alertId", "names an alert, which only a purpose answering one does"));
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

    /**
     * Under a purpose that answers an alert (the Town policy's hotlist response): the alert must be one the person
     * receives, and the access must reach exactly its read. A search finds reads, so it cannot be confined to one.
     */
    private Uni<Optional<ProblemException>> answeredAlertRefusal(SqlClient client, Access access, Actor actor) {
        if (access.alertId() == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return recipients.answered(client, actor, access.alertId()).map(answered -> {
            if (answered.isEmpty()) {
                return Optional.of(new ProblemException(ProblemType.FORBIDDEN, "alert " + access.alertId()
                        + " is not an alert you receive; " + access.purpose() + " reaches only the read of one"));
            }
            UUID read = answered.get().readId();
            if (access.reads() == null) {
                return Optional.of(new ProblemException(ProblemType.FORBIDDEN, access.purpose() + " reaches only the "
                        + "read of alert " + access.alertId() + " (read " + read + "); a search under it would reach "
                        + "others: view that read, or search for a criminal investigation with its case number"));
            }
            List<Violation> others = new ArrayList<>();
            for (int i = 0; i < access.reads().size(); i++) {
                if (!Objects.equals(access.reads().get(i), read)) {
                    others.add(Violation.of("readIds[" + i + "]", "is not the read of alert " + access.alertId()));
                }
            }
            return others.isEmpty() && !access.reads().isEmpty() ? Optional.<ProblemException> empty()
                    : Optional.of(ProblemException.forbidden(access.purpose() + " reaches only the read of alert "
                            + access.alertId() + " (read " + read + ")", others));
        });
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

    private <T> Uni<T> refuse(Access access, Actor actor, String address, ProblemException problem) {
        return logRefusal(access, actor, address, problem).chain(logged -> Uni.createFrom().<T> failure(problem));
    }

    /**
     * Logs a refusal in a transaction of its own: one found inside the access's transaction (the standing checks,
     * the action's rule, a conflict in the work) has been rolled back with it.
     */
    private Uni<Void> logRefusal(Access access, Actor actor, String address, ProblemException problem) {
        AuditRecord refused = AuditRecord.refused(access.action(), actor, access.purpose(), access.caseNumber(),
                logged(access), access.target(), problem.getMessage(), address);
        return pool.withTransaction(connection -> audit.append(connection, refused));
    }
}
