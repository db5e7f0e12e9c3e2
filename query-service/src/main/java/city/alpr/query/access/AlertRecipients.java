package city.alpr.query.access;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.common.audit.Actor;
import city.alpr.common.policy.PolicyConfig.OfficerAccess;
import city.alpr.common.policy.PolicyConfig.PolicyProfile;
import city.alpr.common.policy.Role;
import city.alpr.query.QueryConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Who receives the alerts of a hotlist entry (R7, R29): the holders of the policy's alert roles, and the entry's
 * owner, the person who watches the plate for a case. Under an on-request policy the owner receives them only while
 * the custodian's approval of a request for that case and purpose lasts (R10), and for a purpose that requires one
 * only while a supervisor's approval of the owner for that case and purpose lasts (R31). Everyone else sees none of
 * them: not in the stream, not in the list, not as a flag that lets a read be exported.
 */
@ApplicationScoped
public class AlertRecipients {

    private final Set<Role> alertRoles;
    private final Set<Role> users;
    private final OwnerStanding ownerStanding;

    AlertRecipients(QueryConfig config) {
        this.alertRoles = config.policy().alertRoles().stream()
                .map(claim -> Role.ofClaim(claim)
                        .orElseThrow(() -> new IllegalStateException("alert-roles names an unknown role: " + claim)))
                .collect(Collectors.toUnmodifiableSet());
        this.users = Stream.concat(alertRoles.stream(), Stream.of(Role.SHERIFF_OFFICER))
                .collect(Collectors.toUnmodifiableSet());
        this.ownerStanding = OwnerStanding.of(config.policy());
    }

    /**
     * What the owner of an entry needs, beyond owning it, to receive its alerts: under an on-request policy the
     * custodian's approval of a request for the entry's case and purpose; for a purpose the policy makes need one, a
     * supervisor's approval of the owner for that case and purpose.
     */
    public record OwnerStanding(boolean needsRequest, List<String> supervisedPurposes) {

        public static OwnerStanding of(PolicyProfile policy) {
            return new OwnerStanding(policy.officerAccess() == OfficerAccess.ON_REQUEST,
                    policy.purposes().entrySet().stream().filter(purpose -> purpose.getValue().requiresSupervisorApproval())
                            .map(Map.Entry::getKey).sorted().toList());
        }

        /** The condition that the owner of the entry {@code e} has it; its values are appended to the parameters. */
        String condition(Tuple parameters) {
            parameters.addValue(needsRequest).addValue(supervisedPurposes.toArray(String[]::new));
            return """
                    ((not $%1$d or exists(
                        select 1 from law_enforcement_request q
                        where q.requested_by = e.owner and q.case_number = e.case_number and q.purpose = e.purpose
                          and q.approved and q.expires_at > now()))
                     and (coalesce(e.purpose <> all($%2$d::text[]), true) or exists(
                        select 1 from supervisor_approval s
                        where s.officer = e.owner and s.case_number = e.case_number and s.purpose = e.purpose
                          and s.revoked_at is null and s.expires_at > now())))""".formatted(parameters.size() - 1,
                    parameters.size());
        }
    }

    /** Who may use the alert endpoints at all: the alert roles, and sworn officers, who own the entries they add. */
    public Set<Role> roles() {
        return users;
    }

    /**
     * The condition that this person receives the alerts of the hotlist entry {@code e} of a statement; its values
     * are appended to the statement's {@code parameters}.
     */
    public String receives(Actor actor, Tuple parameters) {
        return receives(actor.username(), holdsAlertRole(actor), ownerStanding, parameters);
    }

    /**
     * As {@link #receives(Actor, Tuple)}, for a person who does or does not hold an alert role, under a policy whose
     * owners need this standing. Public so that the search benchmark sends the statement the service sends.
     */
    public static String receives(String username, boolean holdsAlertRole, OwnerStanding standing, Tuple parameters) {
        parameters.addValue(holdsAlertRole).addValue(username);
        int role = parameters.size() - 1;
        return "($%d or (e.owner = $%d and %s))".formatted(role, role + 1, standing.condition(parameters));
    }

    /**
     * The condition that the owner of the entry {@code e} of a statement has the standing to receive its alerts; its
     * values are appended to the statement's {@code parameters}.
     */
    public String ownerHasStanding(Tuple parameters) {
        return ownerStanding.condition(parameters);
    }

    public boolean holdsAlertRole(Actor actor) {
        return Role.ofClaim(actor.role()).map(alertRoles::contains).orElse(false);
    }

    /**
     * Whether this person receives an alert of an entry owned by {@code owner}; {@code ownerHasStanding} says whether
     * the owner still has the standing to ({@link #ownerHasStanding(Tuple)}).
     */
    public boolean receives(Actor actor, String owner, boolean ownerHasStanding) {
        return holdsAlertRole(actor) || (actor.username().equals(owner) && ownerHasStanding);
    }

    /** The alert a hotlist response answers: the read it reaches, and the case and purpose of its entry. */
    public record Answered(UUID alertId, UUID readId, OffsetDateTime capturedAt, String purpose, String caseNumber) {
    }

    /** The alert, if it exists and this person receives it. */
    Uni<Optional<Answered>> answered(SqlClient client, Actor actor, UUID alertId) {
        Tuple parameters = Tuple.of(alertId);
        return client.preparedQuery("""
                select a.id, a.read_id, a.captured_at, e.purpose, e.case_number
                from hotlist_alert a join hotlist_entry e on e.id = a.entry_id
                where a.id = $1 and\s""" + receives(actor, parameters)).execute(parameters)
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next()).map(row -> new Answered(
                        row.getUUID("id"), row.getUUID("read_id"), row.getOffsetDateTime("captured_at"),
                        row.getString("purpose"), row.getString("case_number"))) : Optional.empty());
    }
}
