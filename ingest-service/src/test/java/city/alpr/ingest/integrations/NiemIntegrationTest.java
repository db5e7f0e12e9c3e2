package city.alpr.ingest.integrations;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import city.alpr.ingest.support.Integrations;
import city.alpr.ingest.support.Reads;
import city.alpr.ingest.support.Stack;
import city.alpr.localstack.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** R27: NIEM LicensePlateRead documents as XML, one read or an exchange of them; a DOCTYPE is never read. */
@QuarkusTest
class NiemIntegrationTest {

    private static final String CAMERA = "niem-cam-1";
    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
    private static final String LATITUDE = "LicensePlateRead.ActivityLocation.Location2DGeospatialCoordinate"
            + ".GeographicCoordinateLatitude";
    private static final String PLATE = "LicensePlateRead.Vehicle.ConveyanceRegistrationPlateIdentification"
            + ".IdentificationID";

    @BeforeEach
    void mapCamera() {
        Reads.registerTestCameras();
        Integrations.map(Stack.GATEWAY_EAST, CAMERA, Reads.EAST_CAMERA, "America/Los_Angeles");
    }

    /** A fixture of {@code niem/} with its read id (the exchange's: the id, then -1 and -2) and capture time put in. */
    private static String document(String fixture, String readId, String capturedAt) {
        return Integrations.document("niem/" + fixture).replace("READ_ID", readId).replace("CAPTURED_AT", capturedAt);
    }

