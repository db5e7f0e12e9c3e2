package city.alpr.audit.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.audit.AuditConfig;
import city.alpr.common.policy.PublicAgencies;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The compliance report's evidence, one section at a time, as it stands at {@code now}. Over this service's own
 * tables (audit_event, audit_verification, audit_checkpoint, audit_expiry, audit_run, audit_finding,
 * training_record, contractor_grant, agency, breach_incident, breach_notification) and read-only over the tables
 * other services own and the report counts: plate_read and data_key, which ingest-service owns; purge_receipt,
 * which retention-service owns; law_enforcement_request, evidence_export, data_share, hotlist_entry,
 * hotlist_feed and hotlist_alert, which query-service owns.
 */
@ApplicationScoped
public class ReportStore {

    private static final String RETENTION = """
            with held as (select min(day) filter (where destroyed_at is null) as oldest_day,
                                 count(*) filter (where destroyed_at is not null) as destroyed
                            from data_key),
                 purge as (select * from purge_receipt order by finished_at desc limit 1)
            select held.oldest_day, held.destroyed,
                   (select min(captured_at) from plate_read where captured_at < held.oldest_day + 1) as oldest_read,
                   exists(select 1 from plate_read
                           where captured_at < date_trunc('day', now() at time zone 'UTC')
                                               at time zone 'UTC' - make_interval(days => $1::int)) as beyond,
                   purge.finished_at, purge.outcome, purge.cutoff, purge.days, purge.keys_destroyed, purge.counts
              from held left join purge on true""";
    private static final String ACCESS_LOG = """
            with verified as (select * from audit_verification order by id desc limit 1),
                 checkpoint as (select * from audit_checkpoint order by number desc limit 1),
                 expiry as (select * from audit_expiry order by id desc limit 1),
                 unsigned as materialized (select occurred_at from audit_event
                                            where seq > coalesce((select seq from checkpoint), 0))
            select (select max(seq) from audit_event) as last_seq,
                   v.verified_at, v.verified_by, v.intact, v.records, v.checkpoints,
                   c.number as checkpoint_number, c.seq as checkpoint_seq, c.signed_at as checkpoint_signed_at,
                   e.through_seq, e.through_occurred_at, e.expired_at,
                   (select min(occurred_at) from unsigned) as oldest_unsigned
              from (select) head left join verified v on true left join checkpoint c on true left join expiry e on true""";
    private static final String PURPOSE = """
            with accesses as (select purpose, case_number, outcome from audit_event
                               where occurred_at >= $1 and action like 'read.%')
            select (select coalesce(jsonb_object_agg(purpose, n), '{}')
                      from (select coalesce(purpose, 'none') as purpose, count(*) as n
                              from accesses where outcome = 'granted' group by 1) p) as granted_by_purpose,
                   (select count(*) from accesses where outcome = 'granted' and case_number is null)
                       as granted_without_case_number,
                   (select count(*) from accesses where outcome = 'refused') as refused,
                   (select coalesce(jsonb_agg(jsonb_build_object('day', day, 'purpose', purpose, 'n', n)), '[]')
                      from (select (occurred_at at time zone 'UTC')::date as day, coalesce(purpose, 'none') as purpose,
                                   count(*) as n
                              from audit_event
                             where occurred_at >= $2 and action = 'read.search' and outcome = 'granted'
                             group by 1, 2) s) as searches_by_day,
                   (select coalesce(jsonb_agg(jsonb_build_object('day', day, 'n', n)), '[]')
                      from (select (occurred_at at time zone 'UTC')::date as day, count(*) as n
                              from audit_event where occurred_at >= $2 and action like 'read.%' and outcome = 'refused'
                             group by 1) r) as refused_by_day""";
    private static final String TRAINING = """
            select (select count(distinct username) from training_record where completed_at <= $1 and expires_at > $1)
                       as current_users,
                   (select count(distinct username) from training_record t
                     where expires_at > $1 and expires_at <= $2
                       and not exists(select 1 from training_record later
                                       where later.username = t.username and later.expires_at > $2)) as expiring,
                   (select count(*) from audit_event
                     where occurred_at >= $3 and outcome = 'refused' and reason like '%training record%') as refused""";
    private static final String ACCESS_CONTROL = """
            select (select count(*) from contractor_grant where revoked_at is null and starts_at <= $1 and ends_at > $1)
                       as active_grants,
                   (select count(*) from law_enforcement_request where decided_at is null) as pending_requests,
                   (select min(requested_at) from law_enforcement_request where decided_at is null) as oldest_pending,
                   (select count(*) from law_enforcement_request where approved and expires_at > $1) as approved_in_force,
                   (select count(*) from audit_event where occurred_at >= $2 and outcome = 'refused') as refused""";
    private static final String EXPORTS = """
            select count(*) as exports, coalesce(sum(read_count), 0) as reads,
                   (select count(*) from audit_event
                     where occurred_at >= $1 and action = 'read.export' and outcome = 'refused') as refused
              from evidence_export where created_at >= $1""";
    private static final String SHARING = """
            select (select count(*) from agency where active) as active_agencies,
                   (select coalesce(jsonb_agg(jsonb_build_object('agency', a.name, 'shares', s.shares, 'reads', s.reads)
                                              order by a.name), '[]')
                      from (select agency_id, count(*) as shares, sum(read_count) as reads
                              from data_share where shared_at >= $1 group by agency_id) s
                      join agency a on a.id = s.agency_id) as recipients,
                   exists(select 1 from data_share s join agency a on a.id = s.agency_id
                           where a.level <> all($2::text[])) as outside_public_agencies""";
    private static final String HOTLISTS = """
            select (select count(*) from hotlist_entry where removed_at is null and expires_at > $1) as active_entries,
                   (select count(*) from hotlist_alert where raised_at >= $2) as alerts,
                   (select jsonb_build_object('confirmed', count(*) filter (where disposition = 'confirmed'),
                                              'misread', count(*) filter (where disposition = 'misread'),
                                              'dismissed', count(*) filter (where disposition = 'dismissed'),
                                              'open', count(*) filter (where disposition is null))
                      from hotlist_alert where raised_at >= $2) as dispositions,
                   (select count(*) from hotlist_alert where disposition is null and raised_at < $3) as awaiting,
                   (select coalesce(jsonb_agg(jsonb_build_object(
                               'name', name, 'layout', layout, 'refreshedAt', refreshed_at,
                               'fileModifiedAt', file_modified_at, 'entries', entries, 'failure', failure,
                               'stale', file_modified_at is null or file_modified_at < $1 - stale_after)
                               order by name), '[]')
                      from hotlist_feed) as feeds""";
    private static final String AUDITS = """
            with latest as (select * from audit_run order by started_at desc limit 1)
            select latest.id, latest.period_from, latest.period_to, latest.started_at, latest.signed_off_at,
                   (select count(*) from audit_run where signed_off_at is null) as awaiting_sign_off,
                   (select min(started_at) from audit_run where signed_off_at is null) as oldest_unsigned,
                   (select coalesce(jsonb_object_agg(severity, n), '{}')
                      from (select severity, count(*) as n from audit_finding where recorded_at >= $1 group by severity) f)
                       as findings
              from (select) one left join latest on true""";
    private static final String BREACHES = """
            with unnotified as (select count(*) as n from breach_incident i
                                 where (select count(distinct recipient) from breach_notification n
                                         where n.incident_id = i.id
                                           and n.recipient in ('media', 'state-office-of-information-security')) < 2),
                 unnoticed as (select count(*) as n from breach_incident where notice_posted_at is null)
            select (select count(*) from breach_incident) as incidents,
                   (select count(*) from breach_incident where notice_posted_at is not null and notice_withdrawn_at is null)
                       as notices_posted,
                   (select n from unnoticed) as without_notice,
                   (select n from unnotified) as unnotified""";

