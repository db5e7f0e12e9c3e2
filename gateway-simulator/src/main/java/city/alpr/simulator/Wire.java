package city.alpr.simulator;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The language a simulated gateway speaks to ingest: our native batch, or one camera engine's own webhook payload, one
 * read per post as the engines send them, in the shapes each vendor documents (ingest-service README, "Vendor
 * integrations"). A vendor's camera id is the registered camera's id, as the custodian maps them for the demo and the
 * benchmarks ({@code RunningSystem.integrate}).
 */
public enum Wire {

    NATIVE("/v1/reads"),
    OPENALPR("/v1/integrations/openalpr/reads"),
    PLATE_RECOGNIZER("/v1/integrations/plate-recognizer/reads"),
    BLUE_IRIS("/v1/integrations/blue-iris/reads"),
    VERKADA("/v1/integrations/verkada/reads"),
    GENETEC("/v1/integrations/genetec/reads"),
    AXIS("/v1/integrations/axis/reads"),
    NIEM("/v1/integrations/niem/reads");

    private static final DateTimeFormatter PACIFIC_WALL_CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS")
            .withZone(ZoneId.of("America/Los_Angeles"));

    private final String path;

    Wire(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    /** The media type of its posts: XML for NIEM, JSON for the others. */
    public String contentType() {
        return this == NIEM ? "application/xml" : "application/json";
    }

    /** The ingest-service format name (the path segment), e.g. {@code plate-recognizer}; {@code native} for ours. */
    public String formatName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Wire of(String formatName) {
        return valueOf(formatName.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** The body of one post of {@code reads} reads captured now; a vendor's engine posts one read at a time. */
    public String body(Vehicles vehicles, int reads) {
        if (this == NATIVE) {
            return vehicles.batch(reads);
        }
        if (reads != 1) {
            throw new IllegalArgumentException(formatName() + " engines post one read at a time, not " + reads);
        }
        return render(vehicles.sighting(vehicles.capture()));
    }

    String render(Vehicles.Sighting read) {
        long millis = read.capturedAt().toEpochMilli();
        return switch (this) {
            case NATIVE -> throw new IllegalStateException("the native batch is rendered by Vehicles");
            case OPENALPR -> """
                    {"data_type":"alpr_group","version":2,"epoch_start":%d,"epoch_end":%d,"camera_id":"%s",\
                    "best_uuid":"%s","best_plate_number":"%s","best_confidence":%d.5,"best_region":"us-ca",\
                    "candidates":[{"plate":"%s","confidence":%d.5,"matches_template":0}],\
                    "best_plate":{"plate":"%s","confidence":%d.5,"region":"us-ca","plate_crop_jpeg":"%s"},\
                    "vehicle":{"color":[{"name":"%s","confidence":60.1}],"make":[{"name":"%s","confidence":55.0}],\
                    "body_type":[{"name":"%s","confidence":70.2}]},"travel_direction":85.5,"is_parked":false}"""
                    .formatted(millis, millis + 1500, read.cameraId(), read.readId(), read.plate(), read.confidence(),
                            read.plate(), read.confidence(), read.plate(), read.confidence(), read.plateImageBase64(),
                            lower(read.color()), lower(read.make()), lower(read.type()));
            case PLATE_RECOGNIZER -> """
                    {"hook":{"id":"%s","event":"recognition"},"data":{"camera_id":"%s","timestamp":"%s",\
                    "results":[{"plate":"%s","score":0.%d,"region":{"code":"us-ca","score":0.9},\
                    "vehicle":{"type":"%s","score":0.9},"model_make":[{"make":"%s","model":"","score":0.7}],\
                    "color":[{"color":"%s","score":0.8}]}]}}"""
                    .formatted(read.cameraId(), read.cameraId(), read.capturedAt(), lower(read.plate()),
                            read.confidence(), read.type(), read.make(), lower(read.color()));
            case BLUE_IRIS -> """
                    {"camera":"%s","timestamp":"%s","ai_dump":[{"api":"alpr","found":{"predictions":\
                    [{"plate":"%s","confidence":0.%d}]}}],"Image":"%s"}"""
                    .formatted(read.cameraId(), read.capturedAt(), read.plate(), read.confidence(),
                            read.plateImageBase64());
            case VERKADA -> """
                    {"webhook_type":"lpr","webhook_id":"%s","created_at":%d,"data":{"camera_id":"%s",\
                    "created":%d,"detected":%d,"license_plate_number":"%s","confidence":0.%d,\
                    "image_url":"https://verkada.example/lpr/%s","license_plate_state":"us-ca"}}"""
                    .formatted(read.readId(), millis / 1000, read.cameraId(), millis / 1000, millis, read.plate(),
                            read.confidence(), read.readId());
            case GENETEC -> """
                    {"Id":"%s","PlateRead":"%s","Timestamp":"%s","SourceUrl":"%s","PlateImage":"%s",\
                    "PlateAnalytics":[{"Key":"Context","Score":1.0,"Value":"US"},\
                    {"Key":"Confidence Score","Score":-1.0,"Value":"%d"}]}"""
                    .formatted(read.readId(), read.plate(), PACIFIC_WALL_CLOCK.format(read.capturedAt()),
                            read.cameraId(), read.plateImageBase64(), read.confidence());
            case AXIS -> """
                    {"carState":"new","carID":"%s","capture_timestamp":"%d","plateText":"%s","plateCountry":"USA",\
                    "plateConfidence":"0.%d","camera_info":{"SerialNumber":"%s"},\
                    "vehicle_info":{"type":"%s","color":"%s","brand":"%s"},\
                    "ImageArray":[{"ImageType":"plate","ImageFormat":"jpg","BinaryImage":"%s"}]}"""
                    .formatted(read.readId(), millis, read.plate(), read.confidence(), read.cameraId(),
                            lower(read.type()), lower(read.color()), read.make(), read.plateImageBase64());
            case NIEM ->
                """
                        <lpr:LicensePlateRead xmlns:lpr="http://alpr.example.gov/lpr/1.0/" \
                        xmlns:nc="http://release.niem.gov/niem/niem-core/4.0/" xmlns:j="http://release.niem.gov/niem/domains/jxdm/6.1/">\
                        <nc:ActivityIdentification><nc:IdentificationID>%s</nc:IdentificationID></nc:ActivityIdentification>\
                        <nc:ActivityDate><nc:DateTime>%s</nc:DateTime></nc:ActivityDate>\
                        <lpr:CameraIdentification><nc:IdentificationID>%s</nc:IdentificationID></lpr:CameraIdentification>\
                        <nc:Vehicle><nc:ConveyanceRegistrationPlateIdentification><nc:IdentificationID>%s</nc:IdentificationID>\
                        <nc:IdentificationJurisdiction><j:JurisdictionNCICLISCode>CA</j:JurisdictionNCICLISCode>\
                        </nc:IdentificationJurisdiction></nc:ConveyanceRegistrationPlateIdentification>\
                        <j:VehicleMakeCode>%s</j:VehicleMakeCode></nc:Vehicle>\
                        <lpr:ReadConfidencePercent>%d.5</lpr:ReadConfidencePercent>\
                        <lpr:PlateImage><nc:BinaryBase64Object>%s</nc:BinaryBase64Object></lpr:PlateImage>\
                        </lpr:LicensePlateRead>"""
                        .formatted(read.readId(), read.capturedAt(), read.cameraId(), read.plate(), read.make(),
                                read.confidence(), read.plateImageBase64());
        };
    }

    /** The formats of the camera engines, without our own. */
    public static List<Wire> vendors() {
        return List.of(OPENALPR, PLATE_RECOGNIZER, BLUE_IRIS, VERKADA, GENETEC, AXIS, NIEM);
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
