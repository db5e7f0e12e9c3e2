package city.alpr.ingest.integrations;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.common.problem.Problem;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemType;
import city.alpr.common.problem.Violation;
import city.alpr.ingest.apikeys.ApiKeyMechanism;
import city.alpr.ingest.integrations.formats.VendorFormat;
import city.alpr.ingest.integrations.formats.XmlPayload;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Camera engines post their own webhook payloads here (R27), authenticated by their gateway's API key (never a
 * token, and the key nowhere else): one path per vendor format, each adapted onto the native read's path.
 */
@Path("/v1/integrations/{format}/reads")
@Tag(name = "Vendor integrations", description = "Camera engines post their own payloads with their gateway's API key (R27)")
@SecurityScheme(securitySchemeName = "gateway-api-key", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER, apiKeyName = "X-Api-Key", description = "A gateway's API key; also accepted as Authorization: Token <key>, ApiKey <key>, Bearer <key>, or as the password of Basic")
@SecurityRequirement(name = "gateway-api-key")
@HttpAuthenticationMechanism(ApiKeyMechanism.SCHEME)
@RolesAllowed("camera-gateway")
@Produces(MediaType.APPLICATION_JSON)
public class IntegrationResource {

    private final Map<String, VendorFormat> formats;
    private final IntegrationIngestion ingestion;
    private final SecurityIdentity identity;
    private final ObjectMapper json;
    private final Vertx vertx;

