package city.alpr.query.search;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import city.alpr.common.crypto.DataKey;
import city.alpr.common.plates.PlateText;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One search statement: the time range is always $1 and $2, and each filter adds its own parameter, so every
 * combination of filters is its own prepared statement. The service prepares them once per connection and runs them
 * with generic plans (see application.properties): partitions outside the range are pruned when the statement
 * starts, and no statement is planned again per search. The page is chosen from the (plate hash, capture time, id)
 * indexes alone, and only its reads are fetched. A plate condition is applied twice, to the reads themselves and to
 * their corrections, as a union of two index lookups: an OR of the two, or a semi-join on the corrections, makes the
 * generic plan scan whole partitions (measured on this machine: 2 ms against 80-100 ms). Public so that the search
 * benchmark times the very statements the service sends.
 */
public final class SearchStatement {

    /** How many candidates one statement of a partial search fetches from a day's bucket index. */
    public static final int PARTIAL_BATCH = 200;

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
    /**
     * The keys of a page of the named cameras' reads, for a search without a plate: each camera's newest reads in the
     * order of its index, merged. A single {@code camera_id = any(...)} would sort every read the cameras took in the
     * range before it could return the first page.
     */
    private static final String PAGE_BY_CAMERA = """
            (select r.id, r.captured_at
             from (select distinct unnest(%1$s::text[])) as c (camera_id)
             cross join lateral (
                 select r.id, r.captured_at from plate_read r
                 where r.camera_id = c.camera_id and r.captured_at >= $1 and r.captured_at < $2%2$s
                 order by r.captured_at desc, r.id desc limit %3$s) r
             order by r.captured_at desc, r.id desc limit %3$s)""";
    /** The keys of a page of matching reads; {@code %s} is where the conditions of one search go. */
    private static final String PAGE_BRANCH = """
            (select r.id, r.captured_at from plate_read r
             where r.captured_at >= $1 and r.captured_at < $2%s
             order by r.captured_at desc, r.id desc limit %s)""";
    /**
     * The page's reads, with whether a hotlist alert the searcher receives flagged each (R29), and its latest
     * correction. Alerts and corrections are looked up once for the whole page, not once per read: a correlated lookup
     * per read would prune the daily partitions again for every row.
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

    /** A statement's text and the values of its parameters. */
    public record Prepared(String sql, Tuple parameters) {
    }

    private final List<String> conditions = new ArrayList<>();
    private final Tuple parameters = Tuple.tuple();
    private final Function<Tuple, String> receiving;
    private String plateCondition;
    private String cameras;
    private String dayStarts;
    private String dayValues;
    private String dayColumn;

    /**
     * @param cameraIds the cameras searched, or null for all
     * @param afterCapturedAt with {@code afterId}, where the previous page ended, or null for the first page
     * @param receiving the condition that the searcher receives a hotlist entry {@code e}'s alerts, its values
     *        appended to the parameters it is given ({@code AlertRecipients.receives})
     */
    public SearchStatement(OffsetDateTime from, OffsetDateTime to, List<String> cameraIds,
            OffsetDateTime afterCapturedAt, UUID afterId, Function<Tuple, String> receiving) {
        this.receiving = receiving;
        parameters.addValue(from).addValue(to);
        if (cameraIds != null) {
            cameras = bind(cameraIds.toArray(String[]::new));
            conditions.add("r.camera_id = any(" + cameras + "::text[])");
        }
        if (afterCapturedAt != null) {
            String at = bind(afterCapturedAt);
            conditions.add("(r.captured_at, r.id) < (" + at + ", " + bind(afterId) + "::uuid)");
        }
    }

    /**
     * Reads of this plate, or of plates that look like it: its keyed hash under each day's key, each probed in its
     * own day's partition.
     */
    public void matchingPlate(String plate, boolean lookAlike, Map<LocalDate, DataKey> keys) {
        String normalized = PlateText.normalize(plate);
        String value = lookAlike ? PlateText.lookAlike(normalized) : normalized;
        List<LocalDate> days = List.copyOf(keys.keySet());
        dayColumn = lookAlike ? "plate_lookalike_index" : "plate_index";
        dayStarts = bind(days.stream().map(day -> day.atStartOfDay().atOffset(ZoneOffset.UTC))
                .toArray(OffsetDateTime[]::new));
        dayValues = bind(days.stream().map(day -> Buffer.buffer(keys.get(day).plateIndex(value))).toArray(Buffer[]::new));
        plateCondition = dayColumn + " = any(" + dayValues + "::bytea[])";
    }

    /** Candidates of a partial search in one day: reads whose buckets hold all the pattern's trigrams' buckets. */
    public void matchingTrigrams(DataKey dayKey, Collection<String> trigrams) {
        Short[] buckets = Arrays.stream(dayKey.trigramBuckets(trigrams)).mapToObj(bucket -> (short) bucket)
                .toArray(Short[]::new);
        plateCondition = "plate_trigram_buckets @> " + bind(buckets) + "::smallint[]";
    }

    /** Candidates of a description search in one day: reads whose buckets hold all the description's terms' buckets. */
    public void describingVehicle(DataKey dayKey, Collection<String> terms) {
        Short[] buckets = Arrays.stream(dayKey.vehicleBuckets(terms)).mapToObj(bucket -> (short) bucket)
                .toArray(Short[]::new);
        conditions.add("r.vehicle_buckets @> " + bind(buckets) + "::smallint[]");
    }

    /** The statement for a page of at most {@code limit} reads. Call once. */
    public Prepared prepare(int limit) {
        String limitParameter = bind(limit);
        String common = conditions.stream().map(condition -> "\n   and " + condition).reduce("", String::concat);
        String page;
        if (plateCondition == null) {
            page = cameras != null ? PAGE_BY_CAMERA.formatted(cameras, common, limitParameter)
                    : PAGE_BRANCH.formatted(common, limitParameter);
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
        return new Prepared(PAGE.formatted(page, receiving.apply(parameters)), parameters);
    }

    Uni<RowSet<Row>> execute(SqlConnection connection, int limit) {
        Prepared prepared = prepare(limit);
        return connection.preparedQuery(prepared.sql()).execute(prepared.parameters());
    }

    private String bind(Object value) {
        parameters.addValue(value);
        return "$" + parameters.size();
    }
}
