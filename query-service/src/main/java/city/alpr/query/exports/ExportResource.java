package city.alpr.query.exports;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.common.audit.Actor;
import city.alpr.common.crypto.DataKey;
import city.alpr.common.crypto.MasterKey;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.Violation;
import city.alpr.query.QueryConfig;
import city.alpr.query.access.Access;
import city.alpr.query.access.Gatekeeper;
import city.alpr.query.access.Granted;
import city.alpr.query.access.Role;
import city.alpr.query.exports.EvidencePackage.Built;
import city.alpr.query.exports.EvidencePackage.ExportedRead;
import city.alpr.query.exports.EvidencePackage.Image;
import city.alpr.query.exports.EvidencePackage.Inspection;
import city.alpr.query.reads.ReadVault;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Evidence exports (R12, R13). Only sworn officers export, and only reads a hotlist flagged or, for a criminal
 * investigation, with its case number; anything else is refused and logged. A package is signed, downloadable
 * for a limited window, and its chain of custody (created, downloaded, transferred, verified) is kept for good.
 */
@Path("/v1/exports")
@Tag(name = "Evidence exports")
@Authenticated
@SecurityRequirement(name = "keycloak")
public class ExportResource {

    static final Set<Role> EXPORTERS = Set.of(Role.SHERIFF_OFFICER);
    static final Set<Role> CUSTODY_READERS = Set.of(Role.SHERIFF_OFFICER, Role.CITY_MANAGER);
    static final Set<Role> VERIFIERS = Set.of(Role.SHERIFF_OFFICER, Role.CITY_MANAGER, Role.COMPLIANCE_AUDITOR);

    private static final String READS = """
            select r.id, r.captured_at, r.camera_id, r.sealed_details, c.site,
                   exists(select 1 from hotlist_alert a where a.read_id = r.id and a.captured_at = r.captured_at) as hotlist_hit,
                   lc.id as correction_id, lc.sealed_correction
            from plate_read r
            left join camera c on c.id = r.camera_id
            left join lateral (select id, sealed_correction from read_correction rc
                               where rc.read_id = r.id and rc.captured_at = r.captured_at
                               order by rc.corrected_at desc limit 1) lc on true
            where r.id = any($1)""";
    private static final String EXPORT = """
            select id, created_by, agency, purpose, case_number, read_count, created_at, manifest, manifest_sha256,
                   signature, package_sha256, package_expires_at
            from evidence_export where id = $1""";
    private static final String ADD_CUSTODY = """
            insert into custody_event (export_id, seq, event, actor, agency, detail)
            select $1, coalesce(max(seq), 0) + 1, $2, $3, $4, $5 from custody_event where export_id = $1""";

    private final Gatekeeper gatekeeper;
    private final ReadVault vault;
    private final ManifestSigner signer;
    private final ObjectMapper json;
    private final MasterKey masterKey;
    private final QueryConfig config;

    ExportResource(Gatekeeper gatekeeper, ReadVault vault, ManifestSigner signer, ObjectMapper json,
            QueryConfig config) {
        this.gatekeeper = gatekeeper;
        this.vault = vault;
        this.signer = signer;
        this.json = json;
        this.masterKey = MasterKey.fromBase64(config.crypto().masterKey());
        this.config = config;
    }

