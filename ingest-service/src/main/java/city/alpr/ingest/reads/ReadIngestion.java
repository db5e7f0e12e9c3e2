package city.alpr.ingest.reads;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.common.crypto.DataKey;
import city.alpr.common.crypto.DayKeys;
import city.alpr.common.crypto.DestroyedDayKeyException;
import city.alpr.common.crypto.MasterKey;
import city.alpr.common.plates.PlateText;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.Violation;
import city.alpr.common.reads.ReadDetails;
import city.alpr.common.reads.ReadEnvelope;
import city.alpr.common.vehicles.VehicleCodes;
import city.alpr.ingest.IngestConfig;
import city.alpr.ingest.cameras.CameraOwnership;
import city.alpr.ingest.cameras.CameraStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The ingest path: check every field, check the cameras belong to the gateway, seal plate text and images under
 * the day's key, store the batch atomically. A request with any rejected item stores nothing (R3).
 */
@ApplicationScoped
public class ReadIngestion {

    private final ReadChecks checks;
    private final CameraStore cameras;
    private final Pool pool;
    private final DayKeys dayKeys;
    private final MasterKey masterKey;
    private final ReadStore store;
    private final ObjectMapper json;
    private final double candidateMatchMinConfidence;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter rejected;

    ReadIngestion(ReadChecks checks, CameraStore cameras, Pool pool, DayKeys dayKeys, MasterKey masterKey, ReadStore store,
            ObjectMapper json, MeterRegistry meters, IngestConfig config) {
        this.checks = checks;
        this.cameras = cameras;
        this.pool = pool;
        this.dayKeys = dayKeys;
        this.masterKey = masterKey;
        this.store = store;
        this.json = json;
        this.candidateMatchMinConfidence = config.policy().candidateMatchMinConfidence();
        this.stored = meters.counter("alpr.ingest.reads", "outcome", "stored");
        this.duplicates = meters.counter("alpr.ingest.reads", "outcome", "duplicate");
        this.rejected = meters.counter("alpr.ingest.reads", "outcome", "rejected");
    }

    /**
     * Where reads come from: the native API, or a vendor format, which may be allowed to deliver reads without a plate
     * image; such a read is stored marked with why it has none.
     *
     * @param format the vendor format, null for the native API
     * @param withoutPlateImage why a read of this source holds no plate image; null where one is required
     */
    public record Source(String format, String withoutPlateImage) {

        public static final Source NATIVE = new Source(null, null);

        /** How a read without a plate image is refused; null where this source may deliver one without. */
        String missingPlateImage() {
            if (withoutPlateImage != null) {
                return null;
            }
            return format == null ? "must not be blank"
                    : "holds no plate image, and this integration refuses reads without one (ingest fetches no image)";
        }
    }

    public Uni<IngestResult> ingest(String gatewayId, List<ReadSubmission> reads) {
        return ingest(gatewayId, reads, Source.NATIVE);
    }

