package city.alpr.ingest.reads;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A read ready to store: everything personal is sealed or reduced to the day's keyed plate hashes. */
record SealedRead(UUID id, OffsetDateTime capturedAt, String cameraId, String gatewayReadId, byte[] plateIndex,
        byte[] plateLookAlikeIndex, byte[] sealedDetails, List<SealedImage> images) {

    record SealedImage(String kind, String mediaType, byte[] sealedBytes) {
    }
}
