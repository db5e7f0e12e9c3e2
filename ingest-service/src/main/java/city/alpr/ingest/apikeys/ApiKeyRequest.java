package city.alpr.ingest.apikeys;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the custodian names when issuing a key: what it is for, and for how long it is accepted. */
@Schema(description = "A key to issue to a gateway")
public record ApiKeyRequest(
        @Schema(description = "What the key is for, e.g. the engine it is configured in", examples = "Scout agent, east yard") @NotBlank @Pattern(regexp = "[\\p{L}\\p{N} ,.:/()_-]{1,80}", message = "must be 1-80 letters, digits, spaces or , . : / ( ) _ -") String label,
        @Schema(description = "Days the key is accepted, counted from now", examples = "90") @NotNull @Min(1) @Max(ApiKeyRequest.MAX_VALID_DAYS) Integer validDays) {

    /** A key must be rotated at least yearly; the engines' keys do not expire on their own otherwise. */
    public static final int MAX_VALID_DAYS = 366;
}
