package city.alpr.audit.breaches;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The public notice of a breach, as residents will read it. */
@Schema(description = "A public notice to post")
public record NewNotice(
        @Schema(examples = "Notice of a data security incident") @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 20_000) String body) {
}
