package city.alpr.ingest.integrations.formats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import city.alpr.common.plates.PlateText;
import city.alpr.ingest.reads.ReadSubmission;

/**
 * Genetec AutoVu reads as JSON, in the two shapes Genetec's documents show; a post holds one read or an array of them.
 * <ul>
 * <li>The Sharp HTTP extension (SharpV, SharpZ3, SharpOS): {@code Id}, {@code PlateRead}, {@code Timestamp}
 * (ISO-8601, often without a zone: then the camera's zone), {@code Latitude}/{@code Longitude}, {@code SourceUrl} (the
 * unit's name, the vendor camera id), {@code PlateImage} and {@code ContextImage} (base64 JPEG), and
 * {@code PlateAnalytics}, a list of {@code {Key, Score, Value}} where {@code Confidence Score} holds 0-100 as a string
 * and {@code State Name} or {@code Context} the region.
 * <li>The third-party ALPR ingestion read ({@code POST /lpringestion/Reads}): {@code ReferenceReadId}, {@code Plate},
 * {@code Confidence} (0-1, a string), {@code PlateStateProvince}, {@code PlateImage}, {@code ContextImage},
 * {@code ReferenceCameraId}, {@code ReadTimeUtc}.
 * </ul>
 * Every value may arrive as a string, numbers included. Latitude and longitude 0 are no position.
 */
@ApplicationScoped
public class GenetecFormat implements VendorFormat {

    @Override
    public String name() {
        return "genetec";
    }

    @Override
    public String withoutPlateImage() {
        return "the Genetec unit sent no PlateImage";
    }

    @Override
    public boolean takesArrays() {
        return true;
    }

    @Override
    public VendorPayload adapt(JsonNode payload, byte[] attachedImage) {
        PayloadReader reader = new PayloadReader(payload);
        List<VendorRead> reads = new ArrayList<>();
        if (payload.isArray()) {
            for (int i = 0; i < payload.size(); i++) {
                reads.add(read(reader, "[" + i + "]."));
            }
        } else {
            reads.add(read(reader, ""));
        }
        reader.throwIfRejected();
        if (reads.isEmpty()) {
            throw reader.refusal("body", "must hold at least one read");
        }
        return new VendorPayload.Reads(reads);
    }

    private static VendorRead read(PayloadReader reader, String at) {
        return reader.has(at + "PlateRead") ? sharp(reader, at) : ingestion(reader, at);
    }

    private static VendorRead sharp(PayloadReader reader, String at) {
        String id = reader.text(at + "Id", true);
        String camera = reader.text(at + "SourceUrl", true);
        CaptureTime captured = reader.time(at + "Timestamp", true);
        String plate = reader.text(at + "PlateRead", true);
        String confidenceField = analytic(reader, at, "Confidence Score");
        Double percent = confidenceField == null ? reader.reject(at + "PlateAnalytics",
                "must hold a Confidence Score") : reader.number(confidenceField, true);
        String stateField = analytic(reader, at, "State Name");
        String contextField = analytic(reader, at, "Context");
        String regionField = regionCode(reader, stateField) != null ? stateField : contextField;
        String state = regionCode(reader, regionField);
        Double latitude = reader.number(at + "Latitude", false);
        Double longitude = reader.number(at + "Longitude", false);
        String plateImage = reader.text(at + "PlateImage", false);
        String contextImage = reader.text(at + "ContextImage", false);
        boolean located = latitude != null && longitude != null && (latitude != 0 || longitude != 0);
        ReadSubmission draft = new ReadSubmission(id, null, null, plate, Regions.normalize(state),
                percent == null ? null : percent / 100, plateImage, contextImage,
                located ? new ReadSubmission.GeoPoint(latitude, longitude) : null, null, null);
        Map<String, String> fields = Map.ofEntries(Map.entry("gatewayReadId", at + "Id"),
                Map.entry("cameraId", at + "SourceUrl"), Map.entry("capturedAt", at + "Timestamp"),
                Map.entry("plate", at + "PlateRead"),
                Map.entry("region", regionField == null ? at + "PlateAnalytics" : regionField),
                Map.entry("confidence", confidenceField == null ? at + "PlateAnalytics" : confidenceField),
                Map.entry("plateImage", at + "PlateImage"), Map.entry("overviewImage", at + "ContextImage"),
                Map.entry("location.latitude", at + "Latitude"), Map.entry("location.longitude", at + "Longitude"));
        return new VendorRead(camera, captured, draft, fields);
    }

    private static VendorRead ingestion(PayloadReader reader, String at) {
        String id = reader.text(at + "ReferenceReadId", true);
        String camera = reader.text(at + "ReferenceCameraId", true);
        CaptureTime captured = reader.time(at + "ReadTimeUtc", true);
        String plate = reader.text(at + "Plate", true);
        Double confidence = reader.number(at + "Confidence", true);
        String state = reader.text(at + "PlateStateProvince", false);
        ReadSubmission draft = new ReadSubmission(id, null, null, plate, Regions.normalize(state), confidence,
                reader.text(at + "PlateImage", false), reader.text(at + "ContextImage", false), null, null, null);
        Map<String, String> fields = Map.of("gatewayReadId", at + "ReferenceReadId", "cameraId",
                at + "ReferenceCameraId", "capturedAt", at + "ReadTimeUtc", "plate", at + "Plate", "region",
                at + "PlateStateProvince", "confidence", at + "Confidence", "plateImage", at + "PlateImage",
                "overviewImage", at + "ContextImage");
        return new VendorRead(camera, captured, draft, fields);
    }

    /**
     * The region code an analytic holds, or null: Genetec's documents do not say whether {@code State Name} holds a
     * code or a name, so a name ({@code California}) yields to the country in {@code Context}, and then to unknown.
     */
    private static String regionCode(PayloadReader reader, String field) {
        String value = field == null ? null : reader.text(field, false);
        return value != null && Regions.normalize(value).matches(PlateText.REGION_FORMAT) ? value : null;
    }

    /** The path of the value of one {@code PlateAnalytics} entry, by its key; null when there is none. */
    private static String analytic(PayloadReader reader, String at, String key) {
        List<JsonNode> analytics = reader.array(at + "PlateAnalytics", false);
        for (int i = 0; i < analytics.size(); i++) {
            if (key.equals(analytics.get(i).path("Key").asText(null))) {
                return at + "PlateAnalytics[" + i + "].Value";
            }
        }
        return null;
    }
}
