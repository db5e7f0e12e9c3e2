package city.alpr.query.search;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A search of plate reads. Purpose and case number are judged by the policy (and a refusal is logged), so they
 * are not constrained here.
 */
@Schema(description = "A purpose-bound search of plate reads")
public record SearchRequest(
        @Schema(description = "Why you are searching: one of the policy's purposes", examples = "criminal-investigation") String purpose,
        @Schema(description = "The case this search serves, where the purpose needs one", examples = "RSO-2026-00412") String caseNumber,
        @Schema(description = "The hotlist alert answered, for a purpose that answers one (whose access reaches only "
                + "the alert's read, so a search under it is refused)") UUID alertId,
        @Schema(description = "The plate to find; without it every read in the time range, cameras and area") @Valid PlateQuery plate,
        @Schema(description = "Start of the capture-time range, inclusive") @NotNull OffsetDateTime from,
        @Schema(description = "End of the capture-time range, exclusive") @NotNull OffsetDateTime to,
        @Schema(description = "Only reads from these cameras") @Size(max = 100) List<@NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be a camera id") String> cameraIds,
        @Schema(description = "Only reads from cameras inside this area") @Valid Area area,
        @Schema(description = "Only reads of a vehicle so described, with a partial plate or none (then bounded like any search without a plate)") @Valid VehicleQuery vehicle,
        @Schema(description = "Reads per page, newest first", examples = "50") @Min(1) @Max(100) Integer pageSize,
        @Schema(description = "The nextCursor of the previous page") @Size(max = 200) String cursor) {

    public enum Match {
        /** The plate as given, after removing case, spaces, hyphens and dots. */
        EXACT,
        /** Also plates that differ only by characters OCR confuses (O/0, I/1, B/8, S/5...). */
        LOOKALIKE,
        /** A pattern: {@code *} any run of characters, {@code ?} one character; look-alike insensitive. */
        PARTIAL
    }

    @Schema(description = "A plate, or a plate pattern")
    public record PlateQuery(
            @Schema(examples = "7ABC123") @NotNull @Pattern(regexp = "[A-Za-z0-9 .*?-]{1,16}", message = "must be 1-16 letters, digits, spaces, dots, hyphens or the wildcards * and ?") String text,
            @Schema(description = "How to match; default EXACT") Match match) {

        public Match matchOrDefault() {
            return match == null ? Match.EXACT : match;
        }
    }

    @Schema(description = "A vehicle's description in the one vocabulary (GET /v1/searches/vehicle-vocabulary): an NCIC code or one of its words for each; at least one")
    public record VehicleQuery(
            @Schema(examples = "TOYT") @Size(max = 40) String make,
            @Schema(examples = "SIL") @Size(max = 30) String color,
            @Schema(examples = "4D") @Size(max = 30) String bodyType) {
    }

    @Schema(description = "A circle (center and radius) or a polygon; exactly one of the two")
    public record Area(@Valid GeoPoint center, @DecimalMin("1") @DecimalMax("100000") Double radiusMeters,
            @Size(min = 3, max = 100) List<@NotNull @Valid GeoPoint> polygon) {
    }

    public record GeoPoint(
            @NotNull @DecimalMin("-90.0") @DecimalMax("90.0") Double latitude,
            @NotNull @DecimalMin("-180.0") @DecimalMax("180.0") Double longitude) {
    }
}
