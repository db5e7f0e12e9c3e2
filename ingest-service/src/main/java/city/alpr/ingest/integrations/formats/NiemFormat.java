package city.alpr.ingest.integrations.formats;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import city.alpr.common.plates.PlateText;
import city.alpr.ingest.reads.ReadSubmission;

/**
 * NIEM license plate reads as XML: a {@code LicensePlateRead} document, or a document whose root (such as a
 * {@code LicensePlateReadExchange}) holds one or more {@code LicensePlateRead} elements. No public LPR IEPD was found
 * (docs/integrations/vendor-payloads.md, section 7): the layout below is our reading of the NIEM core ({@code nc:})
 * and Justice ({@code j:}) names an agency's exchange would use, and our own names where NIEM has none (the read, its
 * camera, confidence, images and correction). Elements are matched by local name, in any namespace
 * ({@link XmlPayload}), and a refusal names the element by its path from the root
 * ({@code LicensePlateReadExchange.LicensePlateRead[1].ActivityDate.DateTime}). Under each {@code LicensePlateRead}:
 * <ul>
 * <li>{@code ActivityIdentification/IdentificationID}, required: the read's id, its idempotency key.
 * <li>{@code ActivityDate/DateTime}, required: the capture time, an {@code xs:dateTime}; without a zone it is the
 * wall clock of the camera's configured zone.
 * <li>{@code CameraIdentification/IdentificationID}, else {@code DeviceIdentification/IdentificationID}, required: the
 * vendor camera id.
 * <li>{@code Vehicle/ConveyanceRegistrationPlateIdentification/IdentificationID}, required: the plate as read
 * (stored upper case).
 * <li>{@code PlateReadCorrection/CorrectedPlateIdentificationID}: the plate a person or the engine's post-processing
 * confirmed. Where sent it is the read's plate, authoritative, and the plate as read is kept as candidate 0 with the
 * read's confidence, so nothing the camera read is lost (a hotlist entry it matches still alerts, as a candidate).
 * The correction's {@code CorrectionReasonText} is not kept: a read has no field for it.
 * <li>The region, under {@code Vehicle/ConveyanceRegistrationPlateIdentification}, the first sent of
 * {@code IdentificationJurisdiction/JurisdictionNCICLISCode} (NIEM 3 on),
 * {@code IdentificationJurisdiction/LocationStateUSPostalServiceCode}, {@code IdentificationJurisdictionNCICLISCode}
 * (NIEM 2) and {@code IdentificationJurisdictionText}. A state's or DC's code is its ISO 3166-2 code ({@code CA} is
 * California, {@code US-CA}, not Canada); another code is taken as other engines' regions are; no jurisdiction, or
 * a text that is no code ({@code California}), is unknown.
 * <li>{@code ReadConfidencePercent} (0-100) or {@code ReadConfidenceValue} (0-1), required.
 * <li>The position, optional: {@code Location2DGeospatialCoordinate} (NIEM 3 on) or
 * {@code LocationTwoDimensionalGeographicCoordinate} (NIEM 2), under {@code ActivityLocation} or directly, holding
 * {@code GeographicCoordinateLatitude} with {@code LatitudeDegreeValue}, {@code LatitudeMinuteValue} and
 * {@code LatitudeSecondValue}, and {@code GeographicCoordinateLongitude} with its {@code Longitude…} values likewise:
 * minutes and seconds in [0, 60), the degrees' sign the whole value's.
 * <li>{@code PlateImage/BinaryBase64Object} (the plate crop) and {@code OverviewImage/BinaryBase64Object}, optional.
 * <li>{@code Vehicle/VehicleMakeCode}, {@code Vehicle/VehicleColorPrimaryCode} and {@code Vehicle/VehicleStyleCode}
 * (NCIC codes), optional: the vehicle's make, colour and type, as sent.
 * </ul>
 * A post holds at most 500 reads, as every post does.
 */
@ApplicationScoped
public class NiemFormat implements VendorFormat {

