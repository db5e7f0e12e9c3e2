package city.alpr.ingest.integrations.formats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import city.alpr.ingest.reads.ReadSubmission;

/**
 * The OpenALPR / Rekor Scout agent's webhook ({@code alprd}, {@code upload_data = 1}), from the vendor's "Application
 * Integration" manual: every post names its {@code data_type}.
 * <ul>
 * <li>{@code alpr_group} is the read: one vehicle seen over several frames, its best plate, candidates, crops and
 * vehicle attributes. {@code best_plate_number} is the authoritative plate ({@code best_plate.plate} repeats it);
 * times are epoch milliseconds ({@code epoch_start}, when the vehicle was first seen); confidences are 0-100; the
 * idempotency key is {@code best_uuid}, the best frame's id, which the agent re-sends unchanged.
 * <li>{@code alpr_results} (one post per frame) and the agent's own {@code alpr_alert} and {@code vehicle} are
 * acknowledged and not stored: the group that follows carries the read.
 * <li>{@code heartbeat} (every minute) marks each camera of {@code video_streams} alive.
 * </ul>
 * Fixed cameras without GPS report latitude and longitude 0, which is no location.
 */
@ApplicationScoped
public class OpenAlprFormat implements VendorFormat {

    @Override
    public String name() {
        return "openalpr";
    }

    @Override
    public String withoutPlateImage() {
        return "the OpenALPR agent sent no plate crop (images are off in its upload settings)";
    }

    @Override
    public VendorPayload adapt(JsonNode payload, byte[] attachedImage) {
        PayloadReader reader = new PayloadReader(payload);
        String type = reader.text("data_type", true);
        reader.throwIfRejected();
        return switch (type) {
            case "alpr_group" -> group(reader);
            case "heartbeat" -> heartbeat(reader);
            case "alpr_results", "alpr_alert", "vehicle" -> new VendorPayload.Acknowledged(type);
            default -> throw reader.refusal("data_type",
                    "must be alpr_group, alpr_results, alpr_alert, vehicle or heartbeat");
        };
    }

    private static VendorPayload group(PayloadReader reader) {
        String uuid = reader.text("best_uuid", true);
        String camera = reader.text("camera_id", true);
        CaptureTime epochStart = reader.epochMillis("epoch_start", true);
        String plate = reader.text("best_plate_number", true);
        Double confidence = reader.number("best_confidence", true);
        String region = reader.has("best_region") ? reader.text("best_region", false) : reader.text("country", false);
        String plateCrop = reader.text("best_plate.plate_crop_jpeg", false);
        String vehicleCrop = reader.text("vehicle_crop_jpeg", false);
        Double latitude = reader.number("gps_latitude", false);
        Double longitude = reader.number("gps_longitude", false);
        String make = reader.text("vehicle.make[0].name", false);
        String color = reader.text("vehicle.color[0].name", false);
        String bodyType = reader.text("vehicle.body_type[0].name", false);
        Map<String, String> fields = new HashMap<>();
        List<ReadSubmission.Candidate> candidates = reader.candidates("candidates", "plate", "confidence", 100,
                fields);
        reader.throwIfRejected();

        boolean located = latitude != null && longitude != null && (latitude != 0 || longitude != 0);
        ReadSubmission draft = new ReadSubmission(uuid, null, null, plate, Regions.normalize(region),
                confidence / 100, plateCrop, vehicleCrop,
                located ? new ReadSubmission.GeoPoint(latitude, longitude) : null,
                make == null && color == null && bodyType == null ? null
                        : new ReadSubmission.VehicleAttributes(make, color, bodyType),
                candidates);
        fields.putAll(Map.ofEntries(Map.entry("gatewayReadId", "best_uuid"),
                Map.entry("cameraId", "camera_id"), Map.entry("capturedAt", "epoch_start"),
                Map.entry("plate", "best_plate_number"),
                Map.entry("region", reader.has("best_region") ? "best_region" : "country"),
                Map.entry("confidence", "best_confidence"), Map.entry("plateImage", "best_plate.plate_crop_jpeg"),
                Map.entry("overviewImage", "vehicle_crop_jpeg"), Map.entry("location.latitude", "gps_latitude"),
                Map.entry("location.longitude", "gps_longitude"), Map.entry("vehicle.make", "vehicle.make[0].name"),
                Map.entry("vehicle.color", "vehicle.color[0].name"),
                Map.entry("vehicle.type", "vehicle.body_type[0].name")));
        return new VendorPayload.Reads(
                List.of(new VendorRead(camera, epochStart, draft, fields)));
    }

    private static VendorPayload heartbeat(PayloadReader reader) {
        List<JsonNode> streams = reader.array("video_streams", false);
        List<String> cameras = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            String camera = reader.text("video_streams[" + i + "].camera_id", true);
            if (camera != null) {
                cameras.add(camera);
            }
        }
        reader.throwIfRejected();
        return new VendorPayload.Heartbeat(cameras);
    }
}
