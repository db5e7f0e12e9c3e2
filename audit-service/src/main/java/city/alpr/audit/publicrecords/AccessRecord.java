package city.alpr.audit.publicrecords;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One access to ALPR data in the columns public-records requests ask for (Civil Code 1798.90.52: who, when, for
 * what, which data).
 */
@Schema(description = "One access to ALPR data, as a public-records report lists it")
public record AccessRecord(@Schema(description = "The username of who accessed") String name,
        @Schema(description = "When (UTC)") Instant date, String agency, String purpose, String caseNumber,
        @Schema(description = "What was asked for: the plate, the time range, the cameras or area, the reads named") Map<String, Object> dataQueried,
        @Schema(description = "Records returned or changed; absent for a refused access") Integer resultCount,
        @Schema(description = "The kind of access, e.g. read.search") String action,
        @Schema(description = "granted or refused") String outcome) {

    /** The data elements shown first, in this order; the others follow by name. */
    private static final List<String> FIRST = List.of("plate", "from", "to");

    static final List<String> CSV_COLUMNS = List.of("name", "date", "agency", "purpose",
            "case_number", "data_queried", "result_count", "action", "outcome");

    /** The data elements in reading order: the plate and the time range first, the others by name. */
    static Map<String, Object> inReadingOrder(Map<String, Object> elements) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        FIRST.stream().filter(elements::containsKey).forEach(name -> ordered.put(name, elements.get(name)));
        new TreeMap<>(elements).forEach(ordered::putIfAbsent);
        return ordered;
    }

    /** The data queried as one readable field: {@code plate: 8ABC123; from: ...; cameras: CAM-1, CAM-2}. */
    String dataQueriedText() {
        return dataQueried.entrySet().stream().map(element -> element.getKey() + ": " + text(element.getValue()))
                .collect(Collectors.joining("; "));
    }

    List<String> csvFields() {
        return Arrays.asList(name, date.toString(), agency, purpose, caseNumber, dataQueriedText(),
                resultCount == null ? null : resultCount.toString(), action, outcome);
    }

    private static String text(Object value) {
        if (value instanceof Collection<?> values) {
            return values.stream().map(AccessRecord::text).collect(Collectors.joining(", "));
        }
        if (value instanceof Map<?, ?> values) {
            return values.entrySet().stream().map(entry -> entry.getKey() + " " + text(entry.getValue()))
                    .collect(Collectors.joining(", "));
        }
        return String.valueOf(value);
    }
}