    private static final String READ = "LicensePlateRead";
    private static final List<String> CAMERA_IDS = List.of("CameraIdentification.IdentificationID",
            "DeviceIdentification.IdentificationID");
    private static final List<String> JURISDICTIONS = List.of("IdentificationJurisdiction.JurisdictionNCICLISCode",
            "IdentificationJurisdiction.LocationStateUSPostalServiceCode", "IdentificationJurisdictionNCICLISCode",
            "IdentificationJurisdictionText");
    private static final List<String> CONFIDENCES = List.of("ReadConfidencePercent", "ReadConfidenceValue");
    private static final List<String> COORDINATES = List.of("ActivityLocation.Location2DGeospatialCoordinate",
            "ActivityLocation.LocationTwoDimensionalGeographicCoordinate", "Location2DGeospatialCoordinate",
            "LocationTwoDimensionalGeographicCoordinate");

    /** The 50 states' and DC's codes, the same in NCIC's LIS table and the postal service's. */
    private static final Set<String> STATES = Set.of("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA",
            "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV",
            "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA",
            "WA", "WV", "WI", "WY");

    /** {@code xs:base64Binary} may be written across lines; the base64 a read holds may not. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    @Override
    public String name() {
        return "niem";
    }

    @Override
    public boolean takesXml() {
        return true;
    }

    @Override
    public String withoutPlateImage() {
        return "the NIEM document carried no PlateImage";
    }

    @Override
    public VendorPayload adapt(JsonNode payload, byte[] attachedImage) {
        PayloadReader reader = new PayloadReader(payload);
        String root = payload.fieldNames().next();
        List<String> reads = root.equals(READ) ? List.of(READ + ".") : held(reader, root + "." + READ);
        reader.throwIfRejected();
        List<VendorRead> adapted = reads.stream().map(at -> read(reader, at)).toList();
        reader.throwIfRejected();
        return new VendorPayload.Reads(adapted);
    }

    /** Where each read a wrapper root holds is: one element, or several, which the tree holds as an array. */
    private static List<String> held(PayloadReader reader, String path) {
        if (!reader.has(path)) {
            reader.reject(path, "is required: the document is a LicensePlateRead or holds LicensePlateReads");
            return List.of();
        }
        JsonNode reads = reader.node(path);
        return reads.isArray() ? IntStream.range(0, reads.size()).mapToObj(i -> path + "[" + i + "].").toList()
                : List.of(path + ".");
    }

    private static VendorRead read(PayloadReader reader, String at) {
        String idField = at + "ActivityIdentification.IdentificationID";
        String id = reader.text(idField, true);
        String timeField = at + "ActivityDate.DateTime";
        CaptureTime captured = reader.time(timeField, true);
        String cameraField = required(reader, at, CAMERA_IDS);
        String camera = reader.text(cameraField, false);
        String plateAt = at + "Vehicle.ConveyanceRegistrationPlateIdentification.";
        String asReadField = plateAt + "IdentificationID";
        String asRead = upper(reader.text(asReadField, true));
        boolean corrected = reader.has(at + "PlateReadCorrection");
        String correctedField = at + "PlateReadCorrection.CorrectedPlateIdentificationID";
        String plate = corrected ? upper(reader.text(correctedField, true)) : asRead;
        String regionField = first(reader, plateAt, JURISDICTIONS).orElse(plateAt + JURISDICTIONS.getFirst());
        String region = region(reader.text(regionField, false), regionField.endsWith("Text"));
        String confidenceField = required(reader, at, CONFIDENCES);
        Double sent = reader.number(confidenceField, false);
        Double confidence = sent != null && confidenceField.endsWith("Percent") ? Double.valueOf(sent / 100) : sent;
        String coordinate = first(reader, at, COORDINATES).orElse(at + COORDINATES.getFirst());
        String latitudeField = coordinate + ".GeographicCoordinateLatitude";
        String longitudeField = coordinate + ".GeographicCoordinateLongitude";
        ReadSubmission.GeoPoint location = null;
        if (reader.has(coordinate)) {
            Double latitude = degrees(reader, latitudeField + ".Latitude", 90);
            Double longitude = degrees(reader, longitudeField + ".Longitude", 180);
            location = latitude == null || longitude == null ? null
                    : new ReadSubmission.GeoPoint(latitude, longitude);
        }
        String plateImageField = at + "PlateImage.BinaryBase64Object";
        String overviewField = at + "OverviewImage.BinaryBase64Object";
        String makeField = at + "Vehicle.VehicleMakeCode";
        String colorField = at + "Vehicle.VehicleColorPrimaryCode";
        String typeField = at + "Vehicle.VehicleStyleCode";
        String make = reader.text(makeField, false);
        String color = reader.text(colorField, false);
        String type = reader.text(typeField, false);

        ReadSubmission draft = new ReadSubmission(id, null, null, plate, region, confidence,
                base64(reader, plateImageField), base64(reader, overviewField), location,
                make == null && color == null && type == null ? null
                        : new ReadSubmission.VehicleAttributes(make, color, type),
                corrected ? List.of(new ReadSubmission.Candidate(asRead, confidence)) : null);
        Map<String, String> fields = Map.ofEntries(Map.entry("gatewayReadId", idField),
                Map.entry("cameraId", cameraField), Map.entry("capturedAt", timeField),
                Map.entry("plate", corrected ? correctedField : asReadField), Map.entry("region", regionField),
                Map.entry("confidence", confidenceField), Map.entry("plateImage", plateImageField),
                Map.entry("overviewImage", overviewField), Map.entry("location.latitude", latitudeField),
                Map.entry("location.longitude", longitudeField), Map.entry("vehicle.make", makeField),
                Map.entry("vehicle.color", colorField), Map.entry("vehicle.type", typeField),
                Map.entry("candidates[0].plate", asReadField), Map.entry("candidates[0].confidence", confidenceField));
        return new VendorRead(camera, captured, draft, fields);
    }

