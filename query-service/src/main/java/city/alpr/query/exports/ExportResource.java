package city.alpr.query.exports;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import city.alpr.common.access.Access;
import city.alpr.common.access.Gate;
import city.alpr.common.audit.Actor;
import city.alpr.common.audit.Granted;
import city.alpr.common.policy.Role;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemType;
import city.alpr.query.QueryConfig;
import city.alpr.query.exports.EvidencePackage.Inspection;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Evidence exports (R12, R13). Only sworn officers export, and only reads a hotlist alert they receive flagged or,
 * for a criminal investigation, with its case number; anything else is refused and logged. A package is signed,
 * downloadable for a limited window, and its chain of custody (created, downloaded, transferred, verified) is kept for
 * good; only its creator and the custodian see the record, and only its current holder records a hand-over.
 */
@Path("/v1/exports")
@Tag(name = "Evidence exports")
@Authenticated
@SecurityRequirement(name = "keycloak")
public class ExportResource {

    static final Set<Role> EXPORTERS = Set.of(Role.SHERIFF_OFFICER);
    static final Set<Role> CUSTODY_READERS = Set.of(Role.SHERIFF_OFFICER, Role.CITY_MANAGER);
    static final Set<Role> VERIFIERS = Set.of(Role.SHERIFF_OFFICER, Role.CITY_MANAGER, Role.COMPLIANCE_AUDITOR);

    private final Gate gate;
    private final EvidenceExports exports;
    private final ManifestSigner signer;
    private final PackageVerifier verifier;
    private final QueryConfig config;

    ExportResource(Gate gate, EvidenceExports exports, ManifestSigner signer, PackageVerifier verifier,
            QueryConfig config) {
        this.gate = gate;
        this.exports = exports;
        this.signer = signer;
        this.verifier = verifier;
        this.config = config;
    }

    @POST
    @Operation(summary = "Export reads as a signed evidence package", description = "Sworn officers only; every read must be flagged by a hotlist alert the officer receives "
            + "unless the purpose is the policy's criminal investigation with a case number (R12); under a "
            + "purpose that answers an alert, alertId names it and the export holds only its read (R29). "
            + "Logged with the read ids.")
    @APIResponse(responseCode = "201", description = "The export record; download the package next")
    @APIResponse(responseCode = "400", description = "Invalid request, unknown reads, or purpose/case number missing")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a sworn officer, or reads neither flagged nor under investigation")
    public Uni<Response> create(@Valid @NotNull ExportRequest request) {
        List<UUID> readIds = request.readIds();
        exports.requireBounded(readIds, "export");
        UUID exportId = UUID.randomUUID();
        Access access = Access.toReadData("read.export", EXPORTERS, request.purpose(), request.caseNumber(),
                request.alertId(), readIds, Map.of("readIds", readIds.stream().map(UUID::toString).toList()),
                exportId.toString());
        return gate.<ExportView> perform(access, (client, actor) -> exportRule(client, request, actor),
                (connection, actor) -> exports.create(connection, exportId, actor, request.purpose(),
                        request.caseNumber(), null, readIds, actor.username())
                        .map(view -> Granted.of(view, readIds.size())))
                .map(view -> Response.status(Response.Status.CREATED).entity(view).build());
    }

