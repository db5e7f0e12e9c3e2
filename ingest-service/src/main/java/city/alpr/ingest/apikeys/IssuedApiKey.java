package city.alpr.ingest.apikeys;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new key, the one time it is shown: it cannot be shown again, only revoked and replaced. */
@Schema(description = "A new API key; the key is shown only in this answer")
public record IssuedApiKey(
        @Schema(description = "The key, for the engine's header; store it in the engine now", examples = "alprk_Q3x9aBv1…") String key,
        ApiKeyView details) {
}
