package city.alpr.audit.governance;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import city.alpr.audit.access.Staff;
import city.alpr.common.access.Access;
import city.alpr.common.access.Gate;
import city.alpr.common.audit.Granted;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemType;
import city.alpr.common.problem.Violation;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Contractor grants (R8): the custodian's written permission for the contractor to access data for one case,
 * from a start to an end; query-service refuses the contractor outside an active one. A grant is revoked, never
 * changed or removed.
 */
@Path("/v1/governance/contractor-grants")
@Tag(name = "Governance")
@Authenticated
@SecurityRequirement(name = "keycloak")
public class ContractorGrantResource {

    /** A grant is for a piece of work, not standing access. */
    static final Duration LONGEST_GRANT = Duration.ofDays(366);

    private final Gate gate;

    ContractorGrantResource(Gate gate) {
        this.gate = gate;
    }

    @POST
    @Operation(summary = "Grant the contractor access for one case, from startsAt to endsAt (custodian)")
    @APIResponse(responseCode = "201", description = "The grant")
    @APIResponse(responseCode = "400", description = "Invalid grant (each field named)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    public Uni<Response> grant(@Valid @NotNull NewGrant grant) {
        List<Violation> violations = new ArrayList<>();
        if (!grant.endsAt().isAfter(grant.startsAt())) {
            violations.add(Violation.of("endsAt", "must be after startsAt"));
        } else if (Duration.between(grant.startsAt(), grant.endsAt()).compareTo(LONGEST_GRANT) > 0) {
            violations.add(Violation.of("endsAt", "a grant lasts at most " + LONGEST_GRANT.toDays() + " days"));
        }
        if (!grant.endsAt().isAfter(Instant.now())) {
            violations.add(Violation.of("endsAt", "must be in the future"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        UUID id = UUID.randomUUID();
        Map<String, Object> elements = Map.of("username", grant.username(), "caseNumber", grant.caseNumber(),
                "documentReference", grant.documentReference(), "startsAt", grant.startsAt().toString(),
                "endsAt", grant.endsAt().toString());
        return gate.perform(Access.toRecords("governance.grant.create", Staff.CUSTODIAN, elements, id.toString()),
                (connection, actor) -> connection.preparedQuery("""
                        insert into contractor_grant (id, username, case_number, document_reference, starts_at, ends_at,
                                                      granted_by)
                        values ($1, $2, $3, $4, $5, $6, $7) returning\s""" + ContractorGrant.COLUMNS)
                        .execute(Tuple.tuple().addUUID(id).addString(grant.username()).addString(grant.caseNumber())
                                .addString(grant.documentReference())
                                .addOffsetDateTime(grant.startsAt().atOffset(ZoneOffset.UTC))
                                .addOffsetDateTime(grant.endsAt().atOffset(ZoneOffset.UTC)).addString(actor.username()))
                        .map(rows -> Granted.of(Response.status(Response.Status.CREATED)
                                .entity(ContractorGrant.from(rows.iterator().next())).build(), 1)));
    }

    @GET
    @Operation(summary = "Contractor grants, newest first; active=true for those in force now")
    @APIResponse(responseCode = "200", description = "The grants")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not compliance staff or the custodian")
    public Uni<List<ContractorGrant>> list(@QueryParam("active") boolean active) {
        return gate.perform(Access.toRecords("governance.grant.list", Staff.OVERSIGHT, Map.of("active", active), null),
                (connection, actor) -> connection.preparedQuery("select " + ContractorGrant.COLUMNS + """
                         from contractor_grant
                        where $1 = false or (revoked_at is null and starts_at <= now() and ends_at > now())
                        order by granted_at desc limit 1000""")
                        .execute(Tuple.of(active))
                        .map(rows -> {
                            List<ContractorGrant> grants = new ArrayList<>();
                            rows.forEach(row -> grants.add(ContractorGrant.from(row)));
                            return Granted.of(grants, grants.size());
                        }));
    }

    @POST
    @Path("/{id}/revocation")
    @Operation(summary = "Revoke a grant at once (custodian)")
    @APIResponse(responseCode = "200", description = "The revoked grant")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    @APIResponse(responseCode = "404", description = "No such grant")
    @APIResponse(responseCode = "409", description = "Already revoked")
    public Uni<ContractorGrant> revoke(@PathParam("id") UUID id) {
        return gate.perform(Access.toRecords("governance.grant.revoke", Staff.CUSTODIAN, Map.of(), id.toString()),
                (connection, actor) -> connection.preparedQuery("""
                        update contractor_grant set revoked_by = $2, revoked_at = now()
                         where id = $1 and revoked_at is null
                        returning\s""" + ContractorGrant.COLUMNS)
                        .execute(Tuple.of(id, actor.username()))
                        .chain(rows -> rows.iterator().hasNext()
                                ? Uni.createFrom().item(Granted.of(ContractorGrant.from(rows.iterator().next()), 1))
                                : connection.preparedQuery("select 1 from contractor_grant where id = $1").execute(Tuple.of(id))
                                        .<Granted<ContractorGrant>> map(found -> {
                                            throw found.iterator().hasNext()
                                                    ? new ProblemException(ProblemType.CONFLICT,
                                                            "grant " + id + " is already revoked")
                                                    : ProblemException.notFound("no contractor grant " + id);
                                        })));
    }
}
