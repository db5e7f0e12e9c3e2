package city.alpr.ingest.cameras;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

import city.alpr.common.access.Access;
import city.alpr.common.access.Gate;
import city.alpr.common.audit.Granted;
import city.alpr.common.policy.Role;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemType;
import city.alpr.common.problem.Violation;
import city.alpr.ingest.IngestConfig;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The camera registry the custodian keeps, and its health; gateways report heartbeats. Every registration, change and look
 * at it is judged and logged by the gate (R16): a camera edit names what the camera was and what it became, and a
 * read seals the site its camera had then, so an edit moves none of the past reads.
 */
@Path("/v1/cameras")
@Tag(name = "Cameras", description = "The camera registry and camera health (R2, R21)")
@SecurityRequirement(name = "keycloak")
@Produces(MediaType.APPLICATION_JSON)
public class CameraResource {

    static final Set<Role> CUSTODIAN = Set.of(Role.CITY_MANAGER);

    private final Gate gate;
    private final CameraStore store;
    private final Pool pool;
    private final IngestConfig config;
    private final JsonWebToken token;

    CameraResource(Gate gate, CameraStore store, Pool pool, IngestConfig config, JsonWebToken token) {
        this.gate = gate;
        this.store = store;
        this.pool = pool;
        this.config = config;
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
        Access access = Access.toRecords("camera.register", CUSTODIAN, Map.of("registration", registration.logged()),
                registration.id());
        return gate.perform(access, (connection, actor) -> store.insert(connection, registration, actor.username())
                .chain(inserted -> {
                    if (!inserted) {
                        throw new ProblemException(ProblemType.CONFLICT, "camera " + registration.id()
                                + " is already registered; update it instead",
                                List.of(Violation.of("id", "is already registered")));
                    }
                    return store.find(connection, registration.id());
                })
                .map(camera -> Granted.of(camera.orElseThrow(), 1)))
                .map(camera -> Response.created(URI.create("/v1/cameras/" + camera.id())).entity(camera).build());
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
        if (!id.equals(registration.id())) {
            throw ProblemException.invalid(List.of(Violation.of("id", "must match the camera in the path (" + id + ")")));
        }
        Access access = Access.toRecords("camera.update", CUSTODIAN, Map.of("registration", registration.logged()), id);
        return gate.perform(access, (connection, actor) -> store.find(connection, id).chain(before -> {
            if (before.isEmpty()) {
                throw ProblemException.notFound("no camera " + id + " is registered");
            }
            return store.update(connection, registration, actor.username())
                    .chain(() -> store.find(connection, id))
                    .map(after -> Granted.of(after.orElseThrow(), 1)
                            .finding("before", before.get().registration()).finding("version", after.get().version()));
        }));
    }

    @GET
    @Authenticated
    @Operation(summary = "List registered cameras")
    @APIResponse(responseCode = "200", description = "All cameras")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    public Uni<List<CameraView>> list() {
        return gate.perform(Access.toRecords("camera.list", CUSTODIAN, Map.of(), null),
                (connection, actor) -> store.all(connection).map(cameras -> Granted.of(cameras, cameras.size())));
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
        return gate.perform(Access.toRecords("camera.view", CUSTODIAN, Map.of(), id),
                (connection, actor) -> store.find(connection, id).map(camera -> Granted.of(camera.orElseThrow(
                        () -> ProblemException.notFound("no camera " + id + " is registered")), 1)));
    }

    @GET
    @Path("/health")
    @Authenticated
    @Operation(summary = "Camera health: last seen, reads in the last hour, silent cameras flagged (R21)")
    @APIResponse(responseCode = "200", description = "Health of every camera")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    public Uni<List<CameraHealth>> health() {
        OffsetDateTime silentBefore = OffsetDateTime.now(ZoneOffset.UTC).minus(config.ingest().silentAfter());
        return gate.perform(Access.toRecords("camera.health", CUSTODIAN, Map.of(), null),
                (connection, actor) -> store.health(connection, silentBefore)
                        .map(health -> Granted.of(health, health.size())));
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
        return store.heartbeat(pool, token.<String> getClaim("azp"), id).chain(beat -> beat ? Uni.createFrom().voidItem()
                : store.find(pool, id).map(camera -> {
                    throw camera.isEmpty() ? ProblemException.notFound("no camera " + id + " is registered")
                            : ProblemException.forbidden("camera " + id + " is not registered to this gateway",
                                    List.of());
                }));
    }
}
