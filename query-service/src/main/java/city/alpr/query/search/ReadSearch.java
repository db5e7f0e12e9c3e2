package city.alpr.query.search;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.common.audit.Actor;
import city.alpr.common.crypto.DataKey;
import city.alpr.common.plates.PlateText;
import city.alpr.common.reads.ReadDetails;
import city.alpr.query.QueryConfig;
import city.alpr.query.access.AlertRecipients;
import city.alpr.query.reads.Correction;
import city.alpr.query.reads.ReadVault;
import city.alpr.query.search.SearchPage.ReadSummary;
import city.alpr.query.search.SearchRequest.Area;
import city.alpr.query.search.SearchRequest.Match;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Finds reads without a readable plate in the database. An exact search computes the plate's keyed hash under
 * the key of every day in the range and, in one statement, probes each day's partition for that day's value; a
 * look-alike search does the same with the look-alike form; a partial search looks up the day's buckets of the
 * pattern's known trigrams day by day, newest first, and confirms each candidate on its opened plate. Corrected reads
 * are found by their corrected plate too (R22). A read's site and position are the ones sealed with it; a search by
 * area keeps only the reads taken inside it.
 */
@ApplicationScoped
class ReadSearch {

    /**
     * The keys of a page of reads whose day's plate hash matches: one index probe in each day's partition for that
     * day's value. A single {@code = any(all days' values)} would probe every partition for every day's value.
     */
    private static final String PAGE_BY_DAY = """
            (select r.id, r.captured_at
             from unnest(%1$s::timestamptz[], %2$s::bytea[]) as k (day_start, value)
             cross join lateral (
                 select r.id, r.captured_at from plate_read r
                 where r.captured_at >= k.day_start and r.captured_at < k.day_start + interval '24 hours'
                   and r.captured_at >= $1 and r.captured_at < $2%3$s
                   and r.%4$s = k.value
                 order by r.captured_at desc, r.id desc limit %5$s) r
             order by r.captured_at desc, r.id desc limit %5$s)""";
    /** The keys of a page of matching reads; {@code %s} is where the conditions of one search go. */
    private static final String PAGE_BRANCH = """
            (select r.id, r.captured_at from plate_read r
             where r.captured_at >= $1 and r.captured_at < $2%s
             order by r.captured_at desc, r.id desc limit %s)""";
    /**
     * The page's reads, with whether a hotlist alert the searcher receives flagged each (R29), and its latest
     * correction. Alerts and corrections are
     * looked up once for the whole page, not once per read: a correlated lookup per read would prune the daily
     * partitions again for every row.
     */
    private static final String PAGE = """
            with page as (%s),
            hits as (select distinct a.read_id from hotlist_alert a join hotlist_entry e on e.id = a.entry_id
                     where a.read_id = any(array(select id from page)) and a.captured_at >= $1 and a.captured_at < $2
                       and %s),
            latest as (select distinct on (read_id) read_id, id, sealed_correction from read_correction
                       where read_id = any(array(select id from page)) and captured_at >= $1 and captured_at < $2
                       order by read_id, corrected_at desc)
            select p.id, p.captured_at, r.camera_id, r.sealed_details, h.read_id is not null as hotlist_hit,
                   l.id as correction_id, l.sealed_correction
            from page p
            join plate_read r on r.id = p.id and r.captured_at = p.captured_at and r.captured_at >= $1 and r.captured_at < $2
            left join hits h on h.read_id = p.id
            left join latest l on l.read_id = p.id
            order by p.captured_at desc, p.id desc""";
    private static final int PARTIAL_BATCH = 200;

    private final ReadVault vault;
    private final AlertRecipients recipients;
    private final int maxPartialCandidates;

    ReadSearch(ReadVault vault, AlertRecipients recipients, QueryConfig config) {
        this.vault = vault;
        this.recipients = recipients;
        this.maxPartialCandidates = config.search().maxPartialCandidates();
    }

    /**
     * The search, validated and admitted; cameras already narrowed to the requested ids and to those that stand or
     * stood in the area, if one is given.
     */
    record Criteria(OffsetDateTime from, OffsetDateTime to, String plate, Match match, PlatePattern pattern,
            List<String> cameraIds, Area area, int pageSize, Cursor after) {

        Criteria withAfter(Cursor cursor) {
            return new Criteria(from, to, plate, match, pattern, cameraIds, area, pageSize, cursor);
        }

        /** Whether a read taken at this position is inside the area searched, if one was. */
        boolean inArea(ReadSummary read) {
            return area == null || Geofence.contains(area, read.latitude(), read.longitude());
        }
    }

