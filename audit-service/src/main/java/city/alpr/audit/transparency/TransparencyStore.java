package city.alpr.audit.transparency;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The counts of the public transparency page (R26): never a plate, a name or a case number. Over this service's
 * audit_event, agency and breach_incident, and read-only over the tables other services own: camera, plate_read and
 * data_key, which ingest-service owns; hotlist_alert, data_share and evidence_export, which query-service owns;
 * purge_receipt, which retention-service owns.
 */
@ApplicationScoped
public class TransparencyStore {

    private static final String FIGURES = """
            select (select count(*) from camera) as cameras,
                   (select count(*) from camera where active) as active_cameras,
                   (select coalesce(jsonb_agg(jsonb_build_object('id', id, 'site', site, 'active', active) order by id), '[]')
                      from camera) as sites,
                   (select count(*) from plate_read) as reads_held,
                   (select min(day) from data_key where destroyed_at is null) as oldest_day_held,
                   (select coalesce(jsonb_object_agg(purpose, n), '{}')
                      from (select coalesce(purpose, 'none') as purpose, count(*) as n from audit_event
                             where occurred_at >= $1 and action = 'read.search' and outcome = 'granted' group by 1) p)
                       as searches_by_purpose,
                   (select count(*) from audit_event where occurred_at >= $1 and action like 'read.%' and outcome = 'refused')
                       as refused,
                   (select jsonb_build_object('raised', count(*),
                                              'confirmed', count(*) filter (where disposition = 'confirmed'),
                                              'misread', count(*) filter (where disposition = 'misread'),
                                              'dismissed', count(*) filter (where disposition = 'dismissed'),
                                              'pending', count(*) filter (where disposition is null))
                      from hotlist_alert where raised_at >= $1) as hits,
                   (select coalesce(jsonb_agg(jsonb_build_object('agency', a.name, 'shares', s.shares, 'reads', s.reads)
                                              order by a.name), '[]')
                      from (select agency_id, count(*) as shares, sum(read_count) as reads from data_share
                             where shared_at >= $1 group by agency_id) s join agency a on a.id = s.agency_id) as recipients,
                   (select count(*) from evidence_export where created_at >= $1) as exports,
                   (select max(finished_at) from purge_receipt where outcome = 'completed') as last_purge,
                   (select count(*) from breach_incident where notice_posted_at is not null and notice_withdrawn_at is null)
                       as notices""";

    /** What the page counts, its use counted since {@code from}. */
    record Figures(TransparencyReport.Cameras cameras, long readsHeld, LocalDate oldestDayHeld,
            Map<String, Long> searchesByPurpose, long refusedAccesses, TransparencyReport.HotlistHits hotlistHits,
            List<TransparencyReport.Recipient> sharingRecipients, long evidenceExports, Instant lastPurge,
            long breachNoticesPosted) {
    }

    /** The figures now, with the use since {@code from}. */
    public Uni<Figures> figures(SqlClient client, Instant from) {
        return client.preparedQuery(FIGURES).execute(Tuple.of(from.atOffset(ZoneOffset.UTC)))
                .map(rows -> figures(rows.iterator().next()));
    }

    private static Figures figures(Row row) {
        List<TransparencyReport.Site> sites = new ArrayList<>();
        ((JsonArray) row.getValue("sites")).forEach(site -> {
            JsonObject camera = (JsonObject) site;
            sites.add(
                    new TransparencyReport.Site(camera.getString("id"), camera.getString("site"), camera.getBoolean("active")));
        });
        Map<String, Long> searches = new LinkedHashMap<>();
        ((JsonObject) row.getValue("searches_by_purpose"))
                .forEach(entry -> searches.put(entry.getKey(), ((Number) entry.getValue()).longValue()));
        JsonObject hits = (JsonObject) row.getValue("hits");
        List<TransparencyReport.Recipient> recipients = new ArrayList<>();
        ((JsonArray) row.getValue("recipients")).forEach(entry -> {
            JsonObject recipient = (JsonObject) entry;
            recipients.add(new TransparencyReport.Recipient(recipient.getString("agency"), recipient.getLong("shares"),
                    recipient.getLong("reads")));
        });
        OffsetDateTime lastPurge = row.getOffsetDateTime("last_purge");
        return new Figures(new TransparencyReport.Cameras(row.getLong("cameras"), row.getLong("active_cameras"), sites),
                row.getLong("reads_held"), row.getLocalDate("oldest_day_held"), searches, row.getLong("refused"),
                new TransparencyReport.HotlistHits(hits.getLong("raised"), hits.getLong("confirmed"), hits.getLong("misread"),
                        hits.getLong("dismissed"), hits.getLong("pending")),
                recipients, row.getLong("exports"), lastPurge == null ? null : lastPurge.toInstant(), row.getLong("notices"));
    }
}
