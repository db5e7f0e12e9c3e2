package city.alpr.query.hotlists;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A new hotlist")
public record NewHotlist(
        @Schema(examples = "NCIC stolen vehicles") @NotBlank @Pattern(regexp = "[\\p{L}\\p{N} ._()-]{1,80}", message = "must be 1-80 letters, digits, spaces or . _ ( ) -") String name,
        @NotNull HotlistKind kind) {
}
