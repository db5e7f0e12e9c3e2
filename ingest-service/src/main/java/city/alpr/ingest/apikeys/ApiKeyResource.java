package city.alpr.ingest.apikeys;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import city.alpr.common.access.Access;
import city.alpr.common.access.Gate;
import city.alpr.common.audit.Granted;
import city.alpr.common.policy.Role;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemType;
import city.alpr.ingest.cameras.CameraRegistration;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * The custodian issues, lists and revokes the API keys of a gateway whose camera engine cannot do OAuth (R27). Every
 * issue and revocation, and every look at the keys, is judged and logged by the gate; the log names the key by its id
 * and first characters, never the key.
 */
@Path("/v1/gateways/{gatewayId}/api-keys")
@Tag(name = "Gateway API keys", description = "Static keys for camera engines that cannot do OAuth, accepted only on /v1/integrations (R27)")
@SecurityRequirement(name = "keycloak")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ApiKeyResource {

    static final Set<Role> CUSTODIAN = Set.of(Role.CITY_MANAGER);

    private final Gate gate;
    private final ApiKeyStore store;

    ApiKeyResource(Gate gate, ApiKeyStore store) {
        this.gate = gate;
        this.store = store;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue an API key to a gateway", description = "The key is in this answer only: it is stored as a hash and cannot be shown again. "
            + "Several keys may be active at once, so an engine can be moved to a new key before the old one is revoked.")
    @APIResponse(responseCode = "201", description = "Issued; the answer holds the key")
    @APIResponse(responseCode = "400", description = "A field is invalid (problem+json names it)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    public Uni<Response> issue(
            @PathParam("gatewayId") @Pattern(regexp = CameraRegistration.GATEWAY_ID, message = CameraRegistration.GATEWAY_ID_MESSAGE) String gatewayId,
            @NotNull @Valid ApiKeyRequest request) {
        ApiKeySecret key = ApiKeySecret.generate();
        Access access = Access.toRecords("gateway.api-key.issue", CUSTODIAN,
                Map.of("gatewayId", gatewayId, "label", request.label(), "validDays", request.validDays()), gatewayId);
        return gate.perform(access, (connection, actor) -> store
                .insert(connection, gatewayId, request.label(), key, request.validDays(), actor.username())
                .map(issued -> new Granted<>(issued, 1, issued.id().toString())
                        .finding("keyStartsWith", issued.keyStartsWith())
                        .finding("expiresAt", issued.expiresAt().toString())))
                .map(issued -> Response.created(URI.create("/v1/gateways/" + gatewayId + "/api-keys/" + issued.id()))
                        .header("Cache-Control", "no-store").entity(new IssuedApiKey(key.text(), issued)).build());
    }

    @GET
    @Operation(summary = "A gateway's API keys, active and not, without the keys")
    @APIResponse(responseCode = "200", description = "Every key issued to the gateway")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    public Uni<List<ApiKeyView>> list(
            @PathParam("gatewayId") @Pattern(regexp = CameraRegistration.GATEWAY_ID, message = CameraRegistration.GATEWAY_ID_MESSAGE) String gatewayId) {
        return gate.perform(Access.toRecords("gateway.api-key.list", CUSTODIAN, Map.of("gatewayId", gatewayId), gatewayId),
                (connection, actor) -> store.ofGateway(connection, gatewayId)
                        .map(keys -> Granted.of(keys, keys.size())));
    }

    @DELETE
    @Path("/{keyId}")
    @Operation(summary = "Revoke an API key", description = "From the next request on, the key is refused. The key's record stays, revoked.")
    @APIResponse(responseCode = "200", description = "Revoked; the key as it now stands")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    @APIResponse(responseCode = "404", description = "No such key of this gateway")
    @APIResponse(responseCode = "409", description = "Revoked already")
    public Uni<ApiKeyView> revoke(
            @PathParam("gatewayId") @Pattern(regexp = CameraRegistration.GATEWAY_ID, message = CameraRegistration.GATEWAY_ID_MESSAGE) String gatewayId,
            @PathParam("keyId") UUID keyId) {
        Access access = Access.toRecords("gateway.api-key.revoke", CUSTODIAN, Map.of("gatewayId", gatewayId),
                keyId.toString());
        return gate.perform(access, (connection, actor) -> store.revoke(connection, gatewayId, keyId, actor.username())
                .chain(revoked -> store.find(connection, gatewayId, keyId).map(key -> {
                    if (key.isEmpty()) {
                        throw ProblemException.notFound("gateway " + gatewayId + " has no API key " + keyId);
                    }
                    if (!revoked) {
                        throw new ProblemException(ProblemType.CONFLICT,
                                "API key " + keyId + " was revoked at " + key.get().revokedAt());
                    }
                    return Granted.of(key.get(), 1).finding("keyStartsWith", key.get().keyStartsWith());
                })));
    }
}
