package city.alpr.query.exports;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/** An evidence export as recorded: who, why, what it holds, its signed manifest and its chain of custody. */
@Schema(description = "An evidence export")
public record ExportView(UUID id, String createdBy, String agency, String purpose, String caseNumber, int readCount,
        OffsetDateTime createdAt,
        @Schema(description = "SHA-256 of manifest.json, hex") String manifestSha256,
        @Schema(description = "Ed25519 signature of manifest.json, base64") String signature,
        @Schema(description = "SHA-256 of the ZIP package, hex") String packageSha256,
        @Schema(description = "Until when the package can be downloaded") OffsetDateTime downloadableUntil,
        @Schema(description = "manifest.json while every capture day of its reads is held; null once one is purged "
                + "(its hash and signature stay)") JsonNode manifest,
        List<CustodyEvent> custody) {
}
