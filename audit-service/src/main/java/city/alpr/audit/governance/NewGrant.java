package city.alpr.audit.governance;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import city.alpr.common.policy.PolicyConfig;

/** A written permission the custodian gives the contractor for one case (CS3 §3). */
@Schema(description = "A contractor grant to record")
public record NewGrant(
        @Schema(examples = "contractor") @NotBlank @Pattern(regexp = Usernames.FORMAT, message = Usernames.MESSAGE) String username,
        @Schema(examples = "RSO-2026-00412") @NotBlank @Pattern(regexp = PolicyConfig.CASE_NUMBER_FORMAT, message = PolicyConfig.CASE_NUMBER_MESSAGE) String caseNumber,
        @Schema(description = "Where the signed permission is filed", examples = "City Clerk file CM-2026-118") @NotBlank @Size(max = 200) String documentReference,
        @Schema(examples = "2026-11-23T08:00:00Z") @NotNull Instant startsAt,
        @Schema(examples = "2026-12-23T08:00:00Z") @NotNull Instant endsAt) {
}