    /** The path of the first of the alternative elements the read holds; empty when it holds none. */
    private static Optional<String> first(PayloadReader reader, String at, List<String> alternatives) {
        return alternatives.stream().map(at::concat).filter(reader::has).findFirst();
    }

    /** The path of the first alternative the read holds; when it holds none, the first's, refused naming the rest. */
    private static String required(PayloadReader reader, String at, List<String> alternatives) {
        return first(reader, at, alternatives).orElseGet(() -> {
            reader.reject(at + alternatives.getFirst(), "is required (or "
                    + String.join(", or ", alternatives.subList(1, alternatives.size())) + ")");
            return at + alternatives.getFirst();
        });
    }

    /** A state's or DC's code as its ISO 3166-2 code; any other code as sent; a text that is no code, unknown. */
    private static String region(String jurisdiction, boolean text) {
        String code = Regions.normalize(jurisdiction);
        if (STATES.contains(code)) {
            return "US-" + code;
        }
        return text && !code.matches(PlateText.REGION_FORMAT) ? Regions.UNKNOWN : code;
    }

    /**
     * A latitude's or longitude's degrees, minutes and seconds as one decimal number. Minutes and seconds are each in
     * [0, 60), 0 when absent, and add to the degrees' magnitude; the degrees' sign is the whole value's, that of
     * {@code -0} included (0 degrees and 30 minutes west is {@code -0}, {@code 30}). Null when a part is refused.
     */
    private static Double degrees(PayloadReader reader, String axis, int limit) {
        String degreeField = axis + "DegreeValue";
        Double degrees = reader.number(degreeField, true);
        Double minutes = sixtieths(reader, axis + "MinuteValue");
        Double seconds = sixtieths(reader, axis + "SecondValue");
        if (degrees != null && Math.abs(degrees) > limit) {
            return reader.reject(degreeField, "must be between -" + limit + " and " + limit);
        }
        return degrees == null || minutes == null || seconds == null ? null
                : Math.copySign(Math.abs(degrees) + minutes / 60 + seconds / 3600, degrees);
    }

    /** A minute or second value, in [0, 60): 0 when absent, null when refused. */
    private static Double sixtieths(PayloadReader reader, String field) {
        if (!reader.has(field)) {
            return 0.0;
        }
        Double value = reader.number(field, true);
        return value == null || value >= 0 && value < 60 ? value
                : reader.reject(field, "must be at least 0 and less than 60");
    }

    private static String base64(PayloadReader reader, String field) {
        String text = reader.text(field, false);
        return text == null ? null : WHITESPACE.matcher(text).replaceAll("");
    }

    private static String upper(String plate) {
        return plate == null ? null : plate.toUpperCase(Locale.ROOT);
    }
}
