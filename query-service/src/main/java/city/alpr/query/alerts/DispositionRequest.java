package city.alpr.query.alerts;

import java.util.Locale;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A person's judgement of an alert (R7): the hit is real, the plate was misread, or it needs no action. */
@Schema(description = "The disposition of an alert")
public record DispositionRequest(@NotNull Disposition disposition,
        @Schema(examples = "Visual check: plate reads 7ABC128") @Size(max = 500) String note) {

    public enum Disposition {
        @JsonProperty("confirmed")
        CONFIRMED,
        @JsonProperty("misread")
        MISREAD,
        @JsonProperty("dismissed")
        DISMISSED;

        String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
