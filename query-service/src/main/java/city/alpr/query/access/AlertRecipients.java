package city.alpr.query.access;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.common.audit.Actor;
import city.alpr.common.policy.PolicyConfig.OfficerAccess;
import city.alpr.common.policy.Role;
import city.alpr.query.QueryConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Who receives the alerts of a hotlist entry (R7, R29): the holders of the policy's alert roles, and the entry's
 * owner, the person who watches the plate for a case. Under an on-request policy the owner receives them only while
 * the custodian's approval of a request for that case and purpose lasts. Everyone else sees none of them: not in the
 * stream, not in the list, not as a flag that lets a read be exported.
 */
@ApplicationScoped
public class AlertRecipients {

    private final Set<Role> alertRoles;
    private final Set<Role> users;
    private final boolean ownerNeedsRequest;

    AlertRecipients(QueryConfig config) {
        this.alertRoles = config.policy().alertRoles().stream()
                .map(claim -> Role.ofClaim(claim)
                        .orElseThrow(() -> new IllegalStateException("alert-roles names an unknown role: " + claim)))
                .collect(Collectors.toUnmodifiableSet());
        this.users = Stream.concat(alertRoles.stream(), Stream.of(Role.SHERIFF_OFFICER))
                .collect(Collectors.toUnmodifiableSet());
        this.ownerNeedsRequest = config.policy().officerAccess() == OfficerAccess.ON_REQUEST;
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
        return receives(actor.username(), holdsAlertRole(actor), ownerNeedsRequest, parameters);
    }

    /**
     * As {@link #receives(Actor, Tuple)}, for a person who does or does not hold an alert role, under a policy where
     * the owner does or does not need an approved request. Public so that the search benchmark sends the statement the
     * service sends.
     */
    public static String receives(String username, boolean holdsAlertRole, boolean ownerNeedsRequest,
            Tuple parameters) {
        parameters.addValue(username).addValue(holdsAlertRole).addValue(ownerNeedsRequest);
        int first = parameters.size() - 2;
        return """
                ($%2$d or (e.owner = $%1$d and (not $%3$d or exists(
                    select 1 from law_enforcement_request q
                    where q.requested_by = e.owner and q.case_number = e.case_number and q.purpose = e.purpose
                      and q.approved and q.expires_at > now()))))""".formatted(first, first + 1, first + 2);
    }

    public boolean holdsAlertRole(Actor actor) {
        return Role.ofClaim(actor.role()).map(alertRoles::contains).orElse(false);
    }

    /**
     * Whether this person receives an alert of an entry owned by {@code owner}; {@code ownerHasStanding} says whether
     * the owner's approved request for the entry's case still lasts.
     */
    public boolean receives(Actor actor, String owner, boolean ownerHasStanding) {
        return holdsAlertRole(actor) || (actor.username().equals(owner) && (!ownerNeedsRequest || ownerHasStanding));
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
