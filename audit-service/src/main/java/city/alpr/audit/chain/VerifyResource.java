package city.alpr.audit.chain;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Verification of the access log and its signed checkpoints (R17), for compliance staff and the custodian. */
@Path("/v1/audit")
@Tag(name = "Access-log integrity")
@Authenticated
@SecurityRequirement(name = "keycloak")
public class VerifyResource {

    private final Gate gate;
    private final ChainVerifier verifier;
    private final Checkpoints checkpoints;
    private final VerificationStore verifications;
    private final Pool pool;

    VerifyResource(Gate gate, ChainVerifier verifier, Checkpoints checkpoints, VerificationStore verifications,
            Pool pool) {
        this.gate = gate;
        this.verifier = verifier;
        this.checkpoints = checkpoints;
        this.verifications = verifications;
        this.pool = pool;
    }

    @GET
    @Path("/verify")
    @Operation(summary = "Verify the whole access log", description = "Recomputes every record's hash and link and matches the chain against every signed "
            + "checkpoint: any record edited, removed, inserted or reordered, any checkpoint forged or "
            + "removed, and any record removed from the end is reported. The result is recorded.")
    @APIResponse(responseCode = "200", description = "The verification; intact=false lists what is wrong")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not compliance staff or the custodian")
    public Uni<Verification> verify() {
        return gate.performThenLog(Access.toRecords("audit.log.verify", Staff.OVERSIGHT, Map.of(), null),
                actor -> verifier.verify().call(result -> verifications.record(pool, result, actor.username()))
                        .map(result -> Granted.of(result, (int) Math.min(Integer.MAX_VALUE, result.records()))));
    }

    @GET
    @Path("/checkpoints")
    @Operation(summary = "The newest signed checkpoints, newest first")
    @APIResponse(responseCode = "200", description = "The checkpoints")
    @APIResponse(responseCode = "400", description = "limit out of range")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not compliance staff or the custodian")
    public Uni<List<Checkpoint>> list(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(1000) int limit) {
        return gate.perform(Access.toRecords("audit.checkpoint.list", Staff.OVERSIGHT, Map.of("limit", limit), null),
                (connection, actor) -> checkpoints.newest(connection, limit).map(list -> Granted.of(list, list.size())));
    }

    @POST
    @Path("/checkpoints")
    @Operation(summary = "Sign a checkpoint at the current head now", description = "Verifies the records since the last checkpoint first; a broken chain is never signed.")
    @APIResponse(responseCode = "201", description = "The new checkpoint")
    @APIResponse(responseCode = "204", description = "Nothing was appended since the last checkpoint")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not compliance staff")
    @APIResponse(responseCode = "409", description = "The records since the last checkpoint are not intact")
    public Uni<Response> sign() {
        return gate.performThenLog(Access.toRecords("audit.checkpoint.sign", Staff.AUDITORS, Map.of(), null),
                actor -> checkpoints.extend().map(signed -> signed
                        .map(checkpoint -> new Granted<>(Response.status(Response.Status.CREATED).entity(checkpoint).build(),
                                1, String.valueOf(checkpoint.number())))
                        .orElseGet(() -> Granted.of(Response.noContent().build(), 0))));
    }
}
