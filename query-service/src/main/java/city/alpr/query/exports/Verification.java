package city.alpr.query.exports;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The result of checking a package: signature, every file against the manifest, and our record of it. */
@Schema(description = "Whether an evidence package is intact and was issued here")
public record Verification(boolean valid, UUID exportId, String manifestSha256, List<String> problems) {
}
