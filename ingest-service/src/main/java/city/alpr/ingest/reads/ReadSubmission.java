package city.alpr.ingest.reads;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import city.alpr.common.plates.PlateText;
import city.alpr.ingest.cameras.CameraRegistration;

/** One plate read as a camera gateway submits it (R1). */
@Schema(description = "A plate read submitted by a camera gateway")
public record ReadSubmission(
        @Schema(description = "The gateway's own id of this read; resubmitting it never stores a second copy", examples = "east-000123") @NotBlank @Pattern(regexp = "[A-Za-z0-9._:-]{1,128}", message = "must be 1-128 letters, digits or . _ : -") String gatewayReadId,
        @Schema(description = "A camera registered to the submitting gateway", examples = "CAM-E01") @NotBlank @Pattern(regexp = CameraRegistration.CAMERA_ID, message = CameraRegistration.CAMERA_ID_MESSAGE) String cameraId,
        @Schema(description = "Capture time, RFC 3339 with offset", examples = "2026-11-23T06:15:00Z") @NotNull OffsetDateTime capturedAt,
        @Schema(description = "Plate text as read", examples = "7ABC123") @NotBlank @Pattern(regexp = PlateText.PLATE_FORMAT, message = PlateText.PLATE_MESSAGE) String plate,
        @Schema(description = "Issuing state or region, ISO 3166-2 style", examples = "CA") @NotBlank @Pattern(regexp = PlateText.REGION_FORMAT, message = PlateText.REGION_MESSAGE) String region,
        @Schema(description = "OCR confidence between 0 and 1", examples = "0.93") @NotNull @DecimalMin("0.0") @DecimalMax("1.0") Double confidence,
        @Schema(description = "Plate crop, base64 JPEG, PNG or WebP", required = true) String plateImage,
        @Schema(description = "Optional overview of the vehicle, base64 JPEG, PNG or WebP") String overviewImage,
        @Valid GeoPoint location,
        @Valid VehicleAttributes vehicle,
        @Schema(description = "The engine's other readings of the plate (OCR candidates), sealed with the read; a hotlist entry matching one above the policy's candidate-match-min-confidence raises an alert marked candidate") @Valid @Size(max = ReadSubmission.MAX_CANDIDATES) List<@NotNull @Valid Candidate> candidates) {

    public static final int MAX_CANDIDATES = 10;

    /** One of the engine's other readings of the plate. */
    public record Candidate(
            @Schema(examples = "7A8C123") @NotBlank @Pattern(regexp = PlateText.PLATE_FORMAT, message = PlateText.PLATE_MESSAGE) String plate,
            @Schema(description = "Confidence between 0 and 1", examples = "0.71") @NotNull @DecimalMin("0.0") @DecimalMax("1.0") Double confidence) {
    }

    /** Where the read was taken, when the camera reports it (mobile cameras); otherwise the camera's site. */
    public record GeoPoint(
            @NotNull @DecimalMin("-90.0") @DecimalMax("90.0") Double latitude,
            @NotNull @DecimalMin("-180.0") @DecimalMax("180.0") Double longitude) {
    }

    /** Optional vehicle attributes reported by the camera. */
    public record VehicleAttributes(
            @Size(max = 40) @Pattern(regexp = "[\\p{L}\\p{N} .'-]*", message = "must be plain words") String make,
            @Size(max = 30) @Pattern(regexp = "[\\p{L} -]*", message = "must be plain words") String color,
            @Size(max = 30) @Pattern(regexp = "[\\p{L}\\p{N} -]*", message = "must be plain words or an NCIC style code") String type) {
    }
}