    IntegrationResource(Instance<VendorFormat> formats, IntegrationIngestion ingestion, SecurityIdentity identity,
            ObjectMapper json, Vertx vertx) {
        this.formats = formats.stream().collect(Collectors.toUnmodifiableMap(VendorFormat::name, Function.identity()));
        this.ingestion = ingestion;
        this.identity = identity;
        this.json = json;
        this.vertx = vertx;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post a vendor payload as JSON", description = "Reads are stored all or nothing, once each (a re-sent payload answers DUPLICATE); a heartbeat marks the "
            + "mapped cameras alive; other vendor messages are acknowledged and not stored.")
    @APIResponse(responseCode = "201", description = "At least one read was stored")
    @APIResponse(responseCode = "200", description = "Nothing new was stored: duplicates, a heartbeat, or a message acknowledged")
    @APIResponse(responseCode = "400", description = "Rejected; each violation names the vendor's field", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid API key")
    @APIResponse(responseCode = "403", description = "A camera of another gateway")
    @APIResponse(responseCode = "404", description = "No such format")
    @APIResponse(responseCode = "415", description = "The format posts XML")
    public Uni<RestResponse<IntegrationResult>> postJson(
            @Parameter(in = ParameterIn.PATH, description = "openalpr or plate-recognizer", schema = @Schema(enumeration = {
                    "openalpr", "plate-recognizer" })) @PathParam("format") String format,
            JsonNode payload) {
        return receive(format(format, false), payload, null);
    }

    @POST
    @Consumes({ MediaType.APPLICATION_XML, MediaType.TEXT_XML })
    @Blocking
    @Operation(summary = "Post a vendor payload as XML", description = "For formats that post so (NIEM: a LicensePlateRead document, or a document holding several). A DOCTYPE is refused, and with it every entity.")
    @APIResponse(responseCode = "201", description = "At least one read was stored")
    @APIResponse(responseCode = "200", description = "Nothing new was stored")
    @APIResponse(responseCode = "400", description = "Rejected: not well-formed, a DOCTYPE, or fields, each violation naming the element's path", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid API key")
    @APIResponse(responseCode = "403", description = "A camera of another gateway")
    @APIResponse(responseCode = "404", description = "No such format")
    @APIResponse(responseCode = "415", description = "The format does not post XML")
    public Uni<RestResponse<IntegrationResult>> postXml(
            @Parameter(in = ParameterIn.PATH, description = "niem", schema = @Schema(enumeration = {
                    "niem" })) @PathParam("format") String format,
            byte[] document) {
        return receive(format(format, true), XmlPayload.parse(document), null);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Post a vendor payload with its image as multipart/form-data", description = "For formats that post so: Plate Recognizer (the JSON in the field json, the image in the file upload), Axis (the JSON in the part event, the image in the part image).")
    @APIResponse(responseCode = "201", description = "At least one read was stored")
    @APIResponse(responseCode = "200", description = "Nothing new was stored")
    @APIResponse(responseCode = "400", description = "Rejected; each violation names the vendor's field or part")
    @APIResponse(responseCode = "401", description = "No valid API key")
    @APIResponse(responseCode = "415", description = "The format does not post multipart")
    public Uni<RestResponse<IntegrationResult>> postMultipart(@PathParam("format") String format,
            MultipartFormDataInput form) {
        VendorFormat vendor = format(format);
        VendorFormat.MultipartParts parts = partsOf(vendor, "multipart/form-data");
        FormValue payloadPart = single(form, parts.json(), true);
        FormValue imagePart = single(form, parts.image(), false);
        if (imagePart != null && !imagePart.isFileItem()) {
            throw ProblemException.invalid(List.of(Violation.of(parts.image(), "must be a file part")));
        }
        return bytes(payloadPart).chain(payload -> bytes(imagePart).chain(image -> receive(vendor,
                parse(payload == null ? null : new String(payload, StandardCharsets.UTF_8), parts.json()), image)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Post a vendor payload form-encoded", description = "For formats that post so (Plate Recognizer: the JSON in the field json).")
    @APIResponse(responseCode = "201", description = "At least one read was stored")
    @APIResponse(responseCode = "200", description = "Nothing new was stored")
    @APIResponse(responseCode = "400", description = "Rejected; each violation names the vendor's field")
    @APIResponse(responseCode = "401", description = "No valid API key")
    @APIResponse(responseCode = "415", description = "The format does not post forms")
    public Uni<RestResponse<IntegrationResult>> postForm(@PathParam("format") String format,
            @RestForm("json") String payloadField) {
        VendorFormat vendor = format(format);
        VendorFormat.MultipartParts parts = partsOf(vendor, "forms");
        return receive(vendor, parse(payloadField, parts.json()), null);
    }

    private Uni<RestResponse<IntegrationResult>> receive(VendorFormat format, JsonNode payload, byte[] image) {
        if (payload == null || !(payload.isObject() || payload.isArray() && format.takesArrays())) {
            throw ProblemException.invalid(List.of(Violation.of("body",
                    format.takesArrays() ? "must be a JSON object or an array of them" : "must be a JSON object")));
        }
        return ingestion.receive(format, identity.getPrincipal().getName(), payload, image)
                .map(result -> RestResponse.status(result.reads() != null && result.reads().stored() > 0
                        ? Response.Status.CREATED
                        : Response.Status.OK, result));
    }

    private VendorFormat format(String name) {
        VendorFormat format = formats.get(name);
        if (format == null) {
            throw ProblemException.notFound("no vendor format " + name + "; the formats are "
                    + formats.keySet().stream().sorted().toList());
        }
        return format;
    }

    /** The format, when it posts what the post is: XML for a format that takes XML, JSON for the others. */
    private VendorFormat format(String name, boolean xml) {
        VendorFormat format = format(name);
        if (format.takesXml() != xml) {
            throw unsupported(format, xml ? "XML" : "JSON");
        }
        return format;
    }

    private static VendorFormat.MultipartParts partsOf(VendorFormat vendor, String encoding) {
        return vendor.multipart().orElseThrow(() -> unsupported(vendor, encoding));
    }

    private static ProblemException unsupported(VendorFormat vendor, String encoding) {
        return new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, vendor.name() + " posts "
                + (vendor.takesXml() ? "XML" : "JSON") + " only, not " + encoding);
    }

    private static FormValue single(MultipartFormDataInput form, String part, boolean required) {
        Collection<FormValue> values = form.getValues().getOrDefault(part, List.of());
        if (values.size() > 1) {
            throw ProblemException.invalid(List.of(Violation.of(part, "must be sent once")));
        }
        if (values.isEmpty() && required) {
            throw ProblemException.invalid(List.of(Violation.of(part, "is required")));
        }
        return values.isEmpty() ? null : values.iterator().next();
    }

    private JsonNode parse(String text, String part) {
        if (text == null || text.isBlank()) {
            throw ProblemException.invalid(List.of(Violation.of(part, "must hold the payload's JSON")));
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw ProblemException.invalid(List.of(Violation.of(part, "is not valid JSON"
                    + (e.getLocation() == null ? ""
                            : " at line " + e.getLocation().getLineNr() + ", column "
                                    + e.getLocation().getColumnNr()))));
        }
    }

    /** A part's bytes, a file part's read off the event loop when the upload was written to a file. */
    private Uni<byte[]> bytes(FormValue part) {
        if (part == null) {
            return Uni.createFrom().nullItem();
        }
        if (!part.isFileItem()) {
            return Uni.createFrom().item(part.getValue().getBytes(StandardCharsets.UTF_8));
        }
        if (part.getFileItem().isInMemory()) {
            try (InputStream in = part.getFileItem().getInputStream()) {
                return Uni.createFrom().item(in.readAllBytes());
            } catch (IOException e) {
                throw ProblemException.bodyCutShort();
            }
        }
        return vertx.fileSystem().readFile(part.getFileItem().getFile().toString()).map(buffer -> buffer.getBytes());
    }
}
