package city.alpr.ingest.integrations.formats;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import city.alpr.ingest.reads.ReadSubmission;

/**
 * Axis cameras running FF Group's License Plate Verifier, pushing events over HTTP (Axis's VAPIX "License Plate
 * Verifier API", push events): JSON, or {@code multipart/form-data} with the JSON in the part {@code event} and the
 * image in the part {@code image}. Nearly every value is a string.
 * <ul>
 * <li>A vehicle is reported as {@code carState} {@code new}, then {@code update}s, then {@code lost}: the {@code new}
 * event is the read (enable {@code event_new}); updates and the loss are acknowledged, so a vehicle is stored once.
 * An event without a {@code carState} is a read too.
 * <li>{@code capture_timestamp} (epoch milliseconds as a string) is the capture time; the local {@code datetime}
 * carries no zone the camera defines and is not used. {@code plateText} is the plate; {@code plateConfidence} 0-1.
 * <li>The region is {@code plateISO3166-2} where sent, else {@code plateCountry}, ISO 3166-1 alpha-3 ({@code DEU}),
 * turned into its two-letter code.
 * <li>The camera is {@code camera_info.SerialNumber}. {@code geotag} is the camera's configured position, not a fix,
 * and the registered site already says where the camera stands.
 * <li>Images: the multipart {@code image}, or {@code ImageArray[].BinaryImage} (base64) where an entry's
 * {@code ImageType} names the plate (the crop) or anything else (the overview); {@code imagesURI} paths on the
 * camera are never fetched.
 * <li>The push buffer re-sends events after an outage: the idempotency key is derived from camera, {@code carID} and
 * {@code capture_timestamp}.
 * </ul>
 */
@ApplicationScoped
public class AxisFormat implements VendorFormat {

    private static final MultipartParts PARTS = new MultipartParts("event", "image");

    @Override
    public String name() {
        return "axis";
    }

    @Override
    public Optional<MultipartParts> multipart() {
        return Optional.of(PARTS);
    }

    @Override
    public String withoutPlateImage() {
        return "the Axis camera sent no plate crop inline (its images stay on the camera)";
    }

    @Override
    public VendorPayload adapt(JsonNode payload, byte[] attachedImage) {
        PayloadReader reader = new PayloadReader(payload);
        String state = reader.text("carState", false);
        if (state != null && !state.equals("new")) {
            return new VendorPayload.Acknowledged("carState " + state);
        }
        String camera = reader.text("camera_info.SerialNumber", true);
        String car = reader.text("carID", true);
        String timestamp = reader.text("capture_timestamp", true);
        CaptureTime captured = reader.epochMillis("capture_timestamp", true);
        String plate = reader.text("plateText", true);
        Double confidence = reader.number("plateConfidence", true);
        boolean subdivision = reader.has("plateISO3166-2");
        String regionField = subdivision ? "plateISO3166-2" : "plateCountry";
        String region = region(reader, regionField, subdivision);
        String plateCrop = null;
        String overview = attachedImage == null ? null : Base64.getEncoder().encodeToString(attachedImage);
        String plateCropField = "ImageArray";
        String overviewField = attachedImage == null ? "ImageArray" : "image";
        List<JsonNode> images = reader.array("ImageArray", false);
        for (int i = 0; i < images.size(); i++) {
            String at = "ImageArray[" + i + "]";
            String type = reader.text(at + ".ImageType", false);
            String bytes = reader.text(at + ".BinaryImage", true);
            if (type != null && type.toLowerCase(Locale.ROOT).contains("plate")) {
                plateCrop = bytes;
                plateCropField = at + ".BinaryImage";
            } else if (overview == null) {
                overview = bytes;
                overviewField = at + ".BinaryImage";
            }
        }
        String make = reader.text("vehicle_info.brand", false);
        String color = reader.text("vehicle_info.color", false);
        String type = reader.text("vehicle_info.type", false);
        reader.throwIfRejected();

        ReadSubmission draft = new ReadSubmission(DerivedReadId.of("axis", camera, car, timestamp), null, null, plate,
                region, confidence, plateCrop, overview, null,
                make == null && color == null && type == null ? null
                        : new ReadSubmission.VehicleAttributes(make, color, type),
                null);
        Map<String, String> fields = Map.ofEntries(Map.entry("gatewayReadId", "carID"),
                Map.entry("cameraId", "camera_info.SerialNumber"), Map.entry("capturedAt", "capture_timestamp"),
                Map.entry("plate", "plateText"), Map.entry("region", regionField),
                Map.entry("confidence", "plateConfidence"), Map.entry("plateImage", plateCropField),
                Map.entry("overviewImage", overviewField), Map.entry("vehicle.make", "vehicle_info.brand"),
                Map.entry("vehicle.color", "vehicle_info.color"), Map.entry("vehicle.type", "vehicle_info.type"));
        return new VendorPayload.Reads(List.of(new VendorRead(camera, captured, draft, fields)));
    }

    /** ISO 3166-2 as sent, or the two-letter code of an ISO 3166-1 alpha-3 country. */
    private static String region(PayloadReader reader, String field, boolean subdivision) {
        String code = reader.text(field, false);
        if (code == null || subdivision) {
            return Regions.normalize(code);
        }
        return Regions.ofAlpha3(code).orElseGet(() -> reader.reject(field, "is not an ISO 3166-1 alpha-3 country"));
    }
}
