package city.alpr.ingest.integrations;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import city.alpr.ingest.cameras.CameraRegistration;

/** Which registered camera a vendor's camera id of a gateway stands for (R27), and the zone its clock keeps. */
@Schema(description = "A vendor camera id mapped to a registered camera")
public record CameraMapping(String gatewayId, String vendorCameraId, String cameraId,
        @Schema(description = "IANA zone for payload times without a zone", examples = "America/Los_Angeles") String timeZone,
        OffsetDateTime mappedAt, String mappedBy) {

    /** What the custodian sets for one vendor camera id. */
    @Schema(description = "The registered camera a vendor camera id stands for")
    public record Request(
            @Schema(description = "A camera registered to the gateway", examples = "CAM-E01") @NotBlank @Pattern(regexp = CameraRegistration.CAMERA_ID, message = CameraRegistration.CAMERA_ID_MESSAGE) String cameraId,
            @Schema(description = "IANA zone the camera's clock keeps, for vendor times without a zone; UTC if absent", examples = "America/Los_Angeles") @Pattern(regexp = "[A-Za-z0-9/_+-]{1,64}", message = "must be an IANA time zone such as America/Los_Angeles") String timeZone) {
    }
}
