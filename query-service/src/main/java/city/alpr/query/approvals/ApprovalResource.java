package city.alpr.query.approvals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

import city.alpr.common.access.Access;
import city.alpr.common.access.Gate;
import city.alpr.common.audit.Granted;
import city.alpr.common.policy.PolicyConfig.PolicyProfile;
import city.alpr.common.policy.PolicyConfig.Purpose;
import city.alpr.common.policy.Role;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemType;
import city.alpr.common.problem.Violation;
import city.alpr.query.QueryConfig;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Supervisors' approvals (R31). Where the policy says a purpose needs one, an officer searches or views read data
 * under it only for a case a supervisor approved for that officer and purpose, until the approval expires or is
 * revoked. A supervisor is a sworn officer who also holds the policy's supervisor role, and never approves their own
 * access. Every approval and revocation is logged under its case.
 */
@Path("/v1/approvals")
@Tag(name = "Supervisor approvals")
@Authenticated
@SecurityRequirement(name = "keycloak")
public class ApprovalResource {

    static final Set<Role> SUPERVISORS = Set.of(Role.SHERIFF_OFFICER);
    static final Set<Role> READERS = Set.of(Role.SHERIFF_OFFICER, Role.CITY_MANAGER);

    private final Gate gate;
    private final ApprovalStore store;
    private final PolicyProfile policy;
    private final SecurityIdentity identity;

    ApprovalResource(Gate gate, ApprovalStore store, QueryConfig config, SecurityIdentity identity) {
        this.gate = gate;
        this.store = store;
        this.policy = config.policy();
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Approve another officer's access for one case and purpose (supervisor)")
    @APIResponse(responseCode = "201", description = "The approval, in force until it expires or is revoked")
    @APIResponse(responseCode = "400", description = "Invalid approval, or a purpose the policy does not make need one")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a supervisor, or approving oneself")
    public Uni<Response> approve(@Valid @NotNull NewApproval approval) {
        UUID id = UUID.randomUUID();
        String officer = approval.officer().strip().toLowerCase(Locale.ROOT);
        int hours = approval.validHours() == null ? policy.supervisorApprovalMaxHours() : approval.validHours();
        boolean supervisor = identity.hasRole(policy.supervisorRole());
        Access access = Access.toCaseRecords("approval.grant", SUPERVISORS, null, approval.caseNumber(),
                Map.of("officer", officer, "purpose", approval.purpose(), "justification", approval.justification(),
                        "validHours", hours),
                id.toString());
        return gate.perform(access,
                (client, actor) -> Uni.createFrom()
                        .item(refusal(policy, approval.purpose(), hours, supervisor, officer.equals(actor.username()))),
                (connection, actor) -> store.approve(connection, id, approval, officer, hours, actor.username(),
                        actor.agency()).map(approved -> Granted.of(approved, 1)))
                .map(approved -> Response.status(Response.Status.CREATED).entity(approved).build());
    }

    @GET
    @Operation(summary = "Approvals, newest first; current=true lists those neither expired nor revoked", description = "The custodian sees every approval; an officer those naming them or given by them.")
    @APIResponse(responseCode = "200", description = "The approvals")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role does not permit this")
    public Uni<List<SupervisorApproval>> list(@QueryParam("current") boolean current) {
        return gate.perform(Access.toRecords("approval.list", READERS, Map.of("current", current), null),
                (connection, actor) -> store
                        .list(connection, current, actor.actsAs(Role.SHERIFF_OFFICER) ? actor.username() : null)
                        .map(approvals -> Granted.of(approvals, approvals.size())));
    }

    @POST
    @Path("/{id}/revocation")
    @Operation(summary = "Revoke an approval (the supervisor who gave it, or the custodian)", description = "Revokes with it every other unrevoked approval of the same officer, case and purpose.")
    @APIResponse(responseCode = "200", description = "The revoked approval, then any other it revoked")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Neither the supervisor who gave it nor the custodian")
    @APIResponse(responseCode = "404", description = "No such approval")
    @APIResponse(responseCode = "409", description = "Already revoked")
    public Uni<List<SupervisorApproval>> revoke(@PathParam("id") UUID id) {
        Access access = Access.toRecords("approval.revoke", READERS, Map.of(), id.toString());
        return gate.perform(access, (connection, actor) -> store.lock(connection, id).chain(found -> {
            SupervisorApproval approval = found.orElseThrow(() -> ProblemException.notFound("no approval " + id));
            if (approval.revokedAt() != null) {
                throw new ProblemException(ProblemType.CONFLICT, "approval " + id + " has already been revoked");
            }
            if (actor.actsAs(Role.SHERIFF_OFFICER) && !approval.approvedBy().equals(actor.username())) {
                throw new ProblemException(ProblemType.FORBIDDEN,
                        "only the supervisor who gave an approval, or the custodian, revokes it");
            }
            return store.revoke(connection, approval, actor.username())
                    .map(revoked -> Granted.of(revoked, revoked.size()).inCase(approval.caseNumber()));
        }));
    }

    /** Why this approval may not be given, if it may not. */
    static Optional<ProblemException> refusal(PolicyProfile policy, String purpose, int hours, boolean supervisor,
            boolean ofThemselves) {
        if (!supervisor) {
            return Optional.of(new ProblemException(ProblemType.FORBIDDEN,
                    "only a supervisor (realm role " + policy.supervisorRole() + ") approves an officer's access"));
        }
        if (ofThemselves) {
            return Optional.of(new ProblemException(ProblemType.FORBIDDEN,
                    "a supervisor does not approve their own access: another supervisor does"));
        }
        List<Violation> violations = new ArrayList<>();
        Purpose declared = policy.purposes().get(purpose);
        if (declared == null || !declared.requiresSupervisorApproval()) {
            violations.add(Violation.of("purpose", "needs no supervisor's approval under " + policy.title()
                    + "; purposes that do: " + approvedPurposes(policy)));
        }
        if (hours > policy.supervisorApprovalMaxHours()) {
            violations.add(Violation.of("validHours", "is at most " + policy.supervisorApprovalMaxHours()
                    + " under " + policy.title()));
        }
        return violations.isEmpty() ? Optional.empty() : Optional.of(ProblemException.invalid(violations));
    }

    private static List<String> approvedPurposes(PolicyProfile policy) {
        return policy.purposes().entrySet().stream().filter(purpose -> purpose.getValue().requiresSupervisorApproval())
                .map(Map.Entry::getKey).sorted().toList();
    }
}
