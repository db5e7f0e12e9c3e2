package city.alpr.ingest.integrations.formats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import city.alpr.ingest.reads.ReadSubmission;

/**
 * Blue Iris with CodeProject.AI's ALPR module, posting the alert template ALPR-Database documents:
 * {@code {"ai_dump": &JSON, "Image": "&ALERT_JPEG", "camera": "&CAM", "timestamp": "&ALERT_TIME", ...}}.
 * <ul>
 * <li>{@code ai_dump} is an object or an array; its element whose {@code api} is {@code alpr} holds
 * {@code found.predictions}, each a read: {@code plate} (authoritative, stored upper case) and {@code confidence}
 * (0-1). A post without {@code ai_dump} may name one plate in {@code plate_number} (the older template), then without
 * a confidence, which Blue Iris does not send: it is stored as 0, unknown.
 * <li>{@code camera} is Blue Iris's short camera name, the vendor camera id.
 * <li>{@code timestamp} is read with its zone, or without one in the camera's zone.
 * <li>{@code Image} is the alert frame (JPEG, or WebP where Blue Iris stores WebP), with or without a
 * {@code data:image/...;base64,} prefix: the read's overview; CodeProject.AI sends no plate crop.
 * <li>No read id is sent: the idempotency key is derived from camera, timestamp and the prediction's position.
 * </ul>
 */
@ApplicationScoped
public class BlueIrisFormat implements VendorFormat {

    @Override
    public String name() {
        return "blue-iris";
    }

    @Override
    public String withoutPlateImage() {
        return "Blue Iris sends the alert frame, no plate crop; the frame is the overview";
    }

    @Override
    public VendorPayload adapt(JsonNode payload, byte[] attachedImage) {
        PayloadReader reader = new PayloadReader(payload);
        String camera = reader.text("camera", true);
        String timestamp = reader.text("timestamp", true);
        CaptureTime captured = reader.time("timestamp", true);
        String image = withoutDataPrefix(reader.text("Image", false));
        reader.throwIfRejected();

        List<VendorRead> reads = new ArrayList<>();
        if (reader.has("ai_dump")) {
            String predictions = alprPredictions(reader);
            List<JsonNode> found = reader.array(predictions, true);
            for (int i = 0; i < found.size(); i++) {
                String at = predictions + "[" + i + "]";
                reads.add(read(camera, captured, DerivedReadId.of("bi", camera, timestamp, Integer.toString(i)),
                        reader.text(at + ".plate", true), reader.number(at + ".confidence", true), image,
                        Map.of("plate", at + ".plate", "confidence", at + ".confidence")));
            }
        } else {
            reads.add(read(camera, captured, DerivedReadId.of("bi", camera, timestamp, "0"),
                    reader.text("plate_number", true), 0.0, image, Map.of("plate", "plate_number")));
        }
        reader.throwIfRejected();
        if (reads.isEmpty()) {
            return new VendorPayload.Acknowledged("no plate in the alert");
        }
        return new VendorPayload.Reads(reads);
    }

    /** The path of the ALPR module's predictions inside {@code ai_dump}, an object or an array of the modules' output. */
    private static String alprPredictions(PayloadReader reader) {
        JsonNode dump = reader.node("ai_dump");
        if (dump.isObject()) {
            return "ai_dump.found.predictions";
        }
        for (int i = 0; i < dump.size(); i++) {
            if ("alpr".equals(dump.get(i).path("api").asText(null))) {
                return "ai_dump[" + i + "].found.predictions";
            }
        }
        throw reader.refusal("ai_dump", "holds no element whose api is alpr");
    }

    private static VendorRead read(String camera, CaptureTime captured, String readId, String plate, Double confidence,
            String image, Map<String, String> plateFields) {
        ReadSubmission draft = new ReadSubmission(readId, null, null,
                plate == null ? null : plate.toUpperCase(Locale.ROOT), Regions.UNKNOWN, confidence, null, image, null,
                null, null);
        Map<String, String> fields = new HashMap<>(plateFields);
        fields.putAll(Map.of("gatewayReadId", "timestamp", "cameraId", "camera", "capturedAt", "timestamp",
                "plateImage", "Image", "overviewImage", "Image"));
        return new VendorRead(camera, captured, draft, Map.copyOf(fields));
    }

    private static String withoutDataPrefix(String image) {
        if (image == null || !image.startsWith("data:")) {
            return image;
        }
        int comma = image.indexOf(',');
        return comma < 0 ? image : image.substring(comma + 1);
    }
}
