package city.alpr.audit.governance;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The custodian records that a user completed the ALPR training (CS3 §4). */
@Schema(description = "A training to record")
public record NewTraining(
        @Schema(examples = "officer") @NotBlank @Pattern(regexp = Usernames.FORMAT, message = Usernames.MESSAGE) String username,
        @Schema(examples = "ALPR usage and privacy, CS3 section 4") @NotBlank @Size(max = 200) String course,
        @Schema(examples = "2026-11-02T17:00:00Z") @NotNull Instant completedAt,
        @Schema(examples = "2027-11-02T17:00:00Z") @NotNull Instant expiresAt) {
}
