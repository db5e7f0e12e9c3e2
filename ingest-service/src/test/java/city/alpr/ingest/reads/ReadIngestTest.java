package city.alpr.ingest.reads;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.common.crypto.DataKey;
import city.alpr.common.crypto.MasterKey;
import city.alpr.common.plates.PlateText;
import city.alpr.ingest.support.Reads;
import city.alpr.ingest.support.Stack;
import city.alpr.localstack.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static city.alpr.ingest.support.Reads.read;
import static city.alpr.ingest.support.Reads.storedWithGatewayReadId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ReadIngestTest {

    @BeforeEach
    void cameras() {
        Reads.registerTestCameras();
    }

    private static String gateway() {
        return Stack.gatewayToken(Stack.GATEWAY_EAST);
    }

    @Test
    void r1_aSingleReadIsStoredWithEveryFieldItCarries() throws Exception {
        Map<String, Object> read = read("7abc-123");
        String readId = given().auth().oauth2(gateway()).contentType(ContentType.JSON).body(read)
                .post("/v1/reads")
                .then().statusCode(201)
                .body("stored", equalTo(1)).body("duplicates", equalTo(0))
                .body("reads[0].gatewayReadId", equalTo(read.get("gatewayReadId")))
                .body("reads[0].status", equalTo("STORED"))
                .extract().path("reads[0].readId");

        try (Connection db = StackDatabase.superuser()) {
            PreparedStatement query = db.prepareStatement("""
                    select r.camera_id, r.gateway_id, r.captured_at, r.sealed_details, r.plate_index, r.vehicle_buckets,
                           k.wrapped_key
                    from plate_read r join data_key k on k.day = (r.captured_at at time zone 'UTC')::date
                    where r.id = ?""");
            query.setObject(1, UUID.fromString(readId));
            ResultSet row = query.executeQuery();
            assertTrue(row.next(), "the read is in the database");
            assertEquals(Reads.EAST_CAMERA, row.getString("camera_id"));
            assertEquals(Stack.GATEWAY_EAST, row.getString("gateway_id"));

            LocalDate day = row.getObject("captured_at", java.time.OffsetDateTime.class).toLocalDate();
            DataKey key = MasterKey.fromBase64(Stack.config("alpr.crypto.master-key")).unwrap(day,
                    row.getBytes("wrapped_key"));
            JsonNode details = new ObjectMapper().readTree(key.open(row.getBytes("sealed_details"),
                    (readId + "/details").getBytes(StandardCharsets.US_ASCII)));
            assertEquals("7abc-123", details.get("plate").asText());
            assertEquals("7ABC123", details.get("normalizedPlate").asText());
            assertEquals("CA", details.get("region").asText());
            assertEquals(0.91, details.get("confidence").asDouble());
            assertEquals(33.5995, details.at("/location/latitude").asDouble());
            assertEquals("Toyota", details.at("/vehicle/make").asText());
            assertEquals(Reads.EAST_CAMERA, details.get("cameraId").asText(), "the camera is sealed with the read");
            assertEquals(row.getObject("captured_at", OffsetDateTime.class).toInstant(),
                    Instant.parse(details.get("capturedAt").asText()), "and so is its capture time");
            assertEquals("Test site " + Reads.EAST_CAMERA, details.at("/site/name").asText(),
                    "and the camera's site as registered when the read was taken");
            assertArrayEquals(key.plateIndex(PlateText.normalize("7abc-123")), row.getBytes("plate_index"),
                    "the plate is findable through the day's keyed index");
            Short[] vehicleBuckets = (Short[]) row.getArray("vehicle_buckets").getArray();
            assertArrayEquals(key.vehicleBuckets(List.of("make:TOYT", "color:SIL", "bodyType:4D")),
                    Arrays.stream(vehicleBuckets).mapToInt(Short::intValue).toArray(),
                    "the vehicle's make, colour and body type are findable, in NCIC's codes, through the day's buckets");

            PreparedStatement images = db.prepareStatement(
                    "select kind, media_type, sealed_bytes from read_image where read_id = ? order by kind");
            images.setObject(1, UUID.fromString(readId));
            ResultSet image = images.executeQuery();
            assertTrue(image.next());
            assertEquals("overview", image.getString("kind"));
            assertEquals("image/png", image.getString("media_type"));
            assertTrue(image.next());
            assertEquals("plate", image.getString("kind"));
            assertEquals("image/jpeg", image.getString("media_type"));
            assertArrayEquals(Base64.getDecoder().decode((String) read.get("plateImage")),
                    key.open(image.getBytes("sealed_bytes"), (readId + "/plate").getBytes(StandardCharsets.US_ASCII)));
        }
    }

    @Test
    void r1_aBatchOf500ReadsIsStoredByOneRequest() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < ReadResource.MAX_BATCH; i++) {
            batch.add(read("BATCH" + (i % 10)));
        }
        given().auth().oauth2(gateway()).contentType(ContentType.JSON).body(batch)
                .post("/v1/reads")
                .then().statusCode(201).body("stored", equalTo(500)).body("reads", hasSize(500))
                .body("reads[499].gatewayReadId", equalTo(batch.get(499).get("gatewayReadId")));
        assertEquals(2, storedWithGatewayReadId((String) batch.get(0).get("gatewayReadId")));
        assertEquals(2, storedWithGatewayReadId((String) batch.get(499).get("gatewayReadId")));
    }

    @Test
    void r4_resubmittingAReadNeverStoresASecondCopy() {
        Map<String, Object> read = read("4DUP444");
        String first = given().auth().oauth2(gateway()).contentType(ContentType.JSON).body(read)
                .post("/v1/reads").then().statusCode(201).extract().path("reads[0].readId");

        given().auth().oauth2(gateway()).contentType(ContentType.JSON).body(read)
                .post("/v1/reads")
                .then().statusCode(200)
                .body("stored", equalTo(0)).body("duplicates", equalTo(1))
                .body("reads[0].status", equalTo("DUPLICATE")).body("reads[0].readId", equalTo(first));

        assertEquals(1, StackDatabase.count("select count(*) from plate_read where gateway_read_id = ?",
                read.get("gatewayReadId")));
        assertEquals(2, StackDatabase.count("select count(*) from read_image where read_id = ?", UUID.fromString(first)));
    }

    @Test
    void r4_aRetriedBatchStoresOnlyTheReadsThatWereLost() {
        Map<String, Object> delivered = read("4RTY001");
        Map<String, Object> lost = read("4RTY002");
        given().auth().oauth2(gateway()).contentType(ContentType.JSON).body(List.of(delivered))
                .post("/v1/reads").then().statusCode(201);

        given().auth().oauth2(gateway()).contentType(ContentType.JSON).body(List.of(delivered, lost))
                .post("/v1/reads")
                .then().statusCode(201)
                .body("stored", equalTo(1)).body("duplicates", equalTo(1))
                .body("reads[0].status", equalTo("DUPLICATE")).body("reads[1].status", equalTo("STORED"));

        assertEquals(2, storedWithGatewayReadId((String) delivered.get("gatewayReadId")));
        assertEquals(2, storedWithGatewayReadId((String) lost.get("gatewayReadId")));
    }

    @Test
    void r4_concurrentRetriesOfOneReadStoreItOnce() throws Exception {
        Map<String, Object> read = read("4RACE01");
        String token = gateway();
        List<Thread> senders = new ArrayList<>();
        List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 6; i++) {
            senders.add(Thread.ofPlatform().start(() -> statuses.add(given().auth().oauth2(token)
                    .contentType(ContentType.JSON).body(read).post("/v1/reads").statusCode())));
        }
        for (Thread sender : senders) {
            sender.join();
        }
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "exactly one request stored it: " + statuses);
        assertEquals(5, statuses.stream().filter(s -> s == 200).count(), "the others saw a duplicate: " + statuses);
        assertEquals(2, storedWithGatewayReadId((String) read.get("gatewayReadId")));
    }

    @Test
    void r5_noReadablePlateOrImageIsStoredInTheDatabase() throws Exception {
        Map<String, Object> read = read("5SECRET");
        String readId = given().auth().oauth2(gateway()).contentType(ContentType.JSON).body(read)
                .post("/v1/reads").then().statusCode(201).extract().path("reads[0].readId");

        try (Connection db = StackDatabase.superuser()) {
            PreparedStatement rows = db.prepareStatement("""
                    select r::text from plate_read r where r.id = ?
                    union all select i::text from read_image i where i.read_id = ?""");
            rows.setObject(1, UUID.fromString(readId));
            rows.setObject(2, UUID.fromString(readId));
            ResultSet row = rows.executeQuery();
            int seen = 0;
            while (row.next()) {
                seen++;
                String text = row.getString(1);
                String hexPlate = HexFormat.of().formatHex("5SECRET".getBytes(StandardCharsets.US_ASCII));
                assertFalse(text.contains("5SECRET") || text.contains(hexPlate), "plate readable in " + text);
                assertFalse(text.contains("ffd8ffe0"), "a JPEG is stored readable");
                assertFalse(text.contains("89504e470d0a1a0a"), "a PNG is stored readable");
                assertFalse(text.contains("Toyota") || text.contains("546f796f7461"), "vehicle readable");
            }
            assertEquals(3, seen, "the read and its two images were checked");
            assertEquals(0, StackDatabase.count("select count(*) from data_key where length(wrapped_key) <> 60"),
                    "data keys are stored only wrapped (nonce + 32 bytes + tag)");
        }
    }
}
