package city.alpr.audit.governance;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An agency to register as a possible recipient of shared data. */
@Schema(description = "An agency to register")
public record NewAgency(
        @Schema(examples = "riverside-da") @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,39}", message = "must be 2-40 lower-case letters, digits or hyphens") String id,
        @Schema(examples = "Riverside County District Attorney") @NotBlank @Size(max = 200) String name,
        @Schema(enumeration = {
                "law-enforcement",
                "prosecutorial" }) @NotBlank @Pattern(regexp = "law-enforcement|prosecutorial", message = "must be law-enforcement or prosecutorial") String kind,
        @Schema(examples = "CA") @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be a two-letter state code") String state,
        @Schema(description = "The agency's level of government. Only state and local agencies are public agencies "
                + "under Civil Code 1798.90.5 (AG bulletin 2023-DLE-06) and may receive data under a California policy", enumeration = {
                        "local", "state", "federal", "tribal",
                        "private" }) @NotBlank @Pattern(regexp = "local|state|federal|tribal|private", message = "must be local, state, federal, tribal or private") String level){
}
