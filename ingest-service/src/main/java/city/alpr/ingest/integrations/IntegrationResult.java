package city.alpr.ingest.integrations;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import city.alpr.ingest.reads.IngestResult;

/** What ingest did with a vendor post: the reads it stored, the cameras a heartbeat marked alive, or neither. */
@Schema(description = "The outcome of a vendor post")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntegrationResult(
        @Schema(description = "What the post was: reads, heartbeat, or the vendor message acknowledged without storing", examples = "reads") String received,
        @Schema(description = "For reads: what happened to each, as POST /v1/reads answers") IngestResult reads,
        @Schema(description = "For a heartbeat: the registered cameras marked alive") List<String> camerasAlive,
        @Schema(description = "For a heartbeat: vendor camera ids no mapping names; they were not marked") List<String> unmappedCameras) {

    static IntegrationResult stored(IngestResult reads) {
        return new IntegrationResult("reads", reads, null, null);
    }

    static IntegrationResult heartbeat(List<String> alive, List<String> unmapped) {
        return new IntegrationResult("heartbeat", null, alive, unmapped);
    }

    static IntegrationResult acknowledged(String what) {
        return new IntegrationResult(what, null, null, null);
    }
}
