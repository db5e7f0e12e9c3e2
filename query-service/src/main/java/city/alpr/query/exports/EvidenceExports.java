package city.alpr.query.exports;

import java.io.IOException;
import java.io.UncheckedIOException;
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

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.common.audit.Actor;
import city.alpr.common.crypto.CaptureDaysKey;
import city.alpr.common.crypto.DataKey;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.Violation;
import city.alpr.query.QueryConfig;
import city.alpr.query.access.AlertRecipients;
import city.alpr.query.exports.EvidencePackage.Built;
import city.alpr.query.exports.EvidencePackage.ExportedRead;
import city.alpr.query.exports.EvidencePackage.Image;
import city.alpr.query.reads.ReadVault;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Evidence packages and their records, for officers' exports and the custodian's shares alike: opens the chosen
 * reads, builds and signs the package off the event loop, keeps it sealed for the download window under a key every
 * capture day of its reads contributes to (so it no longer opens once any of those days is purged), and keeps the
 * chain of custody. Runs inside the caller's audited transaction.
 */
@ApplicationScoped
public class EvidenceExports {

    /** The reads, each with whether it raised an alert the exporter receives ({@code %s}, R29). */
    private static final String READS = """
            select r.id, r.captured_at, r.camera_id, r.sealed_details,
                   exists(select 1 from hotlist_alert a join hotlist_entry e on e.id = a.entry_id
                          where a.read_id = r.id and a.captured_at = r.captured_at and %s) as hotlist_hit,
                   lc.id as correction_id, lc.sealed_correction
            from plate_read r
            left join lateral (select id, sealed_correction from read_correction rc
                               where rc.read_id = r.id and rc.captured_at = r.captured_at
                               order by rc.corrected_at desc limit 1) lc on true
            where r.id = any($1)""";
    private static final String EXPORT = """
            select id, created_by, agency, purpose, case_number, read_count, created_at, sealed_manifest, capture_days,
                   manifest_sha256, signature, package_sha256, package_expires_at
            from evidence_export where id = $1""";
    /** The parts of an export sealed under its capture days' key. */
    private static final String PACKAGE = "package";
    private static final String MANIFEST = "manifest";
    /** The holder after an event: the one its creation or hand-over names, or the holder before it. */
    private static final String ADD_CUSTODY = """
            insert into custody_event (export_id, seq, event, actor, agency, detail, holder)
            select $1, coalesce(max(seq), 0) + 1, $2, $3, $4, $5,
                   case when $2 in ('created', 'transferred') then $6
                        else (select holder from custody_event where export_id = $1 order by seq desc limit 1) end
            from custody_event where export_id = $1""";

    private final ReadVault vault;
    private final ManifestSigner signer;
    private final ObjectMapper json;
    private final AlertRecipients recipients;
    private final QueryConfig config;

    EvidenceExports(ReadVault vault, ManifestSigner signer, ObjectMapper json, AlertRecipients recipients,
            QueryConfig config) {
        this.vault = vault;
        this.signer = signer;
        this.json = json;
        this.recipients = recipients;
        this.config = config;
    }

    /** The reads of an export opened, with the keys of their days, which seal the package. */
    private record Loaded(List<ExportedRead> reads, Map<LocalDate, DataKey> keys) {
    }

