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
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.common.audit.Actor;
import city.alpr.common.crypto.DataKey;
import city.alpr.common.crypto.MasterKey;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.Violation;
import city.alpr.query.QueryConfig;
import city.alpr.query.exports.EvidencePackage.Built;
import city.alpr.query.exports.EvidencePackage.ExportedRead;
import city.alpr.query.exports.EvidencePackage.Image;
import city.alpr.query.reads.ReadVault;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Evidence packages and their records, for officers' exports and the custodian's shares alike: opens the chosen
 * reads, builds and signs the package off the event loop, keeps it sealed for the download window, and keeps the
 * chain of custody. Runs inside the caller's audited transaction.
 */
@ApplicationScoped
public class EvidenceExports {

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

    private final ReadVault vault;
    private final ManifestSigner signer;
    private final ObjectMapper json;
    private final MasterKey masterKey;
    private final QueryConfig config;

    EvidenceExports(ReadVault vault, ManifestSigner signer, ObjectMapper json, QueryConfig config) {
        this.vault = vault;
        this.signer = signer;
        this.json = json;
        this.masterKey = MasterKey.fromBase64(config.crypto().masterKey());
        this.config = config;
    }

    /** Packages the reads, records the export and its first custody event, and answers the record. */
    public Uni<ExportView> create(SqlConnection connection, UUID exportId, Actor actor, String purpose,
            String caseNumber, String recipient, List<UUID> readIds) {
        return load(connection, readIds)
                .chain(reads -> Uni.createFrom().item(() -> build(exportId, actor, purpose, caseNumber, recipient, reads))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .chain(built -> record(connection, exportId, actor, purpose, caseNumber, readIds.size(), built))
                .chain(() -> view(connection, exportId));
    }

    /**
     * Refuses a package that names a read twice or holds more reads than one package may: there is no bulk path
     * (R15). {@code kind} names the path in the answer, e.g. {@code export}.
     */
    public void requireBounded(List<UUID> readIds, String kind) {
        List<Violation> violations = new ArrayList<>();
        if (new HashSet<>(readIds).size() != readIds.size()) {
            violations.add(Violation.of("readIds", "lists a read more than once"));
        }
        if (readIds.size() > config.exports().maxReads()) {
            violations.add(Violation.of("readIds", "may hold at most " + config.exports().maxReads()
                    + " reads; there is no bulk " + kind));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
    }

    /**
     * Whether each read exists (absent: no such read) and whether a hotlist flagged it: a hit a person judged a
     * misread or dismissed no longer counts.
     */
    public Uni<Map<UUID, Boolean>> flagged(SqlClient client, List<UUID> readIds) {
        return client.preparedQuery("""
                select r.id, exists(select 1 from hotlist_alert a where a.read_id = r.id
                                    and (a.disposition is null or a.disposition = 'confirmed')) as flagged
                from plate_read r where r.id = any($1)""").execute(Tuple.of((Object) readIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Boolean> flagged = new HashMap<>();
                    rows.forEach(row -> flagged.put(row.getUUID("id"), row.getBoolean("flagged")));
                    return flagged;
                });
    }

    /** One violation per requested read that does not exist, named by its index. */
    public static List<Violation> missing(List<UUID> readIds, Map<UUID, Boolean> found) {
        List<Violation> missing = new ArrayList<>();
        for (int i = 0; i < readIds.size(); i++) {
            if (!found.containsKey(readIds.get(i))) {
                missing.add(Violation.of("readIds[" + i + "]", "no such read; it may have been purged"));
            }
        }
        return missing;
    }

    /** The package, if its download window is open; null otherwise. */
    public Uni<byte[]> openPackage(SqlConnection connection, UUID exportId) {
        return connection.preparedQuery("""
                select sealed_package from evidence_export
                where id = $1 and sealed_package is not null and package_expires_at > now()""")
                .execute(Tuple.of(exportId)).map(rows -> rows.iterator().hasNext()
                        ? masterKey.open(rows.iterator().next().getBuffer(0).getBytes(), packageContext(exportId))
                        : null);
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
                    return vault.keys(connection, first, last).map(keys -> open(readIds, reads, images, keys));
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

    private Built build(UUID exportId, Actor actor, String purpose, String caseNumber, String recipient,
            List<ExportedRead> reads) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("exportId", exportId.toString());
        header.put("createdAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        header.put("createdBy", actor.username());
        header.put("agency", actor.agency());
        header.put("purpose", purpose);
        header.put("caseNumber", caseNumber);
        if (recipient != null) {
            header.put("recipient", recipient);
        }
        header.put("policy", config.policy().title());
        header.put("reads", reads.size());
        return EvidencePackage.build(json, signer, header, reads);
    }

    private Uni<Void> record(SqlConnection connection, UUID exportId, Actor actor, String purpose, String caseNumber,
            int readCount, Built built) {
        return connection.preparedQuery("""
                insert into evidence_export (id, created_by, agency, purpose, case_number, read_count, manifest,
                                             manifest_sha256, signature, package_sha256, sealed_package,
                                             package_expires_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)""")
                .execute(Tuple.tuple().addValue(exportId).addString(actor.username()).addString(actor.agency())
                        .addString(purpose).addString(caseNumber)
                        .addInteger(readCount)
                        .addValue(new JsonObject(Buffer.buffer(built.manifest())))
                        .addString(built.manifestSha256()).addString(built.signature()).addString(built.packageSha256())
                        .addValue(Buffer.buffer(masterKey.seal(built.zip(), packageContext(exportId))))
                        .addValue(OffsetDateTime.now(ZoneOffset.UTC).plus(config.exports().downloadWindow())))
                .chain(() -> custody(connection, exportId, "created", actor, readCount + " reads"))
                .replaceWithVoid();
    }

    /** Appends to the chain of custody; concurrent events of one export queue on a lock for their sequence. */
    public Uni<CustodyEvent> custody(SqlConnection connection, UUID exportId, String event, Actor actor, String detail) {
        return connection.preparedQuery("select pg_advisory_xact_lock(hashtext($1))").execute(Tuple.of(exportId.toString()))
                .chain(() -> connection.preparedQuery(ADD_CUSTODY + " returning seq, event, actor, agency, detail, occurred_at")
                .execute(Tuple.of(exportId, event, actor.username(), actor.agency(), detail)))
                .map(rows -> custodyEvent(rows.iterator().next()));
    }

    public Uni<ExportView> view(SqlConnection connection, UUID id) {
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

    public Uni<Boolean> exists(SqlConnection connection, UUID id) {
        return connection.preparedQuery("select 1 from evidence_export where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext());
    }

    private static String packageContext(UUID exportId) {
        return "evidence-package:" + exportId;
    }
}