    private static String twoMinutesAgo() {
        return OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(2).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static Instant captured(JsonNode sealed) {
        return Instant.parse(sealed.get("capturedAt").asText());
    }

    private static String imageKinds(String readId) {
        return StackDatabase.text(
                "select string_agg(kind, ',' order by kind) from read_image where read_id = ?::uuid", readId);
    }

    @Test
    void aReadIsStoredInOurTermsAndOnce_R1_R4_R27() {
        String capturedAt = twoMinutesAgo();
        String document = document("license-plate-read.xml", "niem-" + UUID.randomUUID(), capturedAt);
        String readId = Integrations.postXml("niem", document).statusCode(201).extract().path("reads.reads[0].readId");
        JsonNode sealed = Reads.sealedDetails(readId);
        assertEquals("niem", sealed.get("source").asText());
        assertEquals("6NIE281", sealed.get("plate").asText());
        assertEquals("US-CA", sealed.get("region").asText(), "the NCIC LIS code CA is California, not Canada");
        assertEquals(0.935, sealed.get("confidence").asDouble(), 1e-9, "ReadConfidencePercent is 0-100");
        assertEquals(33.5995, sealed.at("/location/latitude").asDouble(), 1e-6, "33 degrees 35' 58.2\"");
        assertEquals(-117.28, sealed.at("/location/longitude").asDouble(), 1e-6,
                "-117 degrees 16' 48\": the degrees' sign is the whole value's");
        assertEquals("FORD", sealed.at("/vehicle/make").asText());
        assertEquals("WHI", sealed.at("/vehicle/color").asText());
        assertEquals("4D", sealed.at("/vehicle/type").asText(), "an NCIC style code, digits and all");
        assertEquals(0, sealed.path("candidates").size(), "an uncorrected read has no other reading");
        assertEquals(Instant.parse(capturedAt), captured(sealed));
        assertEquals("overview,plate", imageKinds(readId));

        given().header("X-Api-Key", Integrations.testKey()).contentType("text/xml")
                .body(document.getBytes(StandardCharsets.UTF_8)).post("/v1/integrations/niem/reads").then()
                .statusCode(200).body("reads.reads[0].status", equalTo("DUPLICATE"))
                .body("reads.reads[0].readId", equalTo(readId));
    }

    @Test
    void aTimeWithoutAZoneIsTheCamerasWallClock_R27() {
        LocalDateTime pacific = LocalDateTime.now(PACIFIC).minusMinutes(3).truncatedTo(ChronoUnit.MILLIS);
        String readId = Integrations.postXml("niem", document("license-plate-read.xml", "niem-" + UUID.randomUUID(),
                pacific.toString())).statusCode(201).extract().path("reads.reads[0].readId");
        assertEquals(pacific.atZone(PACIFIC).toInstant(), captured(Reads.sealedDetails(readId)));
    }

    @Test
    void aCorrectedReadStoresTheCorrectedPlateAndKeepsTheCamerasReading_R1_R27() {
        String readId = Integrations.postXml("niem", document("corrected-read.xml", "niem-" + UUID.randomUUID(),
                twoMinutesAgo())).statusCode(201).extract().path("reads.reads[0].readId");
        JsonNode sealed = Reads.sealedDetails(readId);
        assertEquals("5KTB407", sealed.get("plate").asText(), "the correction is authoritative");
        assertEquals(1, sealed.get("candidates").size());
        assertEquals("5KTB4O7", sealed.at("/candidates/0/plate").asText(), "what the camera read is kept");
        assertEquals(0.64, sealed.at("/candidates/0/confidence").asDouble(), 1e-9);
        assertEquals(0.64, sealed.get("confidence").asDouble(), 1e-9, "ReadConfidenceValue is 0-1");
        assertEquals("US-NV", sealed.get("region").asText(), "NIEM 2's IdentificationJurisdictionNCICLISCode");
        assertEquals("null", sealed.path("location").toString());
        assertTrue(sealed.get("imageNote").asText().contains("PlateImage"));
        assertEquals(0, StackDatabase.count("select count(*) from read_image where read_id = ?::uuid", readId));
    }

    @Test
    void anExchangeStoresEachOfItsReadsAllOrNothing_R3_R27() {
        List<String> ids = Integrations.postXml("niem", document("exchange.xml", "niem-" + UUID.randomUUID(),
                twoMinutesAgo())).statusCode(201).body("reads.stored", equalTo(2)).extract().path("reads.reads.readId");
        JsonNode first = Reads.sealedDetails(ids.get(0));
        assertEquals("7XEN552", first.get("plate").asText());
        assertEquals("ZZ", first.get("region").asText(), "a jurisdiction in words is no code");
        assertEquals(34.052222, first.at("/location/latitude").asDouble(), 1e-6, "NIEM 2's coordinate, 34 3' 8\"");
        assertEquals(-118.243611, first.at("/location/longitude").asDouble(), 1e-6);
        JsonNode second = Reads.sealedDetails(ids.get(1));
        assertEquals("AZK3391", second.get("plate").asText());
        assertEquals("US-AZ", second.get("region").asText(), "a postal service state code");
        assertEquals(0.88, second.get("confidence").asDouble(), 1e-9);
        assertEquals("TOYT", second.at("/vehicle/make").asText());
        assertEquals("plate", imageKinds(ids.get(1)), "an xsi:nil OverviewImage is none");

        String readId = "niem-" + UUID.randomUUID();
        String badSecond = document("exchange.xml", readId, twoMinutesAgo())
                .replace("<ReadConfidencePercent>88</ReadConfidencePercent>",
                        "<ReadConfidencePercent>high</ReadConfidencePercent>");
        Integrations.postXml("niem", badSecond).statusCode(400).body("violations[0].field",
                equalTo("LicensePlateReadExchange.LicensePlateRead[1].ReadConfidencePercent"));
        assertEquals(0, Reads.storedWithGatewayReadId(readId + "-1"), "nothing of a refused exchange is stored");
    }

    @Test
    void eachBadElementIsRefusedByItsPath_R3_R27() {
        String readId = "niem-" + UUID.randomUUID();
        String document = document("license-plate-read.xml", readId, twoMinutesAgo());
        Integrations.postXml("niem", document.replace("<nc:LatitudeMinuteValue>35<", "<nc:LatitudeMinuteValue>60<"))
                .statusCode(400).body("violations[0].field", equalTo(LATITUDE + ".LatitudeMinuteValue"))
                .body("violations[0].message", equalTo("must be at least 0 and less than 60"));
        Integrations.postXml("niem", document.replace("<nc:IdentificationID>6NIE281</nc:IdentificationID>", ""))
                .statusCode(400).body("violations[0].field", equalTo(PLATE))
                .body("violations[0].message", equalTo("is required"));
        Integrations.postXml("niem", document.replace(">6NIE281<", ">6NIE 281!<")).statusCode(400)
                .body("violations[0].field", equalTo(PLATE));
        Integrations.postXml("niem", document.replace(">niem-cam-1<", ">niem-cam-unmapped<")).statusCode(400)
                .body("violations[0].field", equalTo("LicensePlateRead.CameraIdentification.IdentificationID"));
        Integrations.postXml("niem", document.substring(0, document.length() / 2)).statusCode(400)
                .body("violations[0].field", equalTo("body"))
                .body("violations[0].message", containsString("well-formed"));
        Integrations.postXml("niem", "").statusCode(400).body("violations[0].field", equalTo("body"));
        assertEquals(0, Reads.storedWithGatewayReadId(readId), "no refused document stored its read");
    }

    @Test
    void aDoctypeIsRefusedAndNoEntityIsRead_R3_R27() {
        String readId = "niem-" + UUID.randomUUID();
        Integrations.postXml("niem", document("xxe.xml", readId, twoMinutesAgo())).statusCode(400)
                .body("violations[0].field", equalTo("body"))
                .body("violations[0].message", containsString("DOCTYPE"))
                .body(not(containsString("root:")));
        assertEquals(0, Reads.storedWithGatewayReadId(readId));
    }

    @Test
    void xmlGoesOnlyToTheFormatThatTakesIt_R27() {
        String readId = "niem-" + UUID.randomUUID();
        Integrations.postXml("verkada", document("license-plate-read.xml", readId, twoMinutesAgo())).statusCode(415)
                .contentType("application/problem+json");
        ObjectNode json = Integrations.JSON.createObjectNode();
        json.putObject("LicensePlateRead");
        Integrations.post("niem", json).statusCode(415).contentType("application/problem+json");
        assertEquals(0, Reads.storedWithGatewayReadId(readId));
    }
}
