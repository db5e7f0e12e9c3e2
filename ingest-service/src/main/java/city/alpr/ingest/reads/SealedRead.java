package city.alpr.ingest.reads;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A read ready to store: everything personal is sealed or reduced to keyed hashes. The day's hashes of the plate
 * and its look-alike form, and the buckets of its trigrams, are stored; the master key's hashes of the plate travel
 * only as statement parameters, to be matched against the hotlists in the same statement (R7), and are never stored.
 */
record SealedRead(UUID id, OffsetDateTime capturedAt, String cameraId, String gatewayReadId, byte[] plateIndex,
        byte[] plateLookAlikeIndex, int[] trigramBuckets, int[] vehicleBuckets, byte[] sealedDetails, List<SealedImage> images,
        byte[] hotlistPlateIndex, byte[] hotlistLookAlikeIndex, List<byte[]> hotlistCandidateLookAlikes) {

    record SealedImage(String kind, String mediaType, byte[] sealedBytes) {
    }
}
