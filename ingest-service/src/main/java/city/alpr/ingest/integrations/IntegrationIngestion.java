package city.alpr.ingest.integrations;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.JsonNode;

import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemMapper;
import city.alpr.common.problem.Violation;
import city.alpr.ingest.IngestConfig;
import city.alpr.ingest.cameras.CameraStore;
import city.alpr.ingest.integrations.formats.VendorFormat;
import city.alpr.ingest.integrations.formats.VendorPayload;
import city.alpr.ingest.integrations.formats.VendorRead;
import city.alpr.ingest.reads.ReadIngestion;
import city.alpr.ingest.reads.ReadResource;
import city.alpr.ingest.reads.ReadSubmission;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A vendor post on the native read's path (R27): the format's adapter turns it into reads, the custodian's mapping
 * names their cameras (and the zone of times without one), and then they are validated, sealed, stored once and
 * matched exactly as {@code POST /v1/reads} does; every refusal names the vendor's field. A heartbeat marks the
 * mapped cameras alive.
 */
@ApplicationScoped
class IntegrationIngestion {

    /** As long as a mapping's vendor camera id may be ({@link CameraMappingResource}). */
    static final int MAX_VENDOR_CAMERA_ID = 128;

    private final CameraMappingStore mappings;
    private final CameraStore cameras;
    private final ReadIngestion ingestion;
    private final Validator validator;
    private final Pool pool;
    private final Set<String> refuseWithoutPlateImage;

    IntegrationIngestion(CameraMappingStore mappings, CameraStore cameras, ReadIngestion ingestion, Validator validator,
            Pool pool, IngestConfig config, Instance<VendorFormat> formats) {
        this.mappings = mappings;
        this.cameras = cameras;
        this.ingestion = ingestion;
        this.validator = validator;
        this.pool = pool;
        this.refuseWithoutPlateImage = config.integrations().refuseReadsWithoutPlateImage().orElse(Set.of());
        Set<String> known = formats.stream().map(VendorFormat::name).collect(Collectors.toSet());
        if (!known.containsAll(refuseWithoutPlateImage)) {
            throw new IllegalStateException("alpr.integrations.refuse-reads-without-plate-image names "
                    + refuseWithoutPlateImage + "; the formats are " + known);
        }
    }

    Uni<IntegrationResult> receive(VendorFormat format, String gatewayId, JsonNode payload, byte[] attachedImage) {
        return switch (format.adapt(payload, attachedImage)) {
            case VendorPayload.Acknowledged acknowledged ->
                Uni.createFrom().item(IntegrationResult.acknowledged(acknowledged.what()));
            case VendorPayload.Heartbeat heartbeat -> heartbeat(gatewayId, heartbeat);
            case VendorPayload.Reads reads -> store(format, gatewayId, reads.reads());
        };
    }

    private Uni<IntegrationResult> heartbeat(String gatewayId, VendorPayload.Heartbeat heartbeat) {
        Set<String> vendorIds = new LinkedHashSet<>(heartbeat.vendorCameraIds());
        refuseUnlessBounded(vendorIds, "video_streams");
        return mappings.of(pool, gatewayId, vendorIds).chain(mapped -> {
            List<String> unmapped = vendorIds.stream().filter(id -> !mapped.containsKey(id)).toList();
            Set<String> cameraIds = new LinkedHashSet<>();
            mapped.values().forEach(mapping -> cameraIds.add(mapping.cameraId()));
            return cameras.heartbeats(pool, gatewayId, cameraIds)
                    .map(alive -> IntegrationResult.heartbeat(alive, unmapped));
        });
    }

    /** A post names at most as many cameras as a batch holds reads, each id as long as a mapping's may be. */
    private static void refuseUnlessBounded(Set<String> vendorCameraIds, String field) {
        if (vendorCameraIds.size() > ReadResource.MAX_BATCH) {
            throw ProblemException.invalid(List.of(Violation.of(field, "names " + vendorCameraIds.size()
                    + " cameras; at most " + ReadResource.MAX_BATCH + " are taken in one post")));
        }
        if (vendorCameraIds.stream().anyMatch(id -> id.length() > MAX_VENDOR_CAMERA_ID)) {
            throw ProblemException.invalid(List.of(Violation.of(field, "names a camera id longer than "
                    + MAX_VENDOR_CAMERA_ID + " characters")));
        }
    }

    private Uni<IntegrationResult> store(VendorFormat format, String gatewayId, List<VendorRead> reads) {
        if (reads.size() > ReadResource.MAX_BATCH) {
            throw ProblemException.invalid(List.of(Violation.of("body", "holds " + reads.size() + " reads; at most "
                    + ReadResource.MAX_BATCH + " are taken in one post")));
        }
        Set<String> vendorIds = new LinkedHashSet<>();
        reads.forEach(read -> vendorIds.add(read.vendorCameraId()));
        refuseUnlessBounded(vendorIds, reads.getFirst().vendorField("cameraId"));
        ReadIngestion.Source source = new ReadIngestion.Source(format.name(),
                refuseWithoutPlateImage.contains(format.name()) ? null : format.withoutPlateImage());
        return mappings.of(pool, gatewayId, vendorIds)
                .map(mapped -> submissions(reads, mapped))
                .chain(submissions -> ingestion.ingest(gatewayId, submissions, source))
                .onFailure(ProblemException.class)
                .transform(problem -> inVendorTerms((ProblemException) problem, reads))
                .map(IntegrationResult::stored);
    }

    /** The reads with their mapped cameras and times, each checked as the native API checks its body. */
    private List<ReadSubmission> submissions(List<VendorRead> reads, Map<String, CameraMapping> mapped) {
        List<Violation> violations = new ArrayList<>();
        List<ReadSubmission> submissions = new ArrayList<>(reads.size());
        for (VendorRead read : reads) {
            CameraMapping mapping = mapped.get(read.vendorCameraId());
            if (mapping == null) {
                violations.add(Violation.of(read.vendorField("cameraId"), "camera " + read.vendorCameraId()
                        + " is not mapped to a registered camera of this gateway; the custodian maps it"));
                continue;
            }
            ReadSubmission submission = read.at(mapping.cameraId(), read.capturedAt().in(ZoneId.of(mapping.timeZone())));
            for (ConstraintViolation<ReadSubmission> violation : validator.validate(submission)) {
                violations.add(Violation.of(read.vendorField(ProblemMapper.toViolation(violation).field()),
                        violation.getMessage()));
            }
            submissions.add(submission);
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations.stream().distinct().toList());
        }
        return submissions;
    }

    /** A refusal of the native path, with each field named as the vendor's payload names it. */
    private static ProblemException inVendorTerms(ProblemException problem, List<VendorRead> reads) {
        List<Violation> renamed = problem.violations().stream().map(violation -> {
            if (violation.index() == null || violation.index() >= reads.size()) {
                return violation;
            }
            return Violation.of(reads.get(violation.index()).vendorField(violation.field()), violation.message());
        }).distinct().sorted(Violation.ORDER).toList();
        return new ProblemException(problem.type(), problem.getMessage(), renamed);
    }
}
