package city.alpr.ingest.integrations;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import city.alpr.common.access.Access;
import city.alpr.common.access.Gate;
import city.alpr.common.audit.Granted;
import city.alpr.common.policy.Role;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.Violation;
import city.alpr.ingest.cameras.CameraOwnership;
import city.alpr.ingest.cameras.CameraRegistration;
import city.alpr.ingest.cameras.CameraStore;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * The custodian maps each vendor camera id a gateway's engine sends to one of the gateway's registered cameras (R27);
 * a vendor post naming an unmapped camera is refused. Every change and look is judged and logged by the gate, a change
 * with what the mapping was before.
 */
@Path("/v1/gateways/{gatewayId}/camera-mappings")
@Tag(name = "Vendor camera mappings", description = "Which registered camera a vendor's camera id stands for (R27)")
@SecurityRequirement(name = "keycloak")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class CameraMappingResource {

    static final Set<Role> CUSTODIAN = Set.of(Role.CITY_MANAGER);
    private static final String VENDOR_CAMERA_ID = "[A-Za-z0-9 ._:@-]{1,128}";
    private static final String VENDOR_CAMERA_MESSAGE = "must be 1-128 letters, digits, spaces or . _ : @ -";

    private final Gate gate;
    private final CameraMappingStore store;
    private final CameraStore cameras;

    CameraMappingResource(Gate gate, CameraMappingStore store, CameraStore cameras) {
        this.gate = gate;
        this.store = store;
        this.cameras = cameras;
    }

    @PUT
    @Path("/{vendorCameraId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Map a vendor camera id to one of the gateway's registered cameras", description = "Creates or replaces the mapping; reads already stored keep the camera they were stored with.")
    @APIResponse(responseCode = "200", description = "The mapping as it now stands")
    @APIResponse(responseCode = "400", description = "A field is invalid, or the camera is not an active camera of this gateway")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    public Uni<CameraMapping> put(
            @PathParam("gatewayId") @Pattern(regexp = CameraRegistration.GATEWAY_ID, message = CameraRegistration.GATEWAY_ID_MESSAGE) String gatewayId,
            @PathParam("vendorCameraId") @Pattern(regexp = VENDOR_CAMERA_ID, message = VENDOR_CAMERA_MESSAGE) String vendorCameraId,
            @NotNull @Valid CameraMapping.Request request) {
        String timeZone = request.timeZone() == null ? "UTC" : request.timeZone();
        Map<String, Object> asked = new LinkedHashMap<>();
        asked.put("gatewayId", gatewayId);
        asked.put("vendorCameraId", vendorCameraId);
        asked.put("cameraId", request.cameraId());
        asked.put("timeZone", timeZone);
        Access access = Access.toRecords("gateway.camera-mapping.set", CUSTODIAN, asked, request.cameraId());
        return gate.perform(access, (connection, actor) -> cameras.owners(connection, List.of(request.cameraId()))
                .invoke(owners -> refuseUnlessMappable(gatewayId, request.cameraId(), timeZone,
                        owners.get(request.cameraId())))
                .chain(() -> store.find(connection, gatewayId, vendorCameraId))
                .chain(before -> store.put(connection, gatewayId, vendorCameraId, request.cameraId(), timeZone,
                        actor.username())
                        .map(after -> Granted.of(after, 1).finding("before", before.<Object> map(
                                mapping -> Map.of("cameraId", mapping.cameraId(), "timeZone", mapping.timeZone()))
                                .orElse("unmapped")))));
    }

    @GET
    @Operation(summary = "The gateway's vendor camera mappings")
    @APIResponse(responseCode = "200", description = "Every mapping of the gateway")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    public Uni<List<CameraMapping>> list(
            @PathParam("gatewayId") @Pattern(regexp = CameraRegistration.GATEWAY_ID, message = CameraRegistration.GATEWAY_ID_MESSAGE) String gatewayId) {
        return gate.perform(Access.toRecords("gateway.camera-mapping.list", CUSTODIAN, Map.of("gatewayId", gatewayId),
                gatewayId),
                (connection, actor) -> store.ofGateway(connection, gatewayId)
                        .map(mappings -> Granted.of(mappings, mappings.size())));
    }

    @DELETE
    @Path("/{vendorCameraId}")
    @Operation(summary = "Remove a mapping", description = "From the next post on, the vendor camera id is refused as unmapped.")
    @APIResponse(responseCode = "200", description = "The mapping removed")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    @APIResponse(responseCode = "404", description = "No such mapping")
    public Uni<CameraMapping> remove(
            @PathParam("gatewayId") @Pattern(regexp = CameraRegistration.GATEWAY_ID, message = CameraRegistration.GATEWAY_ID_MESSAGE) String gatewayId,
            @PathParam("vendorCameraId") @Pattern(regexp = VENDOR_CAMERA_ID, message = VENDOR_CAMERA_MESSAGE) String vendorCameraId) {
        Access access = Access.toRecords("gateway.camera-mapping.remove", CUSTODIAN,
                Map.of("gatewayId", gatewayId, "vendorCameraId", vendorCameraId), null);
        return gate.perform(access, (connection, actor) -> store.remove(connection, gatewayId, vendorCameraId)
                .map(removed -> {
                    CameraMapping mapping = removed.orElseThrow(() -> ProblemException.notFound("gateway " + gatewayId
                            + " has no mapping of vendor camera " + vendorCameraId));
                    return new Granted<>(mapping, 1, mapping.cameraId()).finding("timeZone", mapping.timeZone());
                }));
    }

    private static void refuseUnlessMappable(String gatewayId, String cameraId, String timeZone, CameraOwnership owner) {
        List<Violation> violations = new ArrayList<>();
        if (owner == null) {
            violations.add(Violation.of("cameraId", "is not a registered camera"));
        } else if (!owner.gatewayId().equals(gatewayId)) {
            violations.add(Violation.of("cameraId", "is registered to another gateway, not " + gatewayId));
        } else if (!owner.active()) {
            violations.add(Violation.of("cameraId", "is decommissioned"));
        }
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            violations.add(Violation.of("timeZone", "is not an IANA time zone such as America/Los_Angeles"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
    }
}
