package city.alpr.audit.publicrecords;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The public-records reports' figures (R32). Over this service's audit_event and agency, and read-only over tables
 * other services own: plate_read, which ingest-service owns; data_share, hotlist, hotlist_entry, hotlist_feed and
 * hotlist_alert, which query-service owns; purged_day_rows, which retention-service's purge writes.
 */
@ApplicationScoped
public class PublicRecordsStore {

    /**
     * Accesses to ALPR data: every action on reads (search, view, image, export, share, correction), and every other
     * access judged under a stated purpose (watching a plate for a case, answering an alert).
     */
    private static final String ACCESSES = """
            select username, occurred_at, agency, purpose, case_number, data_elements, result_count, action, outcome
              from audit_event
             where occurred_at >= $1 and occurred_at < $2 and (action like 'read.%' or purpose is not null)
             order by seq limit $3""";
    private static final String READS_SHARED = """
            select a.id, a.name, a.kind, a.level, a.state, count(*) as shares, coalesce(sum(s.read_count), 0) as reads,
                   count(*) filter (where s.ownership_transferred) as transferred,
                   array_agg(distinct s.purpose order by s.purpose) as purposes
              from data_share s join agency a on a.id = s.agency_id
             where s.shared_at >= $1 and s.shared_at < $2
             group by a.id, a.name, a.kind, a.level, a.state
             order by a.name, a.id""";
    private static final String HOTLIST_SOURCES = """
            with hits as (select entry_id, hotlist_id from hotlist_alert where raised_at >= $1 and raised_at < $2),
                 typed as (select e.source, h.kind, e.removed_at, e.expires_at, e.created_at, coalesce(c.n, 0) as hits
                             from hotlist_entry e join hotlist h on h.id = e.hotlist_id
                             left join (select entry_id, count(*) as n from hits group by entry_id) c on c.entry_id = e.id
                            where not exists (select 1 from hotlist_feed f where f.hotlist_id = e.hotlist_id))
            select f.name as source, 'feed (' || f.layout || ')' as received_as, h.kind,
                   (select count(*) from hotlist_entry e
                     where e.hotlist_id = f.hotlist_id and e.removed_at is null and e.expires_at > now()) as active,
                   (select count(*) from hotlist_entry e
                     where e.hotlist_id = f.hotlist_id and e.created_at >= $1 and e.created_at < $2) as added,
                   (select count(*) from hits where hits.hotlist_id = f.hotlist_id) as hits
              from hotlist_feed f join hotlist h on h.id = f.hotlist_id
            union all
            select source, 'typed', kind, count(*) filter (where removed_at is null and expires_at > now()),
                   count(*) filter (where created_at >= $1 and created_at < $2), coalesce(sum(hits), 0)
              from typed group by source, kind
            order by 2, 1, 3""";
    /** Held rows by the year of their time, and purged days' rows by the year of their day; searches from the log. */
    private static final String YEARLY = """
            select year, figure, purpose, sum(n)::bigint as n from (
                select extract(year from captured_at at time zone 'UTC')::int as year, 'reads' as figure,
                       null::text as purpose, count(*) as n
                  from plate_read group by 1
                union all
                select extract(year from day)::int, 'reads', null, sum(row_count)
                  from purged_day_rows where table_name = 'plate_read' group by 1
                union all
                select extract(year from raised_at at time zone 'UTC')::int, 'hits', null, count(*)
                  from hotlist_alert group by 1
                union all
                select extract(year from day)::int, 'hits', null, sum(row_count)
                  from purged_day_rows where table_name = 'hotlist_alert' group by 1
                union all
                select extract(year from occurred_at at time zone 'UTC')::int, 'searches', coalesce(purpose, 'none'),
                       count(*)
                  from audit_event where action = 'read.search' and outcome = 'granted' group by 1, 3
            ) figures
            group by year, figure, purpose
            order by year, figure, purpose""";
    private static final String COUNTED_FROM = """
            select (select min(occurred_at) from audit_event) as log_from,
                   (select min(day) from purged_day_rows) as purged_from""";

    /** The accesses to ALPR data in the period, oldest first, at most {@code limit}. */
    Uni<List<AccessRecord>> accesses(SqlClient client, Instant from, Instant to, int limit) {
        return client.preparedQuery(ACCESSES).execute(Tuple.of(utc(from), utc(to), limit)).map(rows -> {
            List<AccessRecord> accesses = new ArrayList<>();
            rows.forEach(row -> accesses.add(new AccessRecord(row.getString("username"),
                    row.getOffsetDateTime("occurred_at").toInstant(), row.getString("agency"), row.getString("purpose"),
                    row.getString("case_number"),
                    AccessRecord.inReadingOrder(((JsonObject) row.getValue("data_elements")).getMap()),
                    row.getInteger("result_count"), row.getString("action"), row.getString("outcome"))));
            return accesses;
        });
    }

    Uni<List<SharingReport.ReadsShared>> readsShared(SqlClient client, Instant from, Instant to) {
        return client.preparedQuery(READS_SHARED).execute(Tuple.of(utc(from), utc(to))).map(rows -> {
            List<SharingReport.ReadsShared> shared = new ArrayList<>();
            rows.forEach(row -> shared.add(new SharingReport.ReadsShared(row.getString("id"), row.getString("name"),
                    row.getString("kind"), row.getString("level"), row.getString("state"), row.getLong("shares"),
                    row.getLong("reads"), row.getLong("transferred"), List.of(row.getArrayOfStrings("purposes")))));
            return shared;
        });
    }

    Uni<List<SharingReport.HotlistSource>> hotlistSources(SqlClient client, Instant from, Instant to) {
        return client.preparedQuery(HOTLIST_SOURCES).execute(Tuple.of(utc(from), utc(to))).map(rows -> {
            List<SharingReport.HotlistSource> sources = new ArrayList<>();
            rows.forEach(row -> sources.add(new SharingReport.HotlistSource(row.getString("source"),
                    row.getString("received_as"), row.getString("kind"), row.getLong("active"), row.getLong("added"),
                    row.getLong("hits"))));
            return sources;
        });
    }

    Uni<YearlyTotals> yearlyTotals(SqlClient client) {
        return client.preparedQuery(YEARLY).execute().chain(rows -> {
            Map<Integer, Tally> years = new TreeMap<>();
            rows.forEach(row -> years.computeIfAbsent(row.getInteger("year"), Tally::new).add(row));
            return client.preparedQuery(COUNTED_FROM).execute().map(counted -> {
                Row row = counted.iterator().next();
                OffsetDateTime logFrom = row.getOffsetDateTime("log_from");
                return new YearlyTotals(years.values().stream().map(Tally::year).toList(),
                        logFrom == null ? null : logFrom.atZoneSameInstant(ZoneOffset.UTC).toLocalDate(),
                        row.getLocalDate("purged_from"));
            });
        });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** One year's figures as the rows of {@link #YEARLY} bring them. */
    private static final class Tally {
        private final int year;
        private long reads;
        private long hits;
        private final Map<String, Long> searches = new TreeMap<>();

        Tally(int year) {
            this.year = year;
        }

        void add(Row row) {
            long n = row.getLong("n");
            switch (row.getString("figure")) {
                case "reads" -> reads += n;
                case "hits" -> hits += n;
                default -> searches.merge(row.getString("purpose"), n, Long::sum);
            }
        }

        YearlyTotals.Year year() {
            return new YearlyTotals.Year(year, reads, hits, searches.values().stream().mapToLong(Long::longValue).sum(),
                    searches);
        }
    }
}
