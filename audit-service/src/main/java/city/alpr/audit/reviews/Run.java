package city.alpr.audit.reviews;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonFormat;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/**
 * A compliance audit run: the period, how many accesses to read data, hotlist changes and alert deliveries it
 * examined, what it flagged by kind, and the reviewer's findings and sign-off. Items and findings are listed when one run is
 * asked for.
 */
@Schema(description = "A compliance audit run")
public record Run(UUID id, Instant periodFrom, Instant periodTo, int sampleSize,
        @Schema(description = "The sample's random seed, as text: a 64-bit number that JSON readers using doubles"
                + " (JavaScript) would round") @JsonFormat(shape = JsonFormat.Shape.STRING) long seed,
        boolean scheduled,
        String startedBy, Instant startedAt, long recordsExamined, Map<String, Long> flagged, String signedOffBy,
        Instant signedOffAt, String conclusion, List<Item> items, List<Finding> findings) {

    /** The columns of {@code audit_run r}, with the count of its items by kind. */
    static final String COLUMNS = """
            r.id, r.period_from, r.period_to, r.sample_size, r.seed, r.scheduled, r.started_by, r.started_at,
            r.records_examined, r.signed_off_by, r.signed_off_at, r.conclusion,
            coalesce((select jsonb_object_agg(kind, n) from (select kind, count(*) as n from audit_run_item
                                                              where run_id = r.id group by kind) kinds), '{}') as flagged""";

    static Run from(Row row, List<Item> items, List<Finding> findings) {
        OffsetDateTime signedOffAt = row.getOffsetDateTime("signed_off_at");
        Map<String, Long> flagged = new TreeMap<>();
        ((JsonObject) row.getValue("flagged"))
                .forEach(kind -> flagged.put(kind.getKey(), ((Number) kind.getValue()).longValue()));
        return new Run(row.getUUID("id"), row.getOffsetDateTime("period_from").toInstant(),
                row.getOffsetDateTime("period_to").toInstant(), row.getInteger("sample_size"), row.getLong("seed"),
                row.getBoolean("scheduled"), row.getString("started_by"), row.getOffsetDateTime("started_at").toInstant(),
                row.getLong("records_examined"), flagged, row.getString("signed_off_by"),
                signedOffAt == null ? null : signedOffAt.toInstant(), row.getString("conclusion"), items, findings);
    }

    /**
     * An access-log record the run put before the reviewer.
     *
     * @param kind {@code sample}, {@code vague-purpose}, {@code off-hours}, {@code unusual-volume},
     *        {@code no-case-number}, {@code custom-entry-without-case} or {@code repeated-sign-in-failures}
     */
    @Schema(description = "An access the run sampled or flagged")
    public record Item(String kind, long seq, String detail) {
    }

    @Schema(description = "A reviewer's finding")
    public record Finding(UUID id, Long seq, String severity, String finding, String recordedBy, Instant recordedAt) {

        static final String COLUMNS = "id, seq, severity, finding, recorded_by, recorded_at";

        static Finding from(Row row) {
            return new Finding(row.getUUID("id"), row.getLong("seq"), row.getString("severity"), row.getString("finding"),
                    row.getString("recorded_by"), row.getOffsetDateTime("recorded_at").toInstant());
        }
    }
}
