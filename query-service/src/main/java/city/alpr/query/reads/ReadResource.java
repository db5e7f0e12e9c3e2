package city.alpr.query.reads;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
import city.alpr.query.reads.ReadView.CorrectionView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/v1/reads/{id}")
@Tag(name = "Reads")
@Authenticated
@SecurityRequirement(name = "keycloak")
public class ReadResource {

    static final Set<Role> VIEWERS = Set.of(Role.CITY_MANAGER, Role.SHERIFF_OFFICER, Role.CONTRACTOR);
    static final Set<Role> CORRECTORS = Set.of(Role.CITY_MANAGER, Role.SHERIFF_OFFICER);

    private final Gate gate;
    private final ReadStore store;

    ReadResource(Gate gate, ReadStore store) {
        this.gate = gate;
        this.store = store;
    }

    @GET
    @Operation(summary = "View one read for a stated purpose", description = "Logged with purpose and case number (R9, "
            + "R16); under a purpose that answers a hotlist alert, alertId names it and the read must be its read.")
    @APIResponse(responseCode = "200", description = "The read")
    @APIResponse(responseCode = "400", description = "Purpose or case number missing or not allowed")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role, training, grant or policy does not permit this view")
    @APIResponse(responseCode = "404", description = "No such read, or it has been purged")
    public Uni<ReadView> view(@PathParam("id") UUID id, @QueryParam("purpose") String purpose,
            @QueryParam("caseNumber") String caseNumber, @QueryParam("alertId") UUID alertId) {
        Access access = Access.toReadData("read.view", VIEWERS, purpose, caseNumber, alertId, List.of(id),
                Map.of("readId", id.toString()), id.toString());
        return gate.<ReadView> perform(access, (connection, actor) -> store.view(connection, id, actor)
                .map(view -> Granted.of(view.orElse(null), view.isPresent() ? 1 : 0)))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no read " + id + "; it may have been purged"));
    }

    @GET
    @Path("/images/{kind}")
    @Produces({ "image/jpeg", "image/png", "image/webp" })
    @Operation(summary = "View an image of a read for a stated purpose", description = "kind is plate or overview. Logged (R9, R16).")
    @APIResponse(responseCode = "200", description = "The image bytes")
    @APIResponse(responseCode = "400", description = "Purpose or case number missing or not allowed")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role, training, grant or policy does not permit this view")
    @APIResponse(responseCode = "404", description = "No such read or image")
    public Uni<Response> image(@PathParam("id") UUID id,
            @PathParam("kind") @Pattern(regexp = "plate|overview", message = "must be plate or overview") String kind,
            @QueryParam("purpose") String purpose, @QueryParam("caseNumber") String caseNumber,
            @QueryParam("alertId") UUID alertId) {
        Access access = Access.toReadData("read.image.view", VIEWERS, purpose, caseNumber, alertId, List.of(id),
                Map.of("readId", id.toString(), "image", kind), id + "/" + kind);
        return gate.<Response> perform(access, (connection, actor) -> store.image(connection, id, kind)
                .map(image -> image.isEmpty() ? Granted.<Response> of(null, 0)
                        : Granted.of(Response.ok(image.get().bytes(), image.get().mediaType())
                                .header("Cache-Control", "no-store").build(), 1)))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no " + kind + " image for read " + id));
    }

    @POST
    @Path("/corrections")
    @Operation(summary = "Correct a misread plate", description = "The original read is kept; the correction is sealed, "
            + "searchable and logged by its id (R22); the log does not pair the corrected plate with the read.")
    @APIResponse(responseCode = "201", description = "The correction")
    @APIResponse(responseCode = "400", description = "Invalid correction, or purpose/case number missing")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role, training or policy does not permit corrections")
    @APIResponse(responseCode = "404", description = "No such read")
    public Uni<Response> correct(@PathParam("id") UUID id, @Valid @NotNull CorrectionRequest request) {
        Access access = Access.toReadData("read.correct", CORRECTORS, request.purpose(), request.caseNumber(),
                request.alertId(), List.of(id), Map.of("readId", id.toString()), id.toString());
        return gate.<CorrectionView> perform(access, (connection, actor) -> store
                .correct(connection, id, request, actor.username())
                .map(stored -> stored.isEmpty() ? Granted.<CorrectionView> of(null, 0)
                        : new Granted<>(stored.get(), 1, id + "/correction/" + stored.get().id())
                                .finding("correctionId", stored.get().id().toString())))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no read " + id + "; it may have been purged"))
                .map(view -> Response.status(Response.Status.CREATED).entity(view).type(MediaType.APPLICATION_JSON).build());
    }
}
