package city.alpr.ingest.reads;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.common.plates.PlateText;
import city.alpr.common.problem.Violation;
import city.alpr.ingest.IngestConfig;

/**
 * The checks Bean Validation cannot express (R3): decoded image bytes, the capture window the policy allows,
 * repeated ids inside one batch, and a plate image where the source must send one (the native API always; a vendor
 * format as its integration's setting says). Each failure names the item index and the field.
 */
@ApplicationScoped
class ReadChecks {

    private static final int MAX_NORMALIZED_PLATE = 10;
    private final IngestConfig config;

    ReadChecks(IngestConfig config) {
        this.config = config;
    }

    /** @param missingPlateImage the refusal of a read without a plate image; null where one may be missing */
    List<CheckedRead> check(List<ReadSubmission> reads, String missingPlateImage, Instant now,
            List<Violation> violations) {
        Instant latest = now.plus(config.ingest().maxClockSkew());
        Instant earliest = now.minus(config.policy().retentionDays(), ChronoUnit.DAYS);
        Map<String, Integer> firstIndexOfId = new HashMap<>();
        List<CheckedRead> checked = new ArrayList<>(reads.size());
        for (int index = 0; index < reads.size(); index++) {
            ReadSubmission read = reads.get(index);
            int before = violations.size();

            Integer earlier = firstIndexOfId.putIfAbsent(read.gatewayReadId(), index);
            if (earlier != null) {
                violations.add(Violation.atItem(index, "gatewayReadId", "repeats item " + earlier + " of this batch"));
            }
            Instant captured = read.capturedAt().toInstant();
            if (captured.isAfter(latest)) {
                violations.add(Violation.atItem(index, "capturedAt", "lies more than "
                        + config.ingest().maxClockSkew().toMinutes() + " minutes in the future"));
            } else if (captured.isBefore(earliest)) {
                violations.add(Violation.atItem(index, "capturedAt",
                        "is older than the retention period of " + config.policy().retentionDays() + " days"));
            }
            String plate = PlateText.normalize(read.plate());
            if (plate.isEmpty() || plate.length() > MAX_NORMALIZED_PLATE) {
                violations.add(Violation.atItem(index, "plate", "must have 1-10 letters or digits"));
            }
            List<CheckedRead.Image> images = new ArrayList<>(2);
            if (read.plateImage() == null || read.plateImage().isBlank()) {
                if (missingPlateImage != null) {
                    violations.add(Violation.atItem(index, "plateImage", missingPlateImage));
                }
            } else {
                decode(index, "plateImage", "plate", read.plateImage(), config.ingest().maxPlateImageBytes(),
                        violations).ifPresent(images::add);
            }
            if (read.overviewImage() != null) {
                decode(index, "overviewImage", "overview", read.overviewImage(),
                        config.ingest().maxOverviewImageBytes(), violations).ifPresent(images::add);
            }
            if (violations.size() == before) {
                OffsetDateTime capturedUtc = read.capturedAt().withOffsetSameInstant(ZoneOffset.UTC)
                        .truncatedTo(ChronoUnit.MICROS);
                checked.add(new CheckedRead(index, ReadIds.next(), read, capturedUtc, capturedUtc.toLocalDate(), plate,
                        images));
            }
        }
        return checked;
    }

    private static Optional<CheckedRead.Image> decode(int index, String field, String kind, String base64,
            int maxBytes, List<Violation> violations) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            violations.add(Violation.atItem(index, field, "is not valid base64"));
            return Optional.empty();
        }
        if (bytes.length > maxBytes) {
            violations.add(Violation.atItem(index, field,
                    "is " + bytes.length + " bytes; at most " + maxBytes + " are accepted"));
            return Optional.empty();
        }
        String mediaType = ImageFormat.detect(bytes);
        if (mediaType == null) {
            violations.add(Violation.atItem(index, field, "is not a JPEG, PNG or WebP image"));
            return Optional.empty();
        }
        return Optional.of(new CheckedRead.Image(kind, mediaType, bytes));
    }
}
