package city.alpr.systemtests;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

import city.alpr.launcher.RunningSystem;
import city.alpr.simulator.GatewayClient;
import io.restassured.path.json.JsonPath;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One read of a chosen plate, posted by gateway-east from its first camera as the camera captures it now. */
final class GatewayReads {

    private GatewayReads() {
    }

    /** @return the id ingest stored the read under */
    static String post(RunningSystem system, String gatewayReadId, String plate, byte[] plateImage)
            throws IOException, InterruptedException {
        return post(system, gatewayReadId, plate, plateImage, "null");
    }

    /** As {@link #post(RunningSystem, String, String, byte[])}, of a vehicle the engine describes so. */
    static String post(RunningSystem system, String gatewayReadId, String plate, byte[] plateImage, String make,
            String color, String type) throws IOException, InterruptedException {
        return post(system, gatewayReadId, plate, plateImage, """
                {"make":"%s","color":"%s","type":"%s"}""".formatted(make, color, type));
    }

    private static String post(RunningSystem system, String gatewayReadId, String plate, byte[] plateImage,
            String vehicle) throws IOException, InterruptedException {
        String read = """
                {"gatewayReadId":"%s","cameraId":"CAM-E01","capturedAt":"%s","plate":"%s","region":"CA",
                 "confidence":0.91,"plateImage":"%s","location":{"latitude":33.6035,"longitude":-117.28},
                 "vehicle":%s}"""
                .formatted(gatewayReadId, Instant.now().truncatedTo(ChronoUnit.SECONDS), plate,
                        Base64.getEncoder().encodeToString(plateImage), vehicle);
        GatewayClient.Answer answer = new GatewayClient(URI.create(system.ingest.url()),
                URI.create(system.keycloak.tokenEndpoint()), "gateway-east", system.secrets.gatewayEastSecret(), 1)
                .post("/v1/reads", read, 3);
        assertEquals(201, answer.status(), answer.body());
        return JsonPath.from(answer.body()).getString("reads[0].readId");
    }
}
