package city.alpr.query.requests;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import city.alpr.common.policy.PolicyConfig;

/** A sworn officer's request for access to the data for one case (Wildomar CS3 §5). */
@Schema(description = "A law-enforcement request for access to ALPR data for one case")
public record NewRequest(
        @Schema(examples = "RSO-2026-00412") @NotBlank @Pattern(regexp = PolicyConfig.CASE_NUMBER_FORMAT, message = PolicyConfig.CASE_NUMBER_MESSAGE) String caseNumber,
        @Schema(examples = "criminal-investigation") @NotBlank @Size(max = 64) String purpose,
        @Schema(examples = "Vehicle seen leaving burglary at 21 Elm St., 2026-11-20 02:10") @NotBlank @Size(max = 1000) String justification) {
}