    private Uni<Optional<ProblemException>> exportRule(SqlClient client, ExportRequest request, Actor actor) {
        return exports.flagged(client, request.readIds(), actor)
                .map(flagged -> ExportRules.refusal(request, flagged, config.policy()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An export's record: manifest, signature and chain of custody", description = "Only the officer who created the export, and the custodian.")
    @APIResponse(responseCode = "200", description = "The export")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Neither the export's creator nor the custodian")
    @APIResponse(responseCode = "404", description = "No such export")
    public Uni<ExportView> get(@PathParam("id") UUID id) {
        return gate.perform(Access.toRecords("export.view", CUSTODY_READERS,
                Map.of("exportId", id.toString()), id.toString()),
                (connection, actor) -> exports.creator(connection, id).chain(creator -> {
                    if (creator.isEmpty()) {
                        throw ProblemException.notFound("no export " + id);
                    }
                    if (!creator.get().equals(actor.username()) && !actor.actsAs(Role.CITY_MANAGER)) {
                        throw new ProblemException(ProblemType.FORBIDDEN, "only the officer who created export " + id
                                + " and the custodian see its record");
                    }
                    return exports.view(connection, id).map(view -> Granted.of(view, 1));
                }));
    }

    @GET
    @Path("/{id}/package")
    @Produces("application/zip")
    @Operation(summary = "Download the evidence package", description = "Only the officer who created the export (R12); recorded in the chain of custody. The "
            + "package opens only while every capture day of its reads is held.")
    @APIResponse(responseCode = "200", description = "The ZIP package")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the officer who created the export")
    @APIResponse(responseCode = "404", description = "No such export, its download window has closed, or its reads were purged")
    public Uni<Response> download(@PathParam("id") UUID id) {
        return gate.<Response> perform(Access.toRecords("export.download", EXPORTERS,
                Map.of("exportId", id.toString()), id.toString()),
                (connection, actor) -> exports.creator(connection, id).chain(creator -> {
                    if (creator.isEmpty()) {
                        return Uni.createFrom().item(Granted.<Response> of(null, 0));
                    }
                    if (!creator.get().equals(actor.username())) {
                        throw new ProblemException(ProblemType.FORBIDDEN, "only the officer who created export " + id
                                + " downloads it; a hand-over is recorded with POST /v1/exports/" + id + "/transfers");
                    }
                    return exports.openPackage(connection, id).chain(zip -> zip == null
                            ? Uni.createFrom().item(Granted.<Response> of(null, 0))
                            : exports.custody(connection, id, "downloaded", actor, null)
                                    .map(added -> Granted.of(packageResponse(id, zip), 1)));
                }))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no downloadable package for export " + id
                        + "; the download window may have closed, or a capture day of its reads was purged"));
    }

    @POST
    @Path("/{id}/transfers")
    @Operation(summary = "Record the hand-over of a downloaded package (chain of custody)", description = "Only its current holder: the officer who created it, then whoever a hand-over named. "
            + "Naming recipientUsername hands it to a person of this system, who then holds it.")
    @APIResponse(responseCode = "201", description = "The custody event")
    @APIResponse(responseCode = "400", description = "Invalid transfer")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the package's current holder")
    @APIResponse(responseCode = "404", description = "No such export")
    public Uni<Response> transfer(@PathParam("id") UUID id, @Valid @NotNull TransferRequest request) {
        Map<String, Object> elements = new LinkedHashMap<>();
        elements.put("exportId", id.toString());
        elements.put("recipient", request.recipient());
        if (request.recipientUsername() != null) {
            elements.put("recipientUsername", request.recipientUsername());
        }
        return gate.perform(Access.toRecords("export.transfer", EXPORTERS, elements, id.toString()),
                (connection, actor) -> exports.custodyForHandOver(connection, id).chain(custody -> {
                    String holder = custody.orElseThrow(() -> ProblemException.notFound("no export " + id)).holder();
                    if (holder == null) {
                        throw new ProblemException(ProblemType.FORBIDDEN, "export " + id
                                + " has left this system's custody; no one here records a further hand-over");
                    }
                    if (!holder.equals(actor.username())) {
                        throw new ProblemException(ProblemType.FORBIDDEN, "only the current holder of export " + id
                                + " (" + holder + ") records its hand-over");
                    }
                    return exports.transfer(connection, id, actor, "to " + request.recipient()
                            + (request.note() == null ? "" : "; " + request.note()), request.recipientUsername())
                            .map(event -> Granted.of(event, 1));
                }))
                .map(event -> Response.status(Response.Status.CREATED).entity(event).build());
    }

    @POST
    @Path("/verify")
    @Consumes("application/zip")
    @Blocking
    @Operation(summary = "Verify a package: signature, every file's SHA-256, and that this service issued it", description = "The ZIP must read the same to every tool: its entries and its central directory agree, with "
            + "no other bytes. At most alpr.exports.verify-uploads uploads arrive, and alpr.exports.verify-concurrency "
            + "verifications run, at once.")
    @APIResponse(responseCode = "200", description = "The verdict, with every problem found")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role does not permit this")
    @APIResponse(responseCode = "429", description = "As many verifications run as may; try again shortly")
    public Uni<Verification> verify(InputStream zip) {
        Access asked = Access.toRecords("export.verify", VERIFIERS, Map.of(), null);
        gate.requireRole(asked).await().indefinitely();
        Optional<PackageVerifier.Checked> checked = verifier.verify(zip);
        if (checked.isEmpty()) {
            return gate.perform(asked, (connection, actor) -> Uni.createFrom().failure(new ProblemException(
                    ProblemType.TOO_MANY_REQUESTS, "as many package verifications arrive or run as may; try again shortly")));
        }
        return gate.perform(Access.toRecords("export.verify", VERIFIERS,
                Map.of("packageSha256", checked.get().packageSha256()), null),
                (connection, actor) -> recognise(connection, checked.get().inspection(), actor));
    }

    @GET
    @Path("/signing-key")
    @PermitAll
    @Produces("application/x-pem-file")
    @Operation(summary = "The public key that verifies every evidence manifest", description = "Public, so anyone holding a package can check it.")
    @APIResponse(responseCode = "200", description = "Ed25519 public key, PEM")
    public String signingKey() {
        return signer.publicKeyPem();
    }

    private Uni<Granted<Verification>> recognise(SqlConnection connection, Inspection inspection, Actor actor) {
        if (inspection.exportId() == null) {
            return Uni.createFrom().item(Granted.of(new Verification(false, null, inspection.manifestSha256(),
                    inspection.problems()), 0));
        }
        return exports.recordedManifestSha256(connection, inspection.exportId()).chain(recorded -> {
            List<String> problems = new ArrayList<>(inspection.problems());
            if (recorded.isEmpty()) {
                problems.add("no export " + inspection.exportId() + " was issued here");
            } else if (!recorded.get().equals(inspection.manifestSha256())) {
                problems.add("the manifest differs from the one recorded for export " + inspection.exportId());
            }
            Verification verdict = new Verification(problems.isEmpty(), inspection.exportId(),
                    inspection.manifestSha256(), problems);
            if (!verdict.valid()) {
                return Uni.createFrom().item(new Granted<>(verdict, 0, inspection.exportId().toString()));
            }
            return exports.custody(connection, inspection.exportId(), "verified", actor, "package intact")
                    .map(event -> new Granted<>(verdict, 1, inspection.exportId().toString()));
        });
    }

    /** The package as a download; shares hand theirs out the same way. */
    public static Response packageResponse(UUID exportId, byte[] zip) {
        return Response.ok(zip, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"evidence-" + exportId + ".zip\"")
                .header("Cache-Control", "no-store").build();
    }
}