    public Uni<IngestResult> ingest(String gatewayId, List<ReadSubmission> reads, Source source) {
        Instant now = Instant.now();
        List<Violation> violations = new ArrayList<>();
        List<CheckedRead> checked = checks.check(reads, source.missingPlateImage(), now, violations);
        Set<String> cameraIds = new LinkedHashSet<>();
        reads.forEach(read -> cameraIds.add(read.cameraId()));
        return cameras.owners(pool, cameraIds)
                .invoke(owners -> refuseIfAnyItemIsRejected(gatewayId, reads, owners, violations))
                .chain(owners -> keysFor(checked).map(keys -> checked.stream()
                        .map(read -> seal(read, keys.get(read.day()), owners.get(read.submission().cameraId()),
                                source))
                        .toList()))
                .chain(sealed -> store.save(gatewayId, sealed, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)))
                .invoke(result -> {
                    stored.increment(result.stored());
                    duplicates.increment(result.duplicates());
                })
                .onFailure(ProblemException.class).invoke(() -> rejected.increment(reads.size()));
    }

    private void refuseIfAnyItemIsRejected(String gatewayId, List<ReadSubmission> reads,
            Map<String, CameraOwnership> owners, List<Violation> violations) {
        List<Violation> foreign = new ArrayList<>();
        for (int index = 0; index < reads.size(); index++) {
            String cameraId = reads.get(index).cameraId();
            CameraOwnership owner = owners.get(cameraId);
            if (owner == null) {
                violations.add(Violation.atItem(index, "cameraId", "is not a registered camera"));
            } else if (!owner.gatewayId().equals(gatewayId)) {
                foreign.add(Violation.atItem(index, "cameraId", "is registered to another gateway"));
            } else if (!owner.active()) {
                violations.add(Violation.atItem(index, "cameraId", "is decommissioned"));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        if (!foreign.isEmpty()) {
            throw ProblemException.forbidden("this gateway may submit reads only for its own cameras; nothing was stored",
                    foreign);
        }
    }

    private Uni<Map<LocalDate, DataKey>> keysFor(List<CheckedRead> reads) {
        Set<LocalDate> days = new LinkedHashSet<>();
        reads.forEach(read -> days.add(read.day()));
        Map<LocalDate, DataKey> keys = new HashMap<>();
        Uni<Void> loaded = Uni.createFrom().voidItem();
        for (LocalDate day : days) {
            loaded = loaded.chain(() -> dayKeys.forDay(day))
                    .onFailure(DestroyedDayKeyException.class).transform(destroyed -> purgedDay(reads, day))
                    .invoke(key -> keys.put(day, key)).replaceWithVoid();
        }
        return loaded.replaceWith(keys);
    }

    /** The retention purge already destroyed this day's key: nothing can be stored for it any more (R19, R20). */
    private static ProblemException purgedDay(List<CheckedRead> reads, LocalDate day) {
        return ProblemException.invalid(reads.stream().filter(read -> read.day().equals(day))
                .map(read -> Violation.atItem(read.index(), "capturedAt",
                        "falls on " + day + ", a day whose data has been purged"))
                .toList());
    }

    /** Seals the read with its camera, the camera's site as registered now, and its capture time (R1, R5). */
    private SealedRead seal(CheckedRead read, DataKey key, CameraOwnership camera, Source source) {
        ReadSubmission submission = read.submission();
        ReadSubmission.GeoPoint location = submission.location();
        ReadSubmission.VehicleAttributes vehicle = submission.vehicle();
        ReadDetails details = new ReadDetails(submission.plate(), read.normalizedPlate(), submission.region(),
                submission.confidence(),
                location == null ? null : new ReadDetails.Location(location.latitude(), location.longitude()),
                vehicle == null ? null : new ReadDetails.Vehicle(vehicle.make(), vehicle.color(), vehicle.type()),
                submission.cameraId(), read.capturedAt().toInstant().toString(), camera.site(), source.format(),
                read.images().stream().anyMatch(image -> image.kind().equals("plate")) ? null
                        : source.withoutPlateImage(),
                submission.candidates() == null ? List.of()
                        : submission.candidates().stream()
                                .map(candidate -> new ReadDetails.Candidate(candidate.plate(), candidate.confidence()))
                                .toList());
        List<SealedRead.SealedImage> images = read.images().stream()
                .map(image -> new SealedRead.SealedImage(image.kind(), image.mediaType(),
                        key.seal(image.bytes(), ReadEnvelope.context(read.id(), image.kind()))))
                .toList();
        String lookAlike = PlateText.lookAlike(read.normalizedPlate());
        return new SealedRead(read.id(), read.capturedAt(), submission.cameraId(), submission.gatewayReadId(),
                key.plateIndex(read.normalizedPlate()), key.plateIndex(lookAlike),
                key.trigramBuckets(PlateText.trigrams(lookAlike)), key.vehicleBuckets(vehicle == null ? List.of()
                        : VehicleCodes.terms(vehicle.make(), vehicle.color(), vehicle.type())),
                ReadEnvelope.seal(json, key, read.id(), ReadEnvelope.DETAILS, details), images,
                masterKey.hotlistPlateIndex(read.normalizedPlate()), masterKey.hotlistLookAlikeIndex(lookAlike),
                candidateLookAlikes(submission, lookAlike).stream().map(masterKey::hotlistLookAlikeIndex).toList());
    }

    /**
     * The look-alike forms of the engine's other readings confident enough to be matched against the hotlists (the
     * policy's candidate-match-min-confidence), each once, leaving out the best plate's own: a hotlist entry it matches
     * is the best plate's alert.
     */
    private List<String> candidateLookAlikes(ReadSubmission submission, String bestLookAlike) {
        if (submission.candidates() == null) {
            return List.of();
        }
        Set<String> lookAlikes = new LinkedHashSet<>();
        for (ReadSubmission.Candidate candidate : submission.candidates()) {
            if (candidate.confidence() >= candidateMatchMinConfidence) {
                lookAlikes.add(PlateText.lookAlike(PlateText.normalize(candidate.plate())));
            }
        }
        lookAlikes.remove(bestLookAlike);
        return List.copyOf(lookAlikes);
    }
}