    /**
     * Packages the reads, records the export and its first custody event, and answers the record.
     *
     * @param holder who holds the package once made: its creator, or null when it goes straight to someone
     *        outside the system (a share)
     */
    public Uni<ExportView> create(SqlConnection connection, UUID exportId, Actor actor, String purpose,
            String caseNumber, String recipient, List<UUID> readIds, String holder) {
        return load(connection, readIds, actor)
                .chain(loaded -> Uni.createFrom().item(() -> sealed(exportId, build(exportId, actor, purpose,
                        caseNumber, recipient, loaded.reads()), loaded.keys()))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .chain(package_ -> record(connection, exportId, actor, purpose, caseNumber, readIds.size(), package_,
                        holder))
                .chain(() -> view(connection, exportId));
    }

    /**
     * A built package and its manifest, each sealed under the keys of its reads' capture days. The manifest is
     * sealed too: the SHA-256 of {@code reads.csv} it lists could be matched against guesses of the few fields of a
     * small export a database dump does not show in plain text (the plate among them).
     */
    private record SealedPackage(Built built, byte[] sealed, byte[] sealedManifest, List<LocalDate> days) {
    }

    private static SealedPackage sealed(UUID exportId, Built built, Map<LocalDate, DataKey> keys) {
        List<LocalDate> days = keys.keySet().stream().sorted().toList();
        CaptureDaysKey key = CaptureDaysKey.of(keys.values(), exportId);
        return new SealedPackage(built, key.seal(PACKAGE, built.zip()), key.seal(MANIFEST, built.manifest()), days);
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
     * Whether each read exists (absent: no such read) and whether a hotlist flagged it for this person: an alert
     * they receive (R29), which no one judged a misread or dismissed.
     */
    public Uni<Map<UUID, Boolean>> flagged(SqlClient client, List<UUID> readIds, Actor actor) {
        Tuple parameters = Tuple.of(readIds.toArray(UUID[]::new));
        return client.preparedQuery("""
                select r.id, exists(select 1 from hotlist_alert a join hotlist_entry e on e.id = a.entry_id
                                    where a.read_id = r.id and a.captured_at = r.captured_at
                                      and (a.disposition is null or a.disposition = 'confirmed')
                                      and\s""" + recipients.receives(actor, parameters) + """
                                    ) as flagged
                from plate_read r where r.id = any($1)""")
                .execute(parameters)
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

    /**
     * The package, if its download window is open and every capture day of its reads is still held; null otherwise
     * (without one of those days' keys it does not open).
     */
    public Uni<byte[]> openPackage(SqlConnection connection, UUID exportId) {
        return connection.preparedQuery("""
                select sealed_package, capture_days from evidence_export
                where id = $1 and sealed_package is not null and package_expires_at > now()""")
                .execute(Tuple.of(exportId)).chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().nullItem();
                    }
                    Row row = rows.iterator().next();
                    byte[] sealed = row.getBuffer("sealed_package").getBytes();
                    return captureDaysKey(connection, exportId, row)
                            .map(key -> key.map(opened -> opened.open(PACKAGE, sealed)).orElse(null));
                });
    }

    /** The key of an export's capture days, while every one of them is held. */
    private Uni<Optional<CaptureDaysKey>> captureDaysKey(SqlConnection connection, UUID exportId, Row export) {
        List<LocalDate> days = List.of(export.getArrayOfLocalDates("capture_days"));
        LocalDate first = days.stream().min(LocalDate::compareTo).orElseThrow();
        LocalDate last = days.stream().max(LocalDate::compareTo).orElseThrow();
        return vault.keys(connection, first.atStartOfDay().atOffset(ZoneOffset.UTC),
                last.atStartOfDay().atOffset(ZoneOffset.UTC)).map(keys -> {
                    List<DataKey> needed = days.stream().map(keys::get).toList();
                    return needed.contains(null) ? Optional.empty() : Optional.of(CaptureDaysKey.of(needed, exportId));
                });
    }

    private Uni<Loaded> load(SqlConnection connection, List<UUID> readIds, Actor exporter) {
        UUID[] ids = readIds.toArray(UUID[]::new);
        Tuple parameters = Tuple.of(ids);
        return connection.preparedQuery(READS.formatted(recipients.receives(exporter, parameters))).execute(parameters)
                .chain(reads -> connection.preparedQuery(
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
                                return Uni.createFrom().item(new Loaded(List.of(), Map.of()));
                            }
                            Set<LocalDate> days = new HashSet<>();
                            reads.forEach(row -> days.add(ReadVault.day(row.getOffsetDateTime("captured_at"))));
                            return vault.keys(connection, first, last).map(keys -> {
                                Map<LocalDate, DataKey> used = new HashMap<>();
                                days.forEach(day -> used.put(day, keys.get(day)));
                                return new Loaded(open(readIds, reads, images, used), used);
                            });
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
            String cameraId = row.getString("camera_id");
            opened.put(id, new ExportedRead(id, capturedAt, cameraId,
                    vault.details(key, id, row.getBuffer("sealed_details").getBytes(), cameraId, capturedAt),
                    row.getBoolean("hotlist_hit"), corrected, imagesByRead.getOrDefault(id, List.of())));
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
            int readCount, SealedPackage sealed, String holder) {
        Built built = sealed.built();
        return connection.preparedQuery("""
                insert into evidence_export (id, created_by, agency, purpose, case_number, read_count, sealed_manifest,
                                             manifest_sha256, signature, package_sha256, sealed_package,
                                             package_expires_at, capture_days)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)""")
                .execute(Tuple.tuple().addValue(exportId).addString(actor.username()).addString(actor.agency())
                        .addString(purpose).addString(caseNumber)
                        .addInteger(readCount)
                        .addValue(Buffer.buffer(sealed.sealedManifest()))
                        .addString(built.manifestSha256()).addString(built.signature()).addString(built.packageSha256())
                        .addValue(Buffer.buffer(sealed.sealed()))
                        .addValue(OffsetDateTime.now(ZoneOffset.UTC).plus(config.exports().downloadWindow()))
                        .addValue(sealed.days().toArray(LocalDate[]::new)))
                .chain(() -> insertCustody(connection, exportId, "created", actor, readCount + " reads", holder))
                .replaceWithVoid();
    }

    /** Appends a download or verification to the chain of custody; the holder stays who it was. */
    public Uni<CustodyEvent> custody(SqlConnection connection, UUID exportId, String event, Actor actor, String detail) {
        return insertCustody(connection, exportId, event, actor, detail, null);
    }

    /**
     * Appends a hand-over to the chain of custody.
     *
     * @param toUsername the person of this system the package now is with, or null when it left for someone outside
     */
    public Uni<CustodyEvent> transfer(SqlConnection connection, UUID exportId, Actor actor, String detail,
            String toUsername) {
        return insertCustody(connection, exportId, "transferred", actor, detail, toUsername);
    }

    /**
     * Who holds an export's package now, if the export exists: its creator until a hand-over, then whom the
     * hand-over named; {@code holder} null once it went to someone outside the system.
     */
    public record Custody(String holder) {
    }

    /**
     * The export's custody, read under its custody lock, which the transaction then keeps: a hand-over decided on
     * this holder is the chain's next event, and a second hand-over running beside it waits and sees the new holder.
     */
    public Uni<Optional<Custody>> custodyForHandOver(SqlConnection connection, UUID exportId) {
        return lockCustody(connection, exportId).chain(() -> connection
                .preparedQuery("select holder from custody_event where export_id = $1 order by seq desc limit 1")
                .execute(Tuple.of(exportId)))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(new Custody(rows.iterator().next().getString(0)))
                        : Optional.empty());
    }

