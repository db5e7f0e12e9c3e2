package city.alpr.audit.breaches;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A notification made about a breach: to the media, the state Office of Information Security, or others. */
@Schema(description = "A notification to record")
public record NewNotification(
        @Schema(enumeration = {
                "media", "state-office-of-information-security", "affected-individuals",
                "law-enforcement" }) @NotBlank @Pattern(regexp = "media|state-office-of-information-security|affected-individuals|law-enforcement", message = "must be media, state-office-of-information-security, affected-individuals or law-enforcement") String recipient,
        @Schema(examples = "California Department of Technology, Office of Information Security") @NotBlank @Size(max = 200) String recipientName,
        @NotNull Instant notifiedAt,
        @Schema(examples = "email") @NotBlank @Size(max = 100) String method,
        @Schema(examples = "OIS incident 2026-0412") @Size(max = 200) String reference){
}
