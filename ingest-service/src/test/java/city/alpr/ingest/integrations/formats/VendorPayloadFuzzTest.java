package city.alpr.ingest.integrations.formats;

import java.io.IOException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Assertions;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.Violation;
import city.alpr.ingest.reads.ReadSubmission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * R27, fuzzed in-process: any JSON (or, for NIEM, XML) a camera engine could post is either adapted (reads with a camera and a
 * time,
 * which Bean Validation then judges without an exception, a heartbeat, or an acknowledgement) or refused with every
 * violation naming a vendor field; nothing else is thrown. The first byte picks the format ({@code O} OpenALPR,
 * {@code P} Plate Recognizer, {@code B} Blue Iris, {@code V} Verkada, {@code G} Genetec, {@code A} Axis, {@code N} NIEM,
 * otherwise
 * by its value); the seeds in {@code VendorPayloadFuzzTestInputs/} are the
 * documented payloads.
 */
class VendorPayloadFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<VendorFormat> FORMATS = List.of(new OpenAlprFormat(), new PlateRecognizerFormat(),
            new BlueIrisFormat(), new VerkadaFormat(), new GenetecFormat(), new AxisFormat(), new NiemFormat());
    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    @FuzzTest
    @DictionaryEntries({ "\"data_type\"", "\"alpr_group\"", "\"alpr_results\"", "\"heartbeat\"", "\"best_uuid\"",
            "\"camera_id\"", "\"epoch_start\"", "\"best_plate_number\"", "\"best_confidence\"", "\"best_region\"",
            "\"best_plate\"", "\"plate_crop_jpeg\"", "\"vehicle\"", "\"make\"", "\"name\"", "\"video_streams\"",
            "\"gps_latitude\"", "\"data\"", "\"results\"", "\"timestamp\"", "\"plate\"", "\"score\"", "\"region\"",
            "\"code\"", "\"props\"", "\"value\"", "\"model_make\"", "\"color\"", "\"2021-09-29T05:56:13.606935Z\"",
            "\"2025-09-09 23:22:38.030345\"", "1562681121504", "\"ai_dump\"", "\"api\"", "\"alpr\"", "\"found\"",
            "\"predictions\"", "\"camera\"", "\"webhook_type\"", "\"lpr\"", "\"detected\"", "\"license_plate_number\"",
            "\"PlateRead\"", "\"PlateAnalytics\"", "\"Key\"", "\"Value\"", "\"Confidence Score\"", "\"SourceUrl\"",
            "\"carState\"", "\"new\"", "\"carID\"", "\"capture_timestamp\"", "\"plateText\"", "\"plateCountry\"",
            "\"camera_info\"", "\"SerialNumber\"", "\"ImageArray\"", "<LicensePlateRead>", "</LicensePlateRead>",
            "<ActivityDate><DateTime>", "<IdentificationID>", "<LatitudeMinuteValue>", "<!DOCTYPE", "null", "[", "]", "{", "}",
            "\"\"" })
    void r27_anyVendorPayloadIsAdaptedOrRefusedByTheVendorsField(byte[] input) {
        if (input.length == 0) {
            return;
        }
        VendorFormat format = switch (input[0]) {
            case 'O' -> FORMATS.get(0);
            case 'P' -> FORMATS.get(1);
            case 'B' -> FORMATS.get(2);
            case 'V' -> FORMATS.get(3);
            case 'G' -> FORMATS.get(4);
            case 'A' -> FORMATS.get(5);
            case 'N' -> FORMATS.get(6);
            default -> FORMATS.get((input[0] & 0xFF) % FORMATS.size());
        };
        JsonNode payload;
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        try {
            payload = format.takesXml() ? XmlPayload.parse(body) : JSON.readTree(body);
        } catch (IOException unreadable) {
            return; // 400 malformed-body (ProblemMapper)
        } catch (ProblemException refused) {
            assertEquals(List.of("body"), refused.violations().stream().map(Violation::field).toList(),
                    "an XML document that is not one is refused as the body");
            return;
        }
        if (payload == null || !(payload.isObject() || payload.isArray() && format.takesArrays())) {
            return; // 400 from the resource: the body must be an object (or an array, where the format takes one)
        }
        VendorPayload adapted;
        try {
            adapted = format.adapt(payload, null);
        } catch (ProblemException refused) {
            assertFalse(refused.violations().isEmpty(), "a refusal names its fields");
            for (Violation violation : refused.violations()) {
                assertNotNull(violation.field());
                assertFalse(violation.field().isBlank());
            }
            return;
        }
        switch (adapted) {
            case VendorPayload.Reads reads -> {
                assertFalse(reads.reads().isEmpty(), "a payload of reads holds at least one");
                for (VendorRead read : reads.reads()) {
                    assertNotNull(read.vendorCameraId());
                    ReadSubmission submission = read.at("CAM-E01", read.capturedAt().in(ZoneId.of("Pacific/Kiritimati")));
                    VALIDATOR.validate(submission).forEach(violation -> assertTrue(
                            read.vendorFields().containsKey(violation.getPropertyPath().toString()),
                            "a refusal of " + violation.getPropertyPath() + " names the vendor's field"));
                    assertEquals(submission.region(), Regions.normalize(submission.region()),
                            "regions are in one form");
                }
            }
            case VendorPayload.Heartbeat heartbeat ->
                heartbeat.vendorCameraIds().forEach(Assertions::assertNotNull);
            case VendorPayload.Acknowledged acknowledged -> assertNotNull(acknowledged.what());
        }
    }
}
