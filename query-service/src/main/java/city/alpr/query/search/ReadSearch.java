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

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.common.crypto.DataKey;
import city.alpr.common.plates.PlateText;
import city.alpr.common.reads.ReadDetails;
import city.alpr.query.QueryConfig;
import city.alpr.query.reads.Correction;
import city.alpr.query.reads.ReadVault;
import city.alpr.query.search.SearchPage.ReadSummary;
import city.alpr.query.search.SearchRequest.Match;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Finds reads without a readable plate in the database. An exact search computes the plate's keyed hash under
 * the key of every day in the range and looks them all up in one indexed statement; a look-alike search does the
 * same with the look-alike form; a partial search looks up the keyed trigrams of the pattern's known pieces day
 * by day, newest first, and confirms each candidate on its opened plate. Corrected reads are found by their
 * corrected plate too (R22).
 */
@ApplicationScoped
class ReadSearch {

    private static final String SELECT = """
            select r.id, r.captured_at, r.camera_id, r.sealed_details,
                   exists(select 1 from hotlist_alert a where a.read_id = r.id and a.captured_at = r.captured_at) as hotlist_hit,
                   c.id as correction_id, c.sealed_correction
            from plate_read r
            left join lateral (select id, sealed_correction from read_correction c
                               where c.read_id = r.id and c.captured_at = r.captured_at
                               order by c.corrected_at desc limit 1) c on true
            where r.captured_at >= $1 and r.captured_at < $2""";
    private static final int PARTIAL_BATCH = 200;

    private final ReadVault vault;
    private final int maxPartialCandidates;

    ReadSearch(ReadVault vault, QueryConfig config) {
        this.vault = vault;
        this.maxPartialCandidates = config.search().maxPartialCandidates();
    }

    /** The search, validated and admitted; cameras already narrowed to the requested ids and area. */
    record Criteria(OffsetDateTime from, OffsetDateTime to, String plate, Match match, PlatePattern pattern,
            List<String> cameraIds, Map<String, Site> sites, int pageSize, Cursor after) {

        Criteria withAfter(Cursor cursor) {
            return new Criteria(from, to, plate, match, pattern, cameraIds, sites, pageSize, cursor);
        }
    }

    record Site(String site, double latitude, double longitude) {
    }

    Uni<SearchPage> search(SqlConnection connection, Criteria criteria) {
        if (criteria.cameraIds() != null && criteria.cameraIds().isEmpty()) {
            return Uni.createFrom().item(new SearchPage(List.of(), null, false));
        }
        return vault.keys(criteria.from(), criteria.to()).chain(keys -> keys.isEmpty()
                ? Uni.createFrom().item(new SearchPage(List.of(), null, false))
                : criteria.match() == Match.PARTIAL ? partial(connection, criteria, keys)
                        : indexed(connection, criteria, keys));
    }

    private Uni<SearchPage> indexed(SqlConnection connection, Criteria criteria, Map<LocalDate, DataKey> keys) {
        Statement statement = new Statement(criteria.from(), criteria.to(), criteria);
        if (criteria.plate() != null) {
            String plate = PlateText.normalize(criteria.plate());
            boolean lookAlike = criteria.match() == Match.LOOKALIKE;
            String column = lookAlike ? "plate_lookalike_index" : "plate_index";
            String value = lookAlike ? PlateText.lookAlike(plate) : plate;
            Buffer[] indexes = keys.values().stream().map(key -> Buffer.buffer(key.plateIndex(value))).toArray(Buffer[]::new);
            String parameter = statement.bind(indexes);
            statement.where("(r." + column + " = any(" + parameter + "::bytea[]) or r.id = any(array("
                    + "select read_id from read_correction where " + column + " = any(" + parameter + "::bytea[])"
                    + " and captured_at >= $1 and captured_at < $2)))");
        }
        return statement.execute(connection, criteria.pageSize() + 1).map(rows -> {
            List<ReadSummary> found = new ArrayList<>();
            for (Row row : rows) {
                found.add(summary(row, keys, criteria.sites()));
            }
            return page(found, criteria.pageSize(), false);
        });
    }

    /** Day by day, newest first, in batches, until the page is full or the candidate limit is reached. */
    private Uni<SearchPage> partial(SqlConnection connection, Criteria criteria, Map<LocalDate, DataKey> keys) {
        List<LocalDate> days = keys.keySet().stream().sorted(Comparator.reverseOrder()).toList();
        return partialFrom(connection, criteria, keys, days, 0, criteria.after(), new ArrayList<>(), 0);
    }