    private final AuditConfig.Report limits;

    ReportStore(AuditConfig config) {
        this.limits = config.report();
    }

    /** What is held, and the last purge; a read is beyond retention before the UTC day {@code retentionDays} ago. */
    public Uni<RetentionEvidence> retention(SqlClient client, int retentionDays) {
        return one(client, RETENTION, Tuple.of(retentionDays)).map(row -> {
            OffsetDateTime finished = row.getOffsetDateTime("finished_at");
            RetentionEvidence.LastPurge lastPurge = finished == null ? null
                    : new RetentionEvidence.LastPurge(finished.toInstant(), row.getString("outcome"),
                            instant(row, "cutoff"), List.of(row.getArrayOfLocalDates("days")),
                            List.of(row.getArrayOfLocalDates("keys_destroyed")),
                            ((JsonObject) row.getValue("counts")).getMap());
            return new RetentionEvidence(retentionDays, row.getLocalDate("oldest_day"), instant(row, "oldest_read"),
                    row.getBoolean("beyond"), row.getLong("destroyed"), lastPurge);
        });
    }

    /** The log's head, its last verification, newest checkpoint and last expiry. */
    public Uni<AccessLogEvidence> accessLog(SqlClient client, int retentionYears) {
        return one(client, ACCESS_LOG, Tuple.tuple()).map(row -> new AccessLogEvidence(row.getLong("last_seq"),
                retentionYears,
                row.getValue("verified_at") == null ? null
                        : new AccessLogEvidence.LastVerification(instant(row, "verified_at"), row.getString("verified_by"),
                                row.getBoolean("intact"), row.getLong("records"), row.getInteger("checkpoints")),
                row.getValue("checkpoint_number") == null ? null
                        : new AccessLogEvidence.LatestCheckpoint(row.getLong("checkpoint_number"),
                                row.getLong("checkpoint_seq"), instant(row, "checkpoint_signed_at")),
                row.getValue("through_seq") == null ? null
                        : new AccessLogEvidence.ExpiredThrough(row.getLong("through_seq"),
                                instant(row, "through_occurred_at"), instant(row, "expired_at")),
                instant(row, "oldest_unsigned")));
    }

