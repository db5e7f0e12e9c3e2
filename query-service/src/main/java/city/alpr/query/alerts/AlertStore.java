package city.alpr.query.alerts;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.common.audit.Actor;
import city.alpr.common.crypto.DataKey;
import city.alpr.query.QueryConfig;
import city.alpr.query.access.AlertRecipients;
import city.alpr.query.hotlists.EntryPlates;
import city.alpr.query.reads.ReadVault;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The table {@code hotlist_alert} (ingest-service raises alerts; query-service owns their dispositions), read with
 * the entries that raised them (their plates opened) and the reads they were raised on (their sites opened).
 */
@ApplicationScoped
class AlertStore {

    private static final String SELECT = """
            select a.id, a.read_id, a.captured_at, a.camera_id, a.hotlist_id, h.name as hotlist, h.kind, a.entry_id,
                   e.sealed_plate, e.reason, e.purpose, e.case_number, e.record_type, e.owner, a.match_kind, a.raised_at,
                   a.disposition, a.disposed_by, a.disposed_at, a.disposition_note, r.sealed_details,
                   %s as owner_has_standing
            from hotlist_alert a
            join hotlist h on h.id = a.hotlist_id
            join hotlist_entry e on e.id = a.entry_id
            left join plate_read r on r.id = a.read_id and r.captured_at = a.captured_at""";

    /**
     * An alert, and whether its entry's owner still has standing to receive it (an approved request, a supervisor's
     * approval, where the policy needs them).
     */
    record Stored(AlertView view, boolean ownerHasStanding) {
    }

    private final EntryPlates plates;
    private final ReadVault vault;
    private final QueryConfig.Alerts config;
    private final AlertRecipients recipients;

    AlertStore(EntryPlates plates, ReadVault vault, QueryConfig config, AlertRecipients recipients) {
        this.plates = plates;
        this.vault = vault;
        this.config = config.alerts();
        this.recipients = recipients;
    }

    /** The alerts with their entries and reads, the owner's standing judged with values appended to the parameters. */
    private String select(Tuple parameters) {
        return SELECT.formatted(recipients.ownerHasStanding(parameters));
    }

    Uni<Optional<Stored>> byId(SqlClient client, UUID id) {
        Tuple parameters = Tuple.of(id);
        return client.preparedQuery(select(parameters) + " where a.id = $1").execute(parameters)
                .chain(rows -> opened(client, rows)).map(found -> found.stream().findFirst());
    }

    /** The alert, if it was raised within {@code alpr.alerts.announce-window}. */
    Uni<Optional<Stored>> justRaised(SqlClient client, UUID id) {
        Tuple parameters = Tuple.of(id, (double) config.announceWindow().toMillis() / 1000);
        return client.preparedQuery(select(parameters) + " where a.id = $1 and a.raised_at > now() - make_interval(secs => $2)")
                .execute(parameters)
                .chain(rows -> opened(client, rows)).map(found -> found.stream().findFirst());
    }

    /** The alerts of the last {@code alpr.alerts.list-window} this person receives, newest first. */
    Uni<List<AlertView>> recent(SqlClient client, Actor actor, boolean openOnly) {
        Tuple parameters = Tuple.of(openOnly, (double) config.listWindow().toMillis() / 1000);
        return client
                .preparedQuery(select(parameters) + " where a.raised_at > now() - make_interval(secs => $2) and ($1 = false or "
                        + "a.disposition is null) and " + recipients.receives(actor, parameters)
                        + " order by a.raised_at desc limit 500")
                .execute(parameters)
                .chain(rows -> opened(client, rows)).map(found -> found.stream().map(Stored::view).toList());
    }

    /** @return false when the alert already had a disposition */
    Uni<Boolean> dispose(SqlClient client, UUID id, String disposition, String by, String note) {
        return client.preparedQuery("""
                update hotlist_alert set disposition = $2, disposed_by = $3, disposed_at = now(), disposition_note = $4
                where id = $1 and disposition is null""").execute(Tuple.of(id, disposition, by, note))
                .map(rows -> rows.rowCount() == 1);
    }

    private Uni<List<Stored>> opened(SqlClient client, RowSet<Row> rows) {
        List<Row> found = new ArrayList<>();
        rows.forEach(found::add);
        if (found.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        OffsetDateTime first = found.stream().map(row -> row.getOffsetDateTime("captured_at")).min(OffsetDateTime::compareTo)
                .orElseThrow();
        OffsetDateTime last = found.stream().map(row -> row.getOffsetDateTime("captured_at")).max(OffsetDateTime::compareTo)
                .orElseThrow();
        return vault.keys(client, first, last).map(keys -> found.stream().map(row -> stored(row, keys)).toList());
    }

    private Stored stored(Row row, Map<LocalDate, DataKey> keys) {
        UUID readId = row.getUUID("read_id");
        OffsetDateTime capturedAt = row.getOffsetDateTime("captured_at");
        DataKey key = keys.get(ReadVault.day(capturedAt));
        String site = key == null || row.getValue("sealed_details") == null ? null
                : vault.details(key, readId, row.getBuffer("sealed_details").getBytes(), row.getString("camera_id"),
                        capturedAt).site().name();
        UUID entryId = row.getUUID("entry_id");
        AlertView view = new AlertView(row.getUUID("id"), readId, capturedAt, row.getString("camera_id"), site,
                row.getUUID("hotlist_id"), row.getString("hotlist"), row.getString("kind"), entryId,
                plates.open(entryId, row.getBuffer("sealed_plate").getBytes()), row.getString("reason"),
                row.getString("purpose"), row.getString("case_number"), row.getString("record_type"), row.getString("owner"),
                row.getString("match_kind"), row.getOffsetDateTime("raised_at"), row.getString("disposition"),
                row.getString("disposed_by"), row.getOffsetDateTime("disposed_at"), row.getString("disposition_note"));
        return new Stored(view, row.getBoolean("owner_has_standing"));
    }
}
