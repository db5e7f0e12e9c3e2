package city.alpr.ingest.integrations.formats;

import java.time.OffsetDateTime;
import java.util.Map;

import city.alpr.ingest.reads.ReadSubmission;

/**
 * One read a vendor payload carries, in our terms except for its camera, which the custodian's mapping names, and its
 * time, which a camera's zone may be needed to fix.
 *
 * @param draft the read with every field but {@code cameraId} and {@code capturedAt}
 * @param vendorFields for each of our field paths ({@code plate}, {@code location.latitude}), the vendor's, so a
 *        refusal names the field the vendor sent
 */
public record VendorRead(String vendorCameraId, CaptureTime capturedAt, ReadSubmission draft,
        Map<String, String> vendorFields) {

    public ReadSubmission at(String cameraId, OffsetDateTime captured) {
        return new ReadSubmission(draft.gatewayReadId(), cameraId, captured, draft.plate(), draft.region(),
                draft.confidence(), draft.plateImage(), draft.overviewImage(), draft.location(), draft.vehicle(),
                draft.candidates());
    }

    /** The vendor's name of one of our fields; a field the format does not carry keeps our name. */
    public String vendorField(String field) {
        return vendorFields.getOrDefault(field, field);
    }
}