    /**
     * The database's time at the start of the report's transaction: every window and threshold is measured from it,
     * one clock for the whole report, as the database's {@code now()} would.
     */
    public Uni<Instant> now(SqlClient client) {
        return client.query("select now()").execute()
                .map(rows -> rows.iterator().next().getOffsetDateTime(0).toInstant());
    }

    /** The purposes and case numbers of accesses to read data over the report's window. */
    public Uni<PurposeEvidence> purpose(SqlClient client, Instant now) {
        Instant since = now.minus(limits.window());
        return one(client, PURPOSE, Tuple.of(utc(since), utc(LocalDate.ofInstant(since, ZoneOffset.UTC)
                .atStartOfDay(ZoneOffset.UTC).toInstant())))
                .map(row -> new PurposeEvidence((int) limits.window().toDays(),
                        counts((JsonObject) row.getValue("granted_by_purpose")),
                        row.getLong("granted_without_case_number"), row.getLong("refused"),
                        daily(now, (JsonArray) row.getValue("searches_by_day"), (JsonArray) row.getValue("refused_by_day"))));
    }

    /** Who holds a current training record, whose runs out soon, and who was refused for want of one. */
    public Uni<TrainingEvidence> training(SqlClient client, Instant now) {
        return one(client, TRAINING, Tuple.of(utc(now), utc(now.plus(limits.trainingExpiringWithin())),
                utc(now.minus(limits.window()))))
                .map(row -> new TrainingEvidence(row.getLong("current_users"), row.getLong("expiring"),
                        row.getLong("refused")));
    }

    /** Contractor grants in force, law-enforcement requests, and refusals over the report's window. */
    public Uni<AccessControlEvidence> accessControl(SqlClient client, Instant now) {
        return one(client, ACCESS_CONTROL, Tuple.of(utc(now), utc(now.minus(limits.window()))))
                .map(row -> new AccessControlEvidence(row.getLong("active_grants"), row.getLong("pending_requests"),
                        row.getLong("approved_in_force"), row.getLong("refused"), instant(row, "oldest_pending")));
    }

    /** Evidence exports over the report's window. */
    public Uni<ExportEvidence> exports(SqlClient client, Instant now) {
        return one(client, EXPORTS, Tuple.of(utc(now.minus(limits.window()))))
                .map(row -> new ExportEvidence(row.getLong("exports"), row.getLong("reads"), row.getLong("refused")));
    }

    /** Agencies that may receive data, and who received it over the report's window. */
    public Uni<SharingEvidence> sharing(SqlClient client, Instant now) {
        return one(client, SHARING, Tuple.of(utc(now.minus(limits.window())),
                PublicAgencies.LEVELS.toArray(String[]::new))).map(row -> {
                    List<SharingEvidence.Recipient> recipients = new ArrayList<>();
                    ((JsonArray) row.getValue("recipients")).forEach(entry -> {
                        JsonObject recipient = (JsonObject) entry;
                        recipients.add(new SharingEvidence.Recipient(recipient.getString("agency"), recipient.getLong("shares"),
                                recipient.getLong("reads")));
                    });
                    return new SharingEvidence(row.getLong("active_agencies"), recipients,
                            row.getBoolean("outside_public_agencies"));
                });
    }

