package city.alpr.ingest.reads;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import city.alpr.common.problem.Problem;
import io.smallrye.mutiny.Uni;

@Path("/v1/reads")
@Tag(name = "Reads", description = "Camera gateways submit plate reads (R1-R5)")
@SecurityRequirement(name = "keycloak")
public class ReadResource {

    public static final int MAX_BATCH = 500;

    private final ReadIngestion ingestion;
    private final JsonWebToken token;

    ReadResource(ReadIngestion ingestion, JsonWebToken token) {
        this.ingestion = ingestion;
        this.token = token;
    }

    @POST
    @RolesAllowed("camera-gateway")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit one read (a JSON object) or a batch of up to 500 (a JSON array)", description = "All or nothing: if any item is rejected, nothing from the request is stored. Resubmitting "
            + "a gatewayReadId already stored answers DUPLICATE with the id it was stored under.")
    @RequestBody(content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ReadSubmission.class, maxItems = MAX_BATCH)))
    @APIResponse(responseCode = "201", description = "At least one read was stored")
    @APIResponse(responseCode = "200", description = "Every read had been stored before; nothing new was stored")
    @APIResponse(responseCode = "400", description = "Rejected; each violation names the item index and field", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a camera gateway, or a camera of another gateway")
    public Uni<RestResponse<IngestResult>> submit(
            @NotEmpty(message = "must hold at least one read") @Size(max = MAX_BATCH, message = "must hold at most " + MAX_BATCH
                    + " reads") List<@NotNull @Valid ReadSubmission> reads) {
        // the result type stays in the signature, so it is registered for the native image and documented
        return ingestion.ingest(token.getClaim("azp"), reads).map(result -> RestResponse.status(
                result.stored() > 0 ? Response.Status.CREATED : Response.Status.OK, result));
    }
}
