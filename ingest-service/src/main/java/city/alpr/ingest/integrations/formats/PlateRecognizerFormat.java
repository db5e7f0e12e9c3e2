package city.alpr.ingest.integrations.formats;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import city.alpr.ingest.reads.ReadSubmission;

/**
 * Plate Recognizer's Snapshot ({@code image.done}) and Stream ({@code recognition}) webhooks, from the vendor's
 * "Webhooks" guides and its webhook tester: {@code {"hook": {...}, "data": {"camera_id", "timestamp", "results": [...]}}},
 * as JSON ("data only"), or as {@code multipart/form-data} with the JSON in the field {@code json} and the image in
 * the file {@code upload} ("webhook with image"), or form-encoded with the field {@code json}.
 * <ul>
 * <li>Each result is a read; a Snapshot post without a plate ({@code results: []}) is acknowledged.
 * <li>{@code results[i].plate} is authoritative, lower case (stored upper case); {@code score} is 0-1; a region is
 * {@code region.code} ({@code us-ca}, or {@code ""} when unknown). Stream's newer results hold the plate as an object,
 * {@code plate.props.plate[0].value} with its {@code score}, the region in {@code plate.props.region[0].value}, and
 * make and colour in {@code vehicle.props}.
 * <li>{@code data.timestamp} is authoritative: Stream's is UTC with {@code Z}; Snapshot's carries no zone and is read
 * in the camera's configured zone.
 * <li>The image is the frame or the vehicle ({@code webhook_image_type}), not a plate crop: it is kept as the read's
 * overview. No read id is sent; the idempotency key is derived from the camera, the timestamp, the result's position,
 * its plate and its box, which a re-sent webhook repeats and two vehicles in one frame do not share.
 * </ul>
 */
@ApplicationScoped
public class PlateRecognizerFormat implements VendorFormat {

    private static final MultipartParts PARTS = new MultipartParts("json", "upload");

    @Override
    public String name() {
        return "plate-recognizer";
    }

    @Override
    public Optional<MultipartParts> multipart() {
        return Optional.of(PARTS);
    }

    @Override
    public String withoutPlateImage() {
        return "Plate Recognizer sends no plate crop; the image it sent, if any, is the overview";
    }

    @Override
    public VendorPayload adapt(JsonNode payload, byte[] attachedImage) {
        PayloadReader reader = new PayloadReader(payload);
        List<JsonNode> results = reader.array("data.results", true);
        reader.throwIfRejected();
        if (results.isEmpty()) {
            return new VendorPayload.Acknowledged(reader.has("hook.event") ? reader.text("hook.event", false)
                    : "image.done");
        }
        String camera = reader.text("data.camera_id", true);
        String timestamp = reader.text("data.timestamp", true);
        CaptureTime captured = reader.time("data.timestamp", true);
        reader.throwIfRejected();
        String overview = attachedImage == null ? null : Base64.getEncoder().encodeToString(attachedImage);
        List<VendorRead> reads = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            String at = "data.results[" + i + "]";
            String readId = DerivedReadId.of("pr", camera, timestamp, Integer.toString(i), reader.node(at + ".plate")
                    .toString(), reader.node(at + ".box").toString());
            reads.add(result(reader, at, readId, camera, captured, overview));
        }
        reader.throwIfRejected();
        return new VendorPayload.Reads(reads);
    }

    private static VendorRead result(PayloadReader reader, String at, String readId, String camera,
            CaptureTime captured, String overview) {
        boolean plateObject = reader.node(at + ".plate").isObject();
        String plateField = plateObject ? at + ".plate.props.plate[0].value" : at + ".plate";
        String scoreField = plateObject ? at + ".plate.props.plate[0].score" : at + ".score";
        String regionField = plateObject ? at + ".plate.props.region[0].value" : at + ".region.code";
        String plate = reader.text(plateField, true);
        Double score = reader.number(scoreField, true);
        String region = reader.text(regionField, false);
        String makeField = plateObject ? at + ".vehicle.props.make_model[0].make" : at + ".model_make[0].make";
        String colorField = plateObject ? at + ".vehicle.props.color[0].value" : at + ".color[0].color";
        String type = reader.text(at + ".vehicle.type", false);
        String make = reader.text(makeField, false);
        String color = reader.text(colorField, false);
        Map<String, String> fields = new HashMap<>();
        List<ReadSubmission.Candidate> candidates = plateObject
                ? reader.candidates(at + ".plate.props.plate", "value", "score", 1, fields)
                : reader.candidates(at + ".candidates", "plate", "score", 1, fields);
        ReadSubmission draft = new ReadSubmission(readId, null, null,
                plate == null ? null : plate.toUpperCase(Locale.ROOT), Regions.normalize(region), score, null,
                overview, null,
                make == null && color == null && type == null ? null
                        : new ReadSubmission.VehicleAttributes(make, color, type),
                candidates);
        fields.putAll(Map.ofEntries(Map.entry("gatewayReadId", "data.timestamp"),
                Map.entry("cameraId", "data.camera_id"), Map.entry("capturedAt", "data.timestamp"),
                Map.entry("plate", plateField), Map.entry("region", regionField), Map.entry("confidence", scoreField),
                Map.entry("plateImage", "upload"), Map.entry("overviewImage", "upload"),
                Map.entry("vehicle.make", makeField), Map.entry("vehicle.color", colorField),
                Map.entry("vehicle.type", at + ".vehicle.type")));
        return new VendorRead(camera, captured, draft, fields);
    }
}
