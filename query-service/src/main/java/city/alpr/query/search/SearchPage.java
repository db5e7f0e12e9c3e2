package city.alpr.query.search;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of search results, newest first. */
@Schema(description = "One page of reads, newest first")
public record SearchPage(List<ReadSummary> reads,
        @Schema(description = "Pass as cursor to get the next page; absent on the last page") String nextCursor,
        @Schema(description = "True when a partial search stopped after its candidate limit; continue with nextCursor") boolean truncated) {

    @Schema(description = "A read as a search lists it")
    public record ReadSummary(UUID id, OffsetDateTime capturedAt, String cameraId, String site, Double latitude,
            Double longitude, String plate, String region, Double confidence,
            @Schema(description = "The read raised a hotlist alert that the searcher receives") boolean hotlistHit,
            @Schema(description = "The plate after the latest correction, when the read was corrected") String correctedPlate) {
    }
}