    @POST
    @Operation(summary = "Export reads as a signed evidence package",
            description = "Sworn officers only; every read must be hotlist-flagged unless the purpose is the "
                    + "policy's criminal investigation with a case number (R12). Logged with the read ids.")
    @APIResponse(responseCode = "201", description = "The export record; download the package next")
    @APIResponse(responseCode = "400", description = "Invalid request, unknown reads, or purpose/case number missing")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a sworn officer, or reads neither flagged nor under investigation")
    public Uni<Response> create(@Valid @NotNull ExportRequest request) {
        List<UUID> readIds = request.readIds();
        List<Violation> violations = new ArrayList<>();
        if (new HashSet<>(readIds).size() != readIds.size()) {
            violations.add(Violation.of("readIds", "lists a read more than once"));
        }
        if (readIds.size() > config.exports().maxReads()) {
            violations.add(Violation.of("readIds", "may hold at most " + config.exports().maxReads()
                    + " reads; there is no bulk export"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        UUID exportId = UUID.randomUUID();
        Access access = Access.toReadData("read.export", EXPORTERS, request.purpose(), request.caseNumber(),
                Map.of("readIds", readIds.stream().map(UUID::toString).toList()), exportId.toString());
        return gatekeeper.<ExportView>perform(access, (client, actor) -> exportRule(client, request),
                (connection, actor) -> load(connection, readIds)
                        .chain(reads -> Uni.createFrom().item(() -> build(exportId, actor, request, reads))
                                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                        .chain(built -> record(connection, exportId, actor, request, built))
                        .chain(() -> view(connection, exportId))
                        .map(view -> Granted.of(view, readIds.size())))
                .map(view -> Response.status(Response.Status.CREATED).entity(view).build());
    }

    /** The Town policy's rule (000 §4): flagged reads, or a criminal investigation with its case number. */
    private Uni<Optional<ProblemException>> exportRule(SqlClient client, ExportRequest request) {
        UUID[] ids = request.readIds().toArray(UUID[]::new);
        return client.preparedQuery("""
                select r.id, exists(select 1 from hotlist_alert a where a.read_id = r.id) as flagged
                from plate_read r where r.id = any($1)""").execute(Tuple.of(ids)).map(rows -> {
            Map<UUID, Boolean> flagged = new HashMap<>();
            rows.forEach(row -> flagged.put(row.getUUID("id"), row.getBoolean("flagged")));
            List<Violation> missing = new ArrayList<>();
            List<Violation> unflagged = new ArrayList<>();
            boolean investigation = config.policy().investigationPurpose().equals(request.purpose())
                    && request.caseNumber() != null;
            for (int i = 0; i < ids.length; i++) {
                Boolean hit = flagged.get(ids[i]);
                if (hit == null) {
                    missing.add(Violation.of("readIds[" + i + "]", "no such read; it may have been purged"));
                } else if (!hit && !investigation) {
                    unflagged.add(Violation.of("readIds[" + i + "]", "is not flagged by a hotlist"));
                }
            }
            if (!missing.isEmpty()) {
                return Optional.of(ProblemException.invalid(missing));
            }
            if (!unflagged.isEmpty()) {
                return Optional.of(ProblemException.forbidden("reads may be exported only when a hotlist flagged "
                        + "them, or for a criminal investigation (purpose " + config.policy().investigationPurpose()
                        + ") with its case number", unflagged));
            }
            return Optional.empty();
        });
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An export's record: manifest, signature and chain of custody")
    @APIResponse(responseCode = "200", description = "The export")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role or training does not permit this")
    @APIResponse(responseCode = "404", description = "No such export")
    public Uni<ExportView> get(@PathParam("id") UUID id) {
        return gatekeeper.<ExportView>perform(Access.toRecords("export.view", CUSTODY_READERS,
                Map.of("exportId", id.toString()), id.toString()),
                (connection, actor) -> view(connection, id).map(view -> Granted.of(view, view == null ? 0 : 1)))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no export " + id));
    }

    @GET
    @Path("/{id}/package")
    @Produces("application/zip")
    @Operation(summary = "Download the evidence package", description = "Sworn officers only (R12); recorded in the chain of custody.")
    @APIResponse(responseCode = "200", description = "The ZIP package")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a sworn officer")
    @APIResponse(responseCode = "404", description = "No such export, or its download window has closed")
    public Uni<Response> download(@PathParam("id") UUID id) {
        return gatekeeper.<Response>perform(Access.toRecords("export.download", EXPORTERS,
                Map.of("exportId", id.toString()), id.toString()),
                (connection, actor) -> connection.preparedQuery("""
                        select sealed_package from evidence_export
                        where id = $1 and sealed_package is not null and package_expires_at > now()""")
                        .execute(Tuple.of(id)).chain(rows -> {
                            if (!rows.iterator().hasNext()) {
                                return Uni.createFrom().item(Granted.<Response>of(null, 0));
                            }
                            byte[] zip = masterKey.open(rows.iterator().next().getBuffer(0).getBytes(), packageContext(id));
                            return custody(connection, id, "downloaded", actor, null).map(added -> Granted.of(
                                    Response.ok(zip, "application/zip").header("Content-Disposition",
                                            "attachment; filename=\"evidence-" + id + ".zip\"")
                                            .header("Cache-Control", "no-store").build(), 1));
                        }))
                .onItem().ifNull().failWith(() -> ProblemException.notFound(
                        "no downloadable package for export " + id + "; the download window may have closed"));
    }

    @POST
    @Path("/{id}/transfers")
    @Operation(summary = "Record the hand-over of a downloaded package (chain of custody)")
    @APIResponse(responseCode = "201", description = "The custody event")
    @APIResponse(responseCode = "400", description = "Invalid transfer")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a sworn officer")
    @APIResponse(responseCode = "404", description = "No such export")
    public Uni<Response> transfer(@PathParam("id") UUID id, @Valid @NotNull TransferRequest request) {
        return gatekeeper.<CustodyEvent>perform(Access.toRecords("export.transfer", EXPORTERS,
                Map.of("exportId", id.toString(), "recipient", request.recipient()), id.toString()),
                (connection, actor) -> exists(connection, id).chain(exists -> !exists
                        ? Uni.createFrom().item(Granted.<CustodyEvent>of(null, 0))
                        : custody(connection, id, "transferred", actor, "to " + request.recipient()
                                + (request.note() == null ? "" : "; " + request.note()))
                                .map(event -> Granted.of(event, 1))))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no export " + id))
                .map(event -> Response.status(Response.Status.CREATED).entity(event).build());
    }

    @POST
    @Path("/verify")
    @Consumes("application/zip")
    @Operation(summary = "Verify a package: signature, every file's SHA-256, and that this service issued it")
    @APIResponse(responseCode = "200", description = "The verdict, with every problem found")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role does not permit this")
    public Uni<Verification> verify(byte[] zip) {
        return gatekeeper.perform(Access.toRecords("export.verify", VERIFIERS,
                Map.of("packageSha256", EvidencePackage.sha256(zip == null ? new byte[0] : zip)), null),
                (connection, actor) -> Uni.createFrom().item(() -> EvidencePackage.inspect(zip == null ? new byte[0] : zip, json, signer))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        .chain(inspection -> recognise(connection, inspection, actor)));
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
        return connection.preparedQuery("select manifest_sha256 from evidence_export where id = $1")
                .execute(Tuple.of(inspection.exportId())).chain(rows -> {
                    List<String> problems = new ArrayList<>(inspection.problems());
                    if (!rows.iterator().hasNext()) {
                        problems.add("no export " + inspection.exportId() + " was issued here");
                    } else if (!rows.iterator().next().getString(0).equals(inspection.manifestSha256())) {
                        problems.add("the manifest differs from the one recorded for export " + inspection.exportId());
                    }
                    Verification verdict = new Verification(problems.isEmpty(), inspection.exportId(),
                            inspection.manifestSha256(), problems);
                    if (!verdict.valid()) {
                        return Uni.createFrom().item(new Granted<>(verdict, 0, inspection.exportId().toString()));
                    }
                    return custody(connection, inspection.exportId(), "verified", actor, "package intact")
                            .map(event -> new Granted<>(verdict, 1, inspection.exportId().toString()));
                });
    }

    private Uni<List<ExportedRead>> load(SqlConnection connection, List<UUID> readIds) {
        UUID[] ids = readIds.toArray(UUID[]::new);
        return connection.preparedQuery(READS).execute(Tuple.of(ids)).chain(reads -> connection.preparedQuery(
                "select read_id, captured_at, kind, media_type, sealed_bytes from read_image where read_id = any($1) order by kind desc")
                .execute(Tuple.of(ids)).chain(images -> {
                    OffsetDateTime first = null;
                    OffsetDateTime last = null;
                    for (Row row : reads) {
                        OffsetDateTime at = row.getOffsetDateTime("captured_at");
                        first = first == null || at.isBefore(first) ? at : first;
                        last = last == null || at.isAfter(last) ? at : last;
                    }
                    if (first == null) {
                        return Uni.createFrom().item(List.<ExportedRead>of());
                    }
                    return vault.keys(first, last).map(keys -> open(readIds, reads, images, keys));
                }));
    }

    private List<ExportedRead> open(List<UUID> order, Iterable<Row> reads, Iterable<Row> images,
            Map<LocalDate, DataKey> keys) {
        Map<UUID, List<Image>> imagesByRead = new HashMap<>();
        for (Row row : images) {
            UUID readId = row.getUUID("read_id");
            DataKey key = keys.get(ReadVault.day(row.getOffsetDateTime("captured_at")));
            imagesByRead.computeIfAbsent(readId, id -> new ArrayList<>()).add(new Image(row.getString("kind"),
                    row.getString("media_type"), vault.image(key, readId, row.getString("kind"),
                            row.getBuffer("sealed_bytes").getBytes())));
        }
        Map<UUID, ExportedRead> opened = new HashMap<>();
        for (Row row : reads) {
            UUID id = row.getUUID("id");
            OffsetDateTime capturedAt = row.getOffsetDateTime("captured_at");
            DataKey key = keys.get(ReadVault.day(capturedAt));
            String corrected = row.getValue("correction_id") == null ? null
                    : vault.correction(key, id, row.getUUID("correction_id"),
                            row.getBuffer("sealed_correction").getBytes()).plate();
            opened.put(id, new ExportedRead(id, capturedAt, row.getString("camera_id"), row.getString("site"),
                    vault.details(key, id, row.getBuffer("sealed_details").getBytes()), row.getBoolean("hotlist_hit"),
                    corrected, imagesByRead.getOrDefault(id, List.of())));
        }
        return order.stream().map(opened::get).toList();
    }

    private Built build(UUID exportId, Actor actor, ExportRequest request, List<ExportedRead> reads) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("exportId", exportId.toString());
        header.put("createdAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        header.put("createdBy", actor.username());
        header.put("agency", actor.agency());
        header.put("purpose", request.purpose());
        header.put("caseNumber", request.caseNumber());
        header.put("policy", config.policy().title());
        header.put("reads", reads.size());
        return EvidencePackage.build(json, signer, header, reads);
    }

    private Uni<Void> record(SqlConnection connection, UUID exportId, Actor actor, ExportRequest request, Built built) {
        return connection.preparedQuery("""
                insert into evidence_export (id, created_by, agency, purpose, case_number, read_count, manifest,
                                             manifest_sha256, signature, package_sha256, sealed_package,
                                             package_expires_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)""")
                .execute(Tuple.tuple().addValue(exportId).addString(actor.username()).addString(actor.agency())
                        .addString(request.purpose()).addString(request.caseNumber())
                        .addInteger(request.readIds().size())
                        .addValue(new JsonObject(Buffer.buffer(built.manifest())))
                        .addString(built.manifestSha256()).addString(built.signature()).addString(built.packageSha256())
                        .addValue(Buffer.buffer(masterKey.seal(built.zip(), packageContext(exportId))))
                        .addValue(OffsetDateTime.now(ZoneOffset.UTC).plus(config.exports().downloadWindow())))
                .chain(() -> custody(connection, exportId, "created", actor, request.readIds().size() + " reads"))
                .replaceWithVoid();
    }

    private Uni<CustodyEvent> custody(SqlConnection connection, UUID exportId, String event, Actor actor, String detail) {
        return connection.preparedQuery(ADD_CUSTODY + " returning seq, event, actor, agency, detail, occurred_at")
                .execute(Tuple.of(exportId, event, actor.username(), actor.agency(), detail))
                .map(rows -> custodyEvent(rows.iterator().next()));
    }

    private Uni<ExportView> view(SqlConnection connection, UUID id) {
        return connection.preparedQuery(EXPORT).execute(Tuple.of(id)).chain(rows -> {
            if (!rows.iterator().hasNext()) {
                return Uni.createFrom().nullItem();
            }
            Row export = rows.iterator().next();
            return connection.preparedQuery("""
                    select seq, event, actor, agency, detail, occurred_at from custody_event
                    where export_id = $1 order by seq""").execute(Tuple.of(id)).map(events -> {
                List<CustodyEvent> custody = new ArrayList<>();
                events.forEach(row -> custody.add(custodyEvent(row)));
                JsonObject manifest = export.getJsonObject("manifest");
                return new ExportView(id, export.getString("created_by"), export.getString("agency"),
                        export.getString("purpose"), export.getString("case_number"), export.getInteger("read_count"),
                        export.getOffsetDateTime("created_at"), export.getString("manifest_sha256"),
                        export.getString("signature"), export.getString("package_sha256"),
                        export.getOffsetDateTime("package_expires_at"), json.valueToTree(manifest.getMap()), custody);
            });
        });
    }

    private static CustodyEvent custodyEvent(Row row) {
        return new CustodyEvent(row.getInteger("seq"), row.getString("event"), row.getString("actor"),
                row.getString("agency"), row.getString("detail"), row.getOffsetDateTime("occurred_at"));
    }

    private static Uni<Boolean> exists(SqlConnection connection, UUID id) {
        return connection.preparedQuery("select 1 from evidence_export where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext());
    }

    private static String packageContext(UUID exportId) {
        return "evidence-package:" + exportId;
    }
}