    /** Concurrent events of one export queue on a lock for their sequence. */
    private static Uni<Void> lockCustody(SqlConnection connection, UUID exportId) {
        return connection.preparedQuery("select pg_advisory_xact_lock(hashtext($1))")
                .execute(Tuple.of(exportId.toString())).replaceWithVoid();
    }

    private static Uni<CustodyEvent> insertCustody(SqlConnection connection, UUID exportId, String event, Actor actor,
            String detail, String holder) {
        return lockCustody(connection, exportId)
                .chain(() -> connection.preparedQuery(ADD_CUSTODY
                        + " returning seq, event, actor, agency, detail, holder, occurred_at")
                        .execute(Tuple.tuple().addValue(exportId).addString(event).addString(actor.username())
                                .addString(actor.agency()).addString(detail).addString(holder)))
                .map(rows -> custodyEvent(rows.iterator().next()));
    }

    /** Who created the export, if it exists: what decides who sees its record before anything of it is opened. */
    public Uni<Optional<String>> creator(SqlClient client, UUID id) {
        return client.preparedQuery("select created_by from evidence_export where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getString(0))
                        : Optional.empty());
    }

    /** An export's record; its manifest while every capture day of its reads is held, null after. */
    public Uni<ExportView> view(SqlConnection connection, UUID id) {
        return connection.preparedQuery(EXPORT).execute(Tuple.of(id)).chain(rows -> {
            if (!rows.iterator().hasNext()) {
                return Uni.createFrom().nullItem();
            }
            Row export = rows.iterator().next();
            Uni<JsonNode> manifest = export.getValue("sealed_manifest") == null ? Uni.createFrom().nullItem()
                    : captureDaysKey(connection, id, export).map(key -> key
                            .map(opened -> readManifest(opened.open(MANIFEST,
                                    export.getBuffer("sealed_manifest").getBytes())))
                            .orElse(null));
            return manifest.chain(opened -> connection.preparedQuery("""
                    select seq, event, actor, agency, detail, holder, occurred_at from custody_event
                    where export_id = $1 order by seq""").execute(Tuple.of(id)).map(events -> {
                List<CustodyEvent> custody = new ArrayList<>();
                events.forEach(row -> custody.add(custodyEvent(row)));
                return new ExportView(id, export.getString("created_by"), export.getString("agency"),
                        export.getString("purpose"), export.getString("case_number"), export.getInteger("read_count"),
                        export.getOffsetDateTime("created_at"), export.getString("manifest_sha256"),
                        export.getString("signature"), export.getString("package_sha256"),
                        export.getOffsetDateTime("package_expires_at"), opened, custody);
            }));
        });
    }

    private JsonNode readManifest(byte[] manifest) {
        try {
            return json.readTree(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CustodyEvent custodyEvent(Row row) {
        return new CustodyEvent(row.getInteger("seq"), row.getString("event"), row.getString("actor"),
                row.getString("agency"), row.getString("detail"), row.getString("holder"),
                row.getOffsetDateTime("occurred_at"));
    }

    /** The SHA-256 of the manifest recorded when the export was issued, which stays after its package is purged. */
    public Uni<Optional<String>> recordedManifestSha256(SqlClient client, UUID exportId) {
        return client.preparedQuery("select manifest_sha256 from evidence_export where id = $1")
                .execute(Tuple.of(exportId))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getString(0))
                        : Optional.empty());
    }
}
