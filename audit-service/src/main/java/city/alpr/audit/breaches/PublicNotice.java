package city.alpr.audit.breaches;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A breach notice as the public sees it: only what the custodian wrote for the public. */
@Schema(description = "A public notice of a data security breach")
public record PublicNotice(UUID id, String title, String body, Instant postedAt, Instant postedUntilAtLeast) {
}