    Uni<SearchPage> search(SqlConnection connection, Criteria criteria, Actor searcher) {
        if (criteria.cameraIds() != null && criteria.cameraIds().isEmpty()) {
            return Uni.createFrom().item(new SearchPage(List.of(), null, false));
        }
        return vault.keys(connection, criteria.from(), criteria.to()).chain(keys -> keys.isEmpty()
                ? Uni.createFrom().item(new SearchPage(List.of(), null, false))
                : criteria.match() == Match.PARTIAL ? partial(connection, criteria, keys, searcher)
                        : indexed(connection, criteria, keys, searcher));
    }

    private Uni<SearchPage> indexed(SqlConnection connection, Criteria criteria, Map<LocalDate, DataKey> keys,
            Actor searcher) {
        Statement statement = new Statement(criteria.from(), criteria.to(), criteria, receiving(searcher));
        if (criteria.plate() != null) {
            String plate = PlateText.normalize(criteria.plate());
            boolean lookAlike = criteria.match() == Match.LOOKALIKE;
            String value = lookAlike ? PlateText.lookAlike(plate) : plate;
            List<LocalDate> days = List.copyOf(keys.keySet());
            statement.matchingByDay(lookAlike ? "plate_lookalike_index" : "plate_index",
                    days.stream().map(day -> day.atStartOfDay().atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new),
                    days.stream().map(day -> Buffer.buffer(keys.get(day).plateIndex(value))).toArray(Buffer[]::new));
        }
        return statement.execute(connection, criteria.pageSize() + 1).map(rows -> {
            // a page is the statement's rows, less those taken outside the area; the next page starts after its last
            List<ReadSummary> found = new ArrayList<>();
            Cursor lastOfPage = null;
            int fetched = 0;
            boolean more = false;
            for (Row row : rows) {
                if (fetched == criteria.pageSize()) {
                    more = true;
                    break;
                }
                fetched++;
                lastOfPage = new Cursor(row.getOffsetDateTime("captured_at"), row.getUUID("id"));
                ReadSummary read = summary(row, keys);
                if (criteria.inArea(read)) {
                    found.add(read);
                }
            }
            return new SearchPage(List.copyOf(found), more ? lastOfPage.encode() : null, false);
        });
    }

    /** Day by day, newest first, in batches, until the page is full or the candidate limit is reached. */
    private Uni<SearchPage> partial(SqlConnection connection, Criteria criteria, Map<LocalDate, DataKey> keys,
            Actor searcher) {
        List<LocalDate> days = keys.keySet().stream().sorted(Comparator.reverseOrder()).toList();
        return partialFrom(connection, criteria, keys, receiving(searcher), days, 0, criteria.after(),
                new ArrayList<>(), 0);
    }

