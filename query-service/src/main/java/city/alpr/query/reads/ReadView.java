package city.alpr.query.reads;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import city.alpr.common.reads.ReadDetails;

/**
 * One read in full, with its images, hotlist alerts and corrections; the original is never altered. Its camera's
 * site is the one sealed with it when it was taken.
 */
@Schema(description = "A plate read in full")
public record ReadView(UUID id, OffsetDateTime capturedAt, OffsetDateTime receivedAt, String cameraId,
        @Schema(description = "The camera's site when the read was taken") String site, double siteLatitude,
        double siteLongitude, String plate, String region, Double confidence, ReadDetails.Location location,
        ReadDetails.Vehicle vehicle,
        @Schema(description = "Image kinds held: plate, overview") List<String> images,
        @Schema(description = "The vendor format the read arrived in; absent for the native API", examples = "openalpr") String source,
        @Schema(description = "Why the read holds no plate image, when its camera engine sent none") String imageNote,
        @Schema(description = "The engine's other readings of the plate (OCR candidates), most confident first") List<ReadDetails.Candidate> candidates,
        List<AlertMark> alerts, List<CorrectionView> corrections) {

    public record AlertMark(UUID id, String hotlist, String disposition) {
    }

    public record CorrectionView(UUID id, String plate, String region, String reason, String correctedBy,
            OffsetDateTime correctedAt) {
    }
}
