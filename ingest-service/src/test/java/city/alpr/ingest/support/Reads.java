package city.alpr.ingest.support;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.common.crypto.DataKey;
import city.alpr.common.crypto.MasterKey;
import city.alpr.localstack.StackDatabase;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;

/** Builds read submissions as a gateway would send them, and registers the cameras they come from. */
public final class Reads {

    public static final String EAST_CAMERA = "CAM-TEST-E1";
    public static final String WEST_CAMERA = "CAM-TEST-W1";
    public static final String RETIRED_CAMERA = "CAM-TEST-OLD";

    private static final String PLATE_JPEG = Base64.getEncoder().encodeToString(image("7ABC123", "jpg"));
    private static final String OVERVIEW_PNG = Base64.getEncoder().encodeToString(image("overview", "png"));

    private static boolean camerasRegistered;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Reads() {
    }

    /** A complete, valid read with a fresh gateway read id, captured a minute ago at the east test camera. */
    public static Map<String, Object> read(String plate) {
        Map<String, Object> read = new LinkedHashMap<>();
        read.put("gatewayReadId", "t-" + UUID.randomUUID());
        read.put("cameraId", EAST_CAMERA);
        read.put("capturedAt", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1).toString());
        read.put("plate", plate);
        read.put("region", "CA");
        read.put("confidence", 0.91);
        read.put("plateImage", PLATE_JPEG);
        read.put("overviewImage", OVERVIEW_PNG);
        read.put("location", Map.of("latitude", 33.5995, "longitude", -117.2800));
        read.put("vehicle", Map.of("make", "Toyota", "color", "Silver", "type", "Sedan"));
        return read;
    }

    public static Map<String, Object> with(Map<String, Object> read, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(read);
        copy.put(field, value);
        return copy;
    }

    public static byte[] image(String text, String format) {
        BufferedImage image = new BufferedImage(160, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, 160, 48);
        graphics.setColor(Color.BLUE.darker());
        graphics.setFont(new Font(Font.MONOSPACED, Font.BOLD, 26));
        graphics.drawString(text, 8, 34);
        graphics.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registers the test cameras once per test run. */
    public static synchronized void registerTestCameras() {
        if (camerasRegistered) {
            return;
        }
        camerasRegistered = true;
        String manager = Stack.userToken("manager");
        register(manager, EAST_CAMERA, Stack.GATEWAY_EAST, true);
        register(manager, WEST_CAMERA, Stack.GATEWAY_WEST, true);
        register(manager, RETIRED_CAMERA, Stack.GATEWAY_EAST, false);
    }

    private static void register(String token, String id, String gateway, boolean active) {
        int status = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("id", id, "gatewayId", gateway, "site", "Test site " + id, "latitude", 33.6,
                        "longitude", -117.28, "active", active))
                .post("/v1/cameras").statusCode();
        if (status != 201 && status != 409) {
            throw new IllegalStateException("camera registration answered " + status);
        }
    }

    /** What a stored read seals, opened with the master key as query-service would. */
    public static JsonNode sealedDetails(String readId) {
        try (Connection db = StackDatabase.superuser(); PreparedStatement query = db.prepareStatement("""
                select r.captured_at, r.sealed_details, k.wrapped_key
                from plate_read r join data_key k on k.day = (r.captured_at at time zone 'UTC')::date
                where r.id = ?""")) {
            query.setObject(1, UUID.fromString(readId));
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("no read " + readId + " is stored");
                }
                DataKey key = MasterKey.fromBase64(Stack.config("alpr.crypto.master-key")).unwrap(
                        row.getObject("captured_at", OffsetDateTime.class).toLocalDate(), row.getBytes("wrapped_key"));
                return new ObjectMapper().readTree(key.open(row.getBytes("sealed_details"),
                        (readId + "/details").getBytes(StandardCharsets.US_ASCII)));
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long storedWithGatewayReadId(String gatewayReadId) {
        return StackDatabase.count("select count(*) from plate_read where gateway_read_id = ?", gatewayReadId)
                + StackDatabase.count("select count(*) from ingest_key where gateway_read_id = ?", gatewayReadId);
    }
}