    private Uni<SearchPage> partialFrom(SqlConnection connection, Criteria criteria, Map<LocalDate, DataKey> keys,
            Function<Tuple, String> receiving, List<LocalDate> days, int dayIndex, Cursor after,
            List<ReadSummary> found, int examined) {
        if (found.size() > criteria.pageSize() || dayIndex >= days.size()) {
            return Uni.createFrom().item(page(found, criteria.pageSize(), false));
        }
        if (examined >= maxPartialCandidates) {
            return Uni.createFrom().item(new SearchPage(found, after.encode(), true));
        }
        LocalDate day = days.get(dayIndex);
        OffsetDateTime dayStart = max(day.atStartOfDay().atOffset(ZoneOffset.UTC), criteria.from());
        OffsetDateTime dayEnd = min(day.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC), criteria.to());
        Statement statement = new Statement(dayStart, dayEnd, criteria.withAfter(after), receiving);
        statement.matching("plate_trigram_buckets @> " + statement.bind(Arrays.stream(keys.get(day)
                .trigramBuckets(criteria.pattern().trigrams())).mapToObj(bucket -> (short) bucket)
                .toArray(Short[]::new)) + "::smallint[]");
        return statement.execute(connection, PARTIAL_BATCH).chain(rows -> {
            Cursor last = after;
            int candidates = 0;
            for (Row row : rows) {
                candidates++;
                last = new Cursor(row.getOffsetDateTime("captured_at"), row.getUUID("id"));
                ReadSummary read = summary(row, keys);
                if ((criteria.pattern().matches(read.plate()) || criteria.pattern().matches(read.correctedPlate()))
                        && criteria.inArea(read)) {
                    found.add(read);
                    if (found.size() > criteria.pageSize()) {
                        break;
                    }
                }
            }
            boolean dayDone = candidates < PARTIAL_BATCH;
            // older days lie wholly below the last read examined, so it is also where the next day continues
            return partialFrom(connection, criteria, keys, receiving, days, dayDone ? dayIndex + 1 : dayIndex,
                    last, found, examined + candidates);
        });
    }

    /** The condition that the searcher receives an entry's alerts, bound into a statement's parameters. */
    private Function<Tuple, String> receiving(Actor searcher) {
        return parameters -> recipients.receives(searcher, parameters);
    }

    private ReadSummary summary(Row row, Map<LocalDate, DataKey> keys) {
        UUID id = row.getUUID("id");
        OffsetDateTime capturedAt = row.getOffsetDateTime("captured_at");
        DataKey key = keys.get(ReadVault.day(capturedAt));
        String cameraId = row.getString("camera_id");
        ReadDetails details = vault.details(key, id, row.getBuffer("sealed_details").getBytes(), cameraId, capturedAt);
        String correctedPlate = null;
        if (row.getValue("correction_id") != null) {
            Correction correction = vault.correction(key, id, row.getUUID("correction_id"),
                    row.getBuffer("sealed_correction").getBytes());
            correctedPlate = correction.plate();
        }
        ReadDetails.Site site = details.site();
        ReadDetails.Location location = details.location();
        return new ReadSummary(id, capturedAt, cameraId, site.name(),
                location != null ? location.latitude() : site.latitude(),
                location != null ? location.longitude() : site.longitude(),
                details.plate(), details.region(), details.confidence(), row.getBoolean("hotlist_hit"), correctedPlate);
    }

    private static SearchPage page(List<ReadSummary> found, int pageSize, boolean truncated) {
        if (found.size() <= pageSize) {
            return new SearchPage(found, null, truncated);
        }
        List<ReadSummary> page = found.subList(0, pageSize);
        ReadSummary last = page.getLast();
        return new SearchPage(List.copyOf(page), new Cursor(last.capturedAt(), last.id()).encode(), truncated);
    }

    private static OffsetDateTime max(OffsetDateTime a, OffsetDateTime b) {
        return a.isAfter(b) ? a : b;
    }

    private static OffsetDateTime min(OffsetDateTime a, OffsetDateTime b) {
        return a.isBefore(b) ? a : b;
    }

    /**
     * One search statement: the time range is always $1 and $2, and each filter adds its own parameter, so every
     * combination of filters is its own prepared statement. The service prepares them once per connection and
     * runs them with generic plans (see application.properties): partitions outside the range are pruned when
     * the statement starts, and no statement is planned again per search. The page is chosen from the
     * (plate hash, capture time, id) indexes alone, and only its reads are fetched. A plate condition is applied
     * twice, to the reads themselves and to their corrections, as a union of two index lookups: an OR of the two,
     * or a semi-join on the corrections, makes the generic plan scan whole partitions (measured on this machine:
     * 2 ms against 80-100 ms).
     */
    private static final class Statement {

        private final List<String> conditions = new ArrayList<>();
        private final Tuple parameters = Tuple.tuple();
        private final Function<Tuple, String> receiving;
        private String plateCondition;
        private String dayStarts;
        private String dayValues;
        private String dayColumn;

        Statement(OffsetDateTime from, OffsetDateTime to, Criteria criteria, Function<Tuple, String> receiving) {
            this.receiving = receiving;
            parameters.addValue(from).addValue(to);
            if (criteria.cameraIds() != null) {
                conditions.add("r.camera_id = any(" + bind(criteria.cameraIds().toArray(String[]::new)) + "::text[])");
            }
            if (criteria.after() != null) {
                String at = bind(criteria.after().capturedAt());
                conditions.add("(r.captured_at, r.id) < (" + at + ", " + bind(criteria.after().id()) + "::uuid)");
            }
        }

        String bind(Object value) {
            parameters.addValue(value);
            return "$" + parameters.size();
        }

        /** A condition on the plate columns that reads and corrections share, e.g. {@code plate_index = any($3)}. */
        void matching(String condition) {
            plateCondition = condition;
        }

        /** Plate hashes that differ by day: {@code values[i]} is the hash for the day starting at {@code starts[i]}. */
        void matchingByDay(String column, OffsetDateTime[] starts, Buffer[] values) {
            dayColumn = column;
            dayStarts = bind(starts);
            dayValues = bind(values);
            plateCondition = column + " = any(" + dayValues + "::bytea[])";
        }

        Uni<RowSet<Row>> execute(SqlConnection connection, int limit) {
            String limitParameter = bind(limit);
            String common = conditions.stream().map(condition -> "\n   and " + condition).reduce("", String::concat);
            String page;
            if (plateCondition == null) {
                page = PAGE_BRANCH.formatted(common, limitParameter);
            } else {
                String reads = dayColumn != null
                        ? PAGE_BY_DAY.formatted(dayStarts, dayValues, common, dayColumn, limitParameter)
                        : PAGE_BRANCH.formatted(common + "\n   and r." + plateCondition, limitParameter);
                page = reads + "\nunion\n"
                        + PAGE_BRANCH.formatted(common + "\n   and r.id = any(array(select read_id from read_correction"
                                + " where " + plateCondition + " and captured_at >= $1 and captured_at < $2))",
                                limitParameter)
                        + "\norder by captured_at desc, id desc limit " + limitParameter;
            }
            String sql = PAGE.formatted(page, receiving.apply(parameters));
            return connection.preparedQuery(sql).execute(parameters);
        }
    }
}
