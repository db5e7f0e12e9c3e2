package city.alpr.ingest.reads;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A submission that passed the field checks, with its images decoded and its storage day fixed; {@code index} is
 * its position in the request.
 */
record CheckedRead(int index, UUID id, ReadSubmission submission, OffsetDateTime capturedAt, LocalDate day,
        String normalizedPlate, List<Image> images) {

    record Image(String kind, String mediaType, byte[] bytes) {
    }
}
