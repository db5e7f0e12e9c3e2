package city.alpr.ingest.integrations.formats;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import city.alpr.ingest.reads.ReadSubmission;

/**
 * Verkada's LPR webhook, from its API reference ("LPR Webhook Object"):
 * {@code {"webhook_type": "lpr", "webhook_id", "org_id", "created_at", "data": {"camera_id", "created", "detected",
 * "license_plate_number", "confidence", "image_url", "crop", "license_plate_state"}}}.
 * <ul>
 * <li>Only {@code webhook_type} {@code lpr} is a read; other types a Verkada organization sends to the same URL are
 * acknowledged.
 * <li>The capture time is {@code data.detected} (epoch milliseconds) where sent, else {@code data.created} (epoch
 * seconds); {@code license_plate_number} is the plate, {@code confidence} 0-1, {@code license_plate_state}
 * ({@code us-ca}) the region where sent.
 * <li>The image is only a URL on Verkada's service ({@code image_url}): ingest makes no outbound call, so the read
 * is stored without an image, marked so, or refused where the setting says.
 * <li>No read id is sent: the idempotency key is derived from camera, capture time and plate, which a retry repeats
 * (Verkada re-signs a retry, so the webhook's own fields do not identify it).
 * </ul>
 */
@ApplicationScoped
public class VerkadaFormat implements VendorFormat {

    @Override
    public String name() {
        return "verkada";
    }

    @Override
    public String withoutPlateImage() {
        return "Verkada holds the image at its image_url, on Verkada's service; ingest fetches nothing";
    }

    @Override
    public VendorPayload adapt(JsonNode payload, byte[] attachedImage) {
        PayloadReader reader = new PayloadReader(payload);
        String type = reader.text("webhook_type", true);
        reader.throwIfRejected();
        if (!"lpr".equals(type)) {
            return new VendorPayload.Acknowledged(type);
        }
        String camera = reader.text("data.camera_id", true);
        boolean detected = reader.has("data.detected");
        String timeField = detected ? "data.detected" : "data.created";
        CaptureTime captured = detected ? reader.epochMillis(timeField, true) : reader.epochSeconds(timeField, true);
        String plate = reader.text("data.license_plate_number", true);
        Double confidence = reader.number("data.confidence", true);
        String region = reader.text("data.license_plate_state", false);
        reader.throwIfRejected();

        ReadSubmission draft = new ReadSubmission(DerivedReadId.of("vk", camera, reader.node(timeField).asText(), plate), null,
                null, plate, Regions.normalize(region), confidence, null, null, null, null, null);
        Map<String, String> fields = Map.of("gatewayReadId", timeField, "cameraId", "data.camera_id", "capturedAt",
                timeField, "plate", "data.license_plate_number", "region", "data.license_plate_state", "confidence",
                "data.confidence", "plateImage", "data.image_url");
        return new VendorPayload.Reads(List.of(new VendorRead(camera, captured, draft, fields)));
    }
}
