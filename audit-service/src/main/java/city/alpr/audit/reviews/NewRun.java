package city.alpr.audit.reviews;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A compliance audit of the accesses in a period (R18). */
@Schema(description = "An audit run to start")
public record NewRun(
        @Schema(examples = "2026-10-01T07:00:00Z") @NotNull Instant from,
        @Schema(examples = "2026-11-01T07:00:00Z") @NotNull Instant to,
        @Schema(description = "Granted accesses to sample for review; the configured default if absent") @Min(0) @Max(1000) Integer sampleSize) {
}
