package city.alpr.query.search;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.common.audit.Actor;
import city.alpr.common.crypto.DataKey;
import city.alpr.common.reads.ReadDetails;
import city.alpr.common.vehicles.VehicleCodes;
import city.alpr.query.QueryConfig;
import city.alpr.query.access.AlertRecipients;
import city.alpr.query.reads.Correction;
import city.alpr.query.reads.ReadVault;
import city.alpr.query.search.SearchPage.ReadSummary;
import city.alpr.query.search.SearchRequest.Area;
import city.alpr.query.search.SearchRequest.Match;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
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
            List<String> cameraIds, Area area, List<String> vehicleTerms, int pageSize, Cursor after) {

        Criteria withAfter(Cursor cursor) {
            return new Criteria(from, to, plate, match, pattern, cameraIds, area, vehicleTerms, pageSize, cursor);
        }

        Criteria withCameras(List<String> cameras) {
            return new Criteria(from, to, plate, match, pattern, cameras, area, vehicleTerms, pageSize, after);
        }

        /**
         * Searched day by day, each read confirmed on its opened details: a partial plate (by its trigrams' buckets)
         * or a vehicle description (by its terms' buckets), or both.
         */
        boolean confirmed() {
            return match == Match.PARTIAL || !vehicleTerms.isEmpty();
        }

        /** Whether an opened read is one this search asks for, beyond what its index buckets selected. */
        boolean confirms(ReadDetails details, ReadSummary read) {
            boolean plate = pattern == null || pattern.matches(read.plate()) || pattern.matches(read.correctedPlate());
            ReadDetails.Vehicle vehicle = details.vehicle();
            boolean described = vehicleTerms.isEmpty() || vehicle != null
                    && VehicleCodes.terms(vehicle.make(), vehicle.color(), vehicle.type()).containsAll(vehicleTerms);
            return plate && described && inArea(read);
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
                : criteria.confirmed() ? partial(connection, criteria, keys, searcher)
                        : indexed(connection, criteria, keys, searcher));
    }

    private Uni<SearchPage> indexed(SqlConnection connection, Criteria criteria, Map<LocalDate, DataKey> keys,
            Actor searcher) {
        SearchStatement statement = statement(criteria.from(), criteria.to(), criteria, receiving(searcher));
        if (criteria.plate() != null) {
            statement.matchingPlate(criteria.plate(), criteria.match() == Match.LOOKALIKE, keys);
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
        SearchStatement statement = statement(dayStart, dayEnd, criteria.withAfter(after), receiving);
        if (criteria.pattern() != null) {
            statement.matchingTrigrams(keys.get(day), criteria.pattern().trigrams());
        }
        if (!criteria.vehicleTerms().isEmpty()) {
            statement.describingVehicle(keys.get(day), criteria.vehicleTerms());
        }
        return statement.execute(connection, SearchStatement.PARTIAL_BATCH).chain(rows -> {
            Cursor last = after;
            int candidates = 0;
            for (Row row : rows) {
                candidates++;
                last = new Cursor(row.getOffsetDateTime("captured_at"), row.getUUID("id"));
                ReadDetails details = details(row, keys);
                ReadSummary read = summary(row, details, keys);
                if (criteria.confirms(details, read)) {
                    found.add(read);
                    if (found.size() > criteria.pageSize()) {
                        break;
                    }
                }
            }
            boolean dayDone = candidates < SearchStatement.PARTIAL_BATCH;
            // older days lie wholly below the last read examined, so it is also where the next day continues
            return partialFrom(connection, criteria, keys, receiving, days, dayDone ? dayIndex + 1 : dayIndex,
                    last, found, examined + candidates);
        });
    }

    private static SearchStatement statement(OffsetDateTime from, OffsetDateTime to, Criteria criteria,
            Function<Tuple, String> receiving) {
        Cursor after = criteria.after();
        return new SearchStatement(from, to, criteria.cameraIds(), after != null ? after.capturedAt() : null,
                after != null ? after.id() : null, receiving);
    }

    /** The condition that the searcher receives an entry's alerts, bound into a statement's parameters. */
    private Function<Tuple, String> receiving(Actor searcher) {
        return parameters -> recipients.receives(searcher, parameters);
    }

    private ReadSummary summary(Row row, Map<LocalDate, DataKey> keys) {
        return summary(row, details(row, keys), keys);
    }

    private ReadDetails details(Row row, Map<LocalDate, DataKey> keys) {
        OffsetDateTime capturedAt = row.getOffsetDateTime("captured_at");
        return vault.details(keys.get(ReadVault.day(capturedAt)), row.getUUID("id"),
                row.getBuffer("sealed_details").getBytes(), row.getString("camera_id"), capturedAt);
    }

    private ReadSummary summary(Row row, ReadDetails details, Map<LocalDate, DataKey> keys) {
        UUID id = row.getUUID("id");
        OffsetDateTime capturedAt = row.getOffsetDateTime("captured_at");
        DataKey key = keys.get(ReadVault.day(capturedAt));
        String cameraId = row.getString("camera_id");
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
}
