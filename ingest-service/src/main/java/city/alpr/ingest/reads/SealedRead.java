package city.alpr.ingest.reads;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A read ready to store: everything personal is sealed or reduced to the day's keyed plate hashes. The plain
 * normalized and look-alike plates travel only as statement parameters, to be matched against the hotlists in
 * the same statement (R7); they are never stored.
 */
record SealedRead(UUID id, OffsetDateTime capturedAt, String cameraId, String gatewayReadId, byte[] plateIndex,
        byte[] plateLookAlikeIndex, int[] plateTrigrams, byte[] sealedDetails, List<SealedImage> images,
        String normalizedPlate, String lookAlikePlate) {

    record SealedImage(String kind, String mediaType, byte[] sealedBytes) {
    }
}
