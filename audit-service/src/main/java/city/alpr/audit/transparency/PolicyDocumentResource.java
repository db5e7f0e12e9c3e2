package city.alpr.audit.transparency;

import java.nio.charset.StandardCharsets;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import city.alpr.common.problem.ProblemException;

/** The usage and privacy policy in force, as published (Civil Code 1798.90.51(b)(1)), for anyone to download. */
@Path("/v1/public/policy")
@Tag(name = "Public")
@PermitAll
public class PolicyDocumentResource {

    private final PolicyDocument document;

    PolicyDocumentResource(PolicyDocument document) {
        this.document = document;
    }

    @GET
    @Produces("text/plain")
    @Operation(summary = "The text of the usage and privacy policy in force")
    @APIResponse(responseCode = "200", description = "The policy's text")
    @APIResponse(responseCode = "404", description = "This deployment holds no copy of its policy's text")
    public Response download() {
        String text = document.text()
                .orElseThrow(() -> ProblemException.notFound("this deployment holds no copy of its policy's text"));
        return Response.ok(text.getBytes(StandardCharsets.UTF_8)).type(MediaType.valueOf("text/plain; charset=utf-8"))
                .header("Content-Disposition", "attachment; filename=\"" + document.fileName() + "\"").build();
    }
}
