package city.alpr.query.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import city.alpr.common.access.Access;
import city.alpr.common.access.PolicyChecks;
import city.alpr.common.audit.Actor;
import city.alpr.common.policy.PolicyConfig;
import city.alpr.common.policy.PolicyConfig.OfficerAccess;
import city.alpr.common.policy.PolicyConfig.PolicyProfile;
import city.alpr.common.policy.Role;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemType;
import city.alpr.common.problem.Violation;
import city.alpr.query.QueryConfig;
import city.alpr.query.access.StandingStore.Standing;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * The policy in force, as the gate applies it to every access of this service: for read data a purpose from the policy and a
 * case number where it needs one
 * (R9); a current training record (R11); for the contractor an active written grant for that case (R8); under an
 * on-request policy an approved law-enforcement request, filed by the officer for that case and purpose, before the
 * officer sees read data (R10); where the purpose requires it, a supervisor's approval naming the officer, the case
 * and the purpose (R31); and for a purpose that answers a hotlist alert, an alert the person receives, whose read is
 * the only one the access reaches (R29).
 */
@Startup
@ApplicationScoped
public class PolicyRules implements PolicyChecks {

    private static final Pattern CASE_NUMBER = Pattern.compile(PolicyConfig.CASE_NUMBER_FORMAT);

    private final PolicyProfile policy;
    private final StandingStore standing;
    private final AlertRecipients recipients;

    @Inject
    PolicyRules(QueryConfig config, StandingStore standing, AlertRecipients recipients) {
        this(config.policy(), standing, recipients);
    }

    PolicyRules(PolicyProfile policy, StandingStore standing, AlertRecipients recipients) {
        if (Role.ofClaim(policy.supervisorRole()).isPresent()) {
            throw new IllegalStateException("supervisor-role of " + policy.title() + " is " + policy.supervisorRole()
                    + ", a role everyone of it holds: a supervisor's role is one only supervisors hold");
        }
        if (policy.supervisorApprovalMaxHours() < 1) {
            throw new IllegalStateException("supervisor-approval-max-hours of " + policy.title() + " must be 1 or more");
        }
        policy.purposes().forEach((name, purpose) -> {
            if (purpose.requiresSupervisorApproval() && !purpose.requiresCaseNumber()) {
                throw new IllegalStateException("purpose " + name + " of " + policy.title() + " requires a supervisor's "
                        + "approval, which names a case: it must require a case number too");
            }
        });
        this.policy = policy;
        this.standing = standing;
        this.recipients = recipients;
    }

    @Override
    public Optional<ProblemException> purposeRefusal(Access access) {
        List<Violation> violations = purposeViolations(access);
        return violations.isEmpty() ? Optional.empty()
                : Optional.of(new ProblemException(ProblemType.INVALID_REQUEST,
                        "every access to read data states a purpose from the policy, and a case number where the "
                                + "purpose needs one (" + policy.title() + ")",
                        violations));
    }

    @Override
    public Uni<Optional<ProblemException>> standingRefusal(SqlClient client, Access access, Role role, Actor actor) {
        return standing.of(client, actor.username(), access.caseNumber(), access.purpose())
                .map(held -> standingRefusal(access, role, held))
                .chain(refusal -> refusal.isPresent() ? Uni.createFrom().item(refusal)
                        : answeredAlertRefusal(client, access, actor));
    }

    List<Violation> purposeViolations(Access access) {
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

    Optional<ProblemException> standingRefusal(Access access, Role role, Standing held) {
        if (policy.trainingRequired() && !held.trained()) {
            return Optional.of(new ProblemException(ProblemType.FORBIDDEN,
                    "you have no current ALPR training record; the custodian records training (R11)"));
        }
        if (role == Role.CONTRACTOR && !held.granted()) {
            return Optional.of(new ProblemException(ProblemType.FORBIDDEN,
                    "the contractor may access data only inside an active written grant from the custodian for "
                            + "this case number"));
        }
        if (access.needsPurpose() && role == Role.SHERIFF_OFFICER && policy.officerAccess() == OfficerAccess.ON_REQUEST
                && !held.requested()) {
            return Optional.of(new ProblemException(ProblemType.FORBIDDEN,
                    "under " + policy.title() + " only the custodian has access until a law-enforcement request "
                            + "for this case number has been approved"));
        }
        if (access.needsPurpose() && role == Role.SHERIFF_OFFICER && !held.supervised()
                && policy.purposes().get(access.purpose()).requiresSupervisorApproval()) {
            return Optional.of(new ProblemException(ProblemType.FORBIDDEN,
                    "under " + policy.title() + " an officer's access for " + access.purpose() + " needs a "
                            + "supervisor's current approval naming you, this case number and this purpose (R31)"));
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
        return recipients.answered(client, actor, access.alertId())
                .map(answered -> answered.isEmpty()
                        ? Optional.of(new ProblemException(ProblemType.FORBIDDEN, "alert " + access.alertId()
                                + " is not an alert you receive; " + access.purpose() + " reaches only the read of one"))
                        : confinementRefusal(access, answered.get().readId()));
    }

    static Optional<ProblemException> confinementRefusal(Access access, UUID read) {
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
        return others.isEmpty() && !access.reads().isEmpty() ? Optional.empty()
                : Optional.of(ProblemException.forbidden(access.purpose() + " reaches only the read of alert "
                        + access.alertId() + " (read " + read + ")", others));
    }
}
