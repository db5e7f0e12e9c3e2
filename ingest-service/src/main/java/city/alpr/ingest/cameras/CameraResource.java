package city.alpr.ingest.cameras;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/v1/cameras")
@Tag(name = "Cameras", description = "The camera registry and camera health (R2, R21)")
@SecurityRequirement(name = "keycloak")
@Produces(MediaType.APPLICATION_JSON)
public class CameraResource {

    private final CameraRegistry registry;
    private final JsonWebToken token;

    CameraResource(CameraRegistry registry, JsonWebToken token) {
        this.registry = registry;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Operation(summary = "Register a camera to a gateway", description = "Logged with the registration (R16).")
    @APIResponse(responseCode = "201", description = "Registered")
    @APIResponse(responseCode = "400", description = "A field is invalid (problem+json names it)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    @APIResponse(responseCode = "409", description = "The camera id is already registered")
    public Uni<Response> register(@NotNull @Valid CameraRegistration registration) {
        return registry.register(registration).map(camera -> Response
                .created(URI.create("/v1/cameras/" + camera.id())).entity(camera).build());
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Operation(summary = "Change a camera's site, gateway or status", description = "Logged with what the camera was and what it became. Reads already taken keep the site "
            + "they were sealed with.")
    @APIResponse(responseCode = "200", description = "Updated")
    @APIResponse(responseCode = "400", description = "A field is invalid")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    @APIResponse(responseCode = "404", description = "No such camera")
    public Uni<CameraView> update(@PathParam("id") String id, @NotNull @Valid CameraRegistration registration) {
        return registry.update(id, registration);
    }

    @GET
    @Authenticated
    @Operation(summary = "List registered cameras")
    @APIResponse(responseCode = "200", description = "All cameras")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    public Uni<List<CameraView>> list() {
        return registry.list();
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @Operation(summary = "One camera")
    @APIResponse(responseCode = "200", description = "The camera")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    @APIResponse(responseCode = "404", description = "No such camera")
    public Uni<CameraView> get(@PathParam("id") String id) {
        return registry.find(id);
    }

    @GET
    @Path("/health")
    @Authenticated
    @Operation(summary = "Camera health: last seen, reads in the last hour, silent cameras flagged (R21)")
    @APIResponse(responseCode = "200", description = "Health of every camera")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    public Uni<List<CameraHealth>> health() {
        return registry.health();
    }

    @POST
    @Path("/{id}/heartbeat")
    @RolesAllowed("camera-gateway")
    @Operation(summary = "A gateway reports that one of its cameras is alive")
    @APIResponse(responseCode = "204", description = "Recorded")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a gateway, or not this camera's gateway")
    @APIResponse(responseCode = "404", description = "No such camera")
    public Uni<Void> heartbeat(@PathParam("id") String id) {
        return registry.heartbeat(token.getClaim("azp"), id);
    }
}
