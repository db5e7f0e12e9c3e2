package city.alpr.audit.publicrecords;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the system did each calendar year (UTC), counted from what it holds and what the purge recorded of the days it
 * removed (R32).
 *
 * @param accessLogHeldFrom the day of the oldest access-log record held: searches before it are no longer counted
 * @param purgesCountedFrom the oldest capture day the purge recorded counts of, if any
 */
@Schema(description = "Reads collected, hotlist hits and searches by purpose, per calendar year")
public record YearlyTotals(List<Year> years, LocalDate accessLogHeldFrom, LocalDate purgesCountedFrom) {

    @Schema(description = "One calendar year's totals")
    public record Year(int year, long readsCollected, long hotlistHits, long searches,
            @Schema(description = "Granted searches by the purpose stated") Map<String, Long> searchesByPurpose) {
    }
}
