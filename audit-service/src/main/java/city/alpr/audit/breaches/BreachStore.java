package city.alpr.audit.breaches;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Breach incidents, their public notices and the notifications made (breach_incident, breach_notification). */
@ApplicationScoped
public class BreachStore {

    private static final String INCIDENT_COLUMNS = """
            id, title, description, discovered_at, occurred_from, occurred_to, data_kinds, affected_count, recorded_by,
            recorded_at, notice_title, notice_body, notice_posted_at, notice_withdrawn_at""";
    private static final String NOTIFICATION_COLUMNS = """
            id, incident_id, recipient, recipient_name, notified_at, method, reference, recorded_by""";

    /** Records an incident and returns it. */
    public Uni<Incident> record(SqlClient client, UUID id, NewIncident incident, String recordedBy) {
        return client.preparedQuery("""
                insert into breach_incident (id, title, description, discovered_at, occurred_from, occurred_to,
                                             data_kinds, affected_count, recorded_by)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9)""")
                .execute(Tuple.tuple().addUUID(id).addString(incident.title()).addString(incident.description())
                        .addOffsetDateTime(utc(incident.discoveredAt()))
                        .addOffsetDateTime(utc(incident.occurredFrom())).addOffsetDateTime(utc(incident.occurredTo()))
                        .addArrayOfString(incident.dataKinds().toArray(String[]::new))
                        .addInteger(incident.affectedCount()).addString(recordedBy))
                .chain(() -> load(client, id));
    }

    /** Posts the incident's public notice now, unless one was posted already. */
    public Uni<Incident> postNotice(SqlClient client, UUID id, NewNotice notice, String postedBy) {
        return client.preparedQuery("""
                update breach_incident
                   set notice_title = $2, notice_body = $3, notice_posted_at = now(), notice_posted_by = $4
                 where id = $1 and notice_posted_at is null""")
                .execute(Tuple.of(id, notice.title(), notice.body(), postedBy))
                .chain(updated -> load(client, id).invoke(incident -> {
                    if (updated.rowCount() == 0) {
                        throw new ProblemException(ProblemType.CONFLICT, "a notice of incident " + id
                                + " was posted at " + incident.noticePostedAt());
                    }
                }));
    }

    /** Takes the incident's notice down now; the database refuses it within the minimum posting. */
    public Uni<Incident> withdrawNotice(SqlClient client, UUID id, String withdrawnBy) {
        return client.preparedQuery("""
                update breach_incident set notice_withdrawn_at = now(), notice_withdrawn_by = $2
                 where id = $1""")
                .execute(Tuple.of(id, withdrawnBy))
                .chain(() -> load(client, id));
    }

    /** Records a notification made about an existing incident and returns the incident. */
    public Uni<Incident> recordNotification(SqlClient client, UUID id, NewNotification notification, String recordedBy) {
        return load(client, id)
                .chain(() -> client.preparedQuery("""
                        insert into breach_notification (id, incident_id, recipient, recipient_name, notified_at,
                                                         method, reference, recorded_by)
                        values ($1, $2, $3, $4, $5, $6, $7, $8)""")
                        .execute(Tuple.tuple().addUUID(UUID.randomUUID()).addUUID(id)
                                .addString(notification.recipient()).addString(notification.recipientName())
                                .addOffsetDateTime(utc(notification.notifiedAt()))
                                .addString(notification.method()).addString(notification.reference())
                                .addString(recordedBy)))
                .chain(() -> load(client, id));
    }

    /** The incident with its notifications, or a problem if there is none. */
    public Uni<Incident> load(SqlClient client, UUID id) {
        return client.preparedQuery("select " + INCIDENT_COLUMNS + " from breach_incident where id = $1")
                .execute(Tuple.of(id))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ProblemException.notFound("no incident " + id);
                    }
                    Row row = rows.iterator().next();
                    return client.preparedQuery("select " + NOTIFICATION_COLUMNS
                            + " from breach_notification where incident_id = $1 order by notified_at")
                            .execute(Tuple.of(id))
                            .map(made -> {
                                List<Incident.Notification> notifications = new ArrayList<>();
                                made.forEach(notification -> notifications.add(notification(notification)));
                                return incident(row, notifications);
                            });
                });
    }

    /** Every incident, newest first, with its notifications. */
    public Uni<List<Incident>> all(SqlClient client) {
        return client.query("select " + NOTIFICATION_COLUMNS + " from breach_notification order by notified_at")
                .execute()
                .chain(made -> {
                    Map<UUID, List<Incident.Notification>> byIncident = new HashMap<>();
                    made.forEach(row -> byIncident.computeIfAbsent(row.getUUID("incident_id"), key -> new ArrayList<>())
                            .add(notification(row)));
                    return client.query("select " + INCIDENT_COLUMNS + " from breach_incident order by recorded_at desc")
                            .execute()
                            .map(rows -> {
                                List<Incident> incidents = new ArrayList<>();
                                rows.forEach(row -> incidents.add(incident(row,
                                        byIncident.getOrDefault(row.getUUID("id"), List.of()))));
                                return incidents;
                            });
                });
    }

    /** The notices posted and not withdrawn, newest first, as the public sees them. */
    public Uni<List<PublicNotice>> posted(SqlClient client) {
        return client.query("""
                select id, notice_title, notice_body, notice_posted_at from breach_incident
                 where notice_posted_at is not null and notice_withdrawn_at is null
                 order by notice_posted_at desc""")
                .execute()
                .map(rows -> {
                    List<PublicNotice> notices = new ArrayList<>();
                    rows.forEach(row -> {
                        Instant posted = row.getOffsetDateTime("notice_posted_at").toInstant();
                        notices.add(new PublicNotice(row.getUUID("id"), row.getString("notice_title"),
                                row.getString("notice_body"), posted, BreachRules.mayBeWithdrawnAt(posted)));
                    });
                    return notices;
                });
    }

    private static Incident incident(Row row, List<Incident.Notification> notifications) {
        Instant posted = instant(row.getOffsetDateTime("notice_posted_at"));
        return new Incident(row.getUUID("id"), row.getString("title"), row.getString("description"),
                instant(row.getOffsetDateTime("discovered_at")), instant(row.getOffsetDateTime("occurred_from")),
                instant(row.getOffsetDateTime("occurred_to")), List.of(row.getArrayOfStrings("data_kinds")),
                row.getInteger("affected_count"), row.getString("recorded_by"), instant(row.getOffsetDateTime("recorded_at")),
                row.getString("notice_title"), row.getString("notice_body"), posted,
                posted == null ? null : BreachRules.mayBeWithdrawnAt(posted),
                instant(row.getOffsetDateTime("notice_withdrawn_at")), notifications,
                BreachRules.outstanding(posted, notifications));
    }

    private static Incident.Notification notification(Row row) {
        return new Incident.Notification(row.getUUID("id"), row.getString("recipient"), row.getString("recipient_name"),
                row.getOffsetDateTime("notified_at").toInstant(), row.getString("method"), row.getString("reference"),
                row.getString("recorded_by"));
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
