package city.alpr.ingest.reads;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What happened to each submitted read, in submission order. */
public record IngestResult(
        @Schema(description = "Reads stored by this request") int stored,
        @Schema(description = "Reads already stored by an earlier submission") int duplicates,
        List<Receipt> reads) {

    public enum Status {
        STORED,
        DUPLICATE
    }

    public record Receipt(String gatewayReadId, UUID readId, Status status) {
    }
}