    /** Hotlist entries in force, alerts over the report's window, and alerts still without a disposition. */
    public Uni<HotlistEvidence> hotlists(SqlClient client, Instant now) {
        return one(client, HOTLISTS, Tuple.of(utc(now), utc(now.minus(limits.window())),
                utc(now.minus(limits.dispositionOverdue()))))
                .map(row -> {
                    List<HotlistEvidence.Feed> feeds = new ArrayList<>();
                    ((JsonArray) row.getValue("feeds")).forEach(value -> {
                        JsonObject feed = (JsonObject) value;
                        feeds.add(new HotlistEvidence.Feed(feed.getString("name"), feed.getString("layout"),
                                jsonInstant(feed, "refreshedAt"), jsonInstant(feed, "fileModifiedAt"),
                                feed.getLong("entries"), feed.getBoolean("stale"), feed.getString("failure")));
                    });
                    JsonObject dispositions = (JsonObject) row.getValue("dispositions");
                    return new HotlistEvidence(row.getLong("active_entries"), row.getLong("alerts"),
                            row.getLong("awaiting"), new HotlistEvidence.Dispositions(dispositions.getLong("confirmed"),
                                    dispositions.getLong("misread"), dispositions.getLong("dismissed"),
                                    dispositions.getLong("open")),
                            feeds);
                });
    }

    /** The last audit run, those awaiting sign-off, and the findings over the findings window. */
    public Uni<AuditEvidence> audits(SqlClient client, Instant now) {
        return one(client, AUDITS, Tuple.of(utc(now.minus(limits.findingsWindow())))).map(row -> new AuditEvidence(
                row.getUUID("id") == null ? null
                        : new AuditEvidence.LastRun(row.getUUID("id"), instant(row, "period_from"),
                                instant(row, "period_to"), instant(row, "started_at"), instant(row, "signed_off_at")),
                row.getLong("awaiting_sign_off"), counts((JsonObject) row.getValue("findings")),
                instant(row, "oldest_unsigned")));
    }

    /** Incidents, their notices, and those not yet notified to the media and the state. */
    public Uni<BreachEvidence> breaches(SqlClient client) {
        return one(client, BREACHES, Tuple.tuple()).map(row -> new BreachEvidence(row.getLong("incidents"),
                row.getLong("notices_posted"), row.getLong("without_notice"), row.getLong("unnotified")));
    }

    private static Uni<Row> one(SqlClient client, String query, Tuple values) {
        return client.preparedQuery(query).execute(values).map(rows -> rows.iterator().next());
    }

    /** Every UTC day of the window, oldest first, with its searches by purpose and its refusals; none missing. */
    private List<PurposeEvidence.Day> daily(Instant now, JsonArray searches, JsonArray refusals) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = LocalDate.ofInstant(now.minus(limits.window()), ZoneOffset.UTC);
        Map<LocalDate, Map<String, Long>> searched = new TreeMap<>();
        searches.forEach(value -> {
            JsonObject count = (JsonObject) value;
            searched.computeIfAbsent(LocalDate.parse(count.getString("day")), day -> new TreeMap<>())
                    .put(count.getString("purpose"), count.getLong("n"));
        });
        Map<LocalDate, Long> refused = new TreeMap<>();
        refusals.forEach(value -> {
            JsonObject count = (JsonObject) value;
            refused.put(LocalDate.parse(count.getString("day")), count.getLong("n"));
        });
        List<PurposeEvidence.Day> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            days.add(new PurposeEvidence.Day(day, searched.getOrDefault(day, Map.of()), refused.getOrDefault(day, 0L)));
        }
        return days;
    }

    private static Map<String, Long> counts(JsonObject counted) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counted.forEach(entry -> counts.put(entry.getKey(), ((Number) entry.getValue()).longValue()));
        return counts;
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static Instant jsonInstant(JsonObject object, String key) {
        String value = object.getString(key);
        return value == null ? null : OffsetDateTime.parse(value).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