    private Uni<SearchPage> partialFrom(SqlConnection connection, Criteria criteria, Map<LocalDate, DataKey> keys,
            List<LocalDate> days, int dayIndex, Cursor after, List<ReadSummary> found, int examined) {
        if (found.size() > criteria.pageSize() || dayIndex >= days.size()) {
            return Uni.createFrom().item(page(found, criteria.pageSize(), false));
        }
        if (examined >= maxPartialCandidates) {
            return Uni.createFrom().item(new SearchPage(found, after.encode(), true));
        }
        LocalDate day = days.get(dayIndex);
        OffsetDateTime dayStart = max(day.atStartOfDay().atOffset(ZoneOffset.UTC), criteria.from());
        OffsetDateTime dayEnd = min(day.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC), criteria.to());
        Statement statement = new Statement(dayStart, dayEnd, criteria.withAfter(after));
        String trigrams = statement.bind(Arrays.stream(keys.get(day).trigramIndex(criteria.pattern().trigrams()))
                .boxed().toArray(Integer[]::new));
        statement.where("(r.plate_trigrams @> " + trigrams + "::integer[] or r.id = any(array("
                + "select read_id from read_correction where plate_trigrams @> " + trigrams + "::integer[]"
                + " and captured_at >= $1 and captured_at < $2)))");
        return statement.execute(connection, PARTIAL_BATCH).chain(rows -> {
            Cursor last = after;
            int candidates = 0;
            for (Row row : rows) {
                candidates++;
                last = new Cursor(row.getOffsetDateTime("captured_at"), row.getUUID("id"));
                ReadSummary read = summary(row, keys, criteria.sites());
                if (criteria.pattern().matches(read.plate()) || criteria.pattern().matches(read.correctedPlate())) {
                    found.add(read);
                    if (found.size() > criteria.pageSize()) {
                        break;
                    }
                }
            }
            boolean dayDone = candidates < PARTIAL_BATCH;
            // older days lie wholly below the last read examined, so it is also where the next day continues
            return partialFrom(connection, criteria, keys, days, dayDone ? dayIndex + 1 : dayIndex, last, found,
                    examined + candidates);
        });
    }

    private ReadSummary summary(Row row, Map<LocalDate, DataKey> keys, Map<String, Site> sites) {
        UUID id = row.getUUID("id");
        OffsetDateTime capturedAt = row.getOffsetDateTime("captured_at");
        DataKey key = keys.get(ReadVault.day(capturedAt));
        ReadDetails details = vault.details(key, id, row.getBuffer("sealed_details").getBytes());
        String correctedPlate = null;
        if (row.getValue("correction_id") != null) {
            Correction correction = vault.correction(key, id, row.getUUID("correction_id"),
                    row.getBuffer("sealed_correction").getBytes());
            correctedPlate = correction.plate();
        }
        String cameraId = row.getString("camera_id");
        Site site = sites.get(cameraId);
        ReadDetails.Location location = details.location();
        return new ReadSummary(id, capturedAt, cameraId, site == null ? null : site.site(),
                location != null ? location.latitude() : site == null ? null : site.latitude(),
                location != null ? location.longitude() : site == null ? null : site.longitude(),
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
     * combination of filters is its own prepared statement with its own plan (partitions pruned by the range).
     */
    private static final class Statement {

        private final StringBuilder sql = new StringBuilder(SELECT);
        private final Tuple parameters = Tuple.tuple();

        Statement(OffsetDateTime from, OffsetDateTime to, Criteria criteria) {
            parameters.addValue(from).addValue(to);
            if (criteria.cameraIds() != null) {
                where("r.camera_id = any(" + bind(criteria.cameraIds().toArray(String[]::new)) + "::text[])");
            }
            if (criteria.after() != null) {
                String at = bind(criteria.after().capturedAt());
                where("(r.captured_at, r.id) < (" + at + ", " + bind(criteria.after().id()) + "::uuid)");
            }
        }

        String bind(Object value) {
            parameters.addValue(value);
            return "$" + parameters.size();
        }

        void where(String condition) {
            sql.append("\n  and ").append(condition);
        }

        Uni<RowSet<Row>> execute(SqlConnection connection, int limit) {
            sql.append("\norder by r.captured_at desc, r.id desc limit ").append(bind(limit));
            return connection.preparedQuery(sql.toString()).execute(parameters);
        }
    }
}
