package city.alpr.query.approvals;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import city.alpr.common.policy.PolicyConfig;

/** A supervisor's approval of another officer's access for one case and purpose (R31). */
@Schema(description = "A supervisor's approval of one officer's searches and views for one case and purpose")
public record NewApproval(
        @Schema(description = "The username of the officer approved", examples = "officer") @NotBlank @Size(max = 255) @Pattern(regexp = "\\s*\\S+\\s*", message = "is one username, without spaces") String officer,
        @Schema(examples = "TPD-2026-00412") @NotBlank @Pattern(regexp = PolicyConfig.CASE_NUMBER_FORMAT, message = PolicyConfig.CASE_NUMBER_MESSAGE) String caseNumber,
        @Schema(examples = "criminal-investigation") @NotBlank @Size(max = 64) String purpose,
        @Schema(examples = "Burglary at 21 Elm St.; the officer follows the vehicle seen leaving") @NotBlank @Size(max = 1000) String justification,
        @Schema(description = "Hours the approval lasts; at most the policy's longest, which is also the default") @Min(1) @Max(8760) Integer validHours) {
}
