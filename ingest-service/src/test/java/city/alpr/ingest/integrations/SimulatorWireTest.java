package city.alpr.ingest.integrations;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import city.alpr.ingest.support.Integrations;
import city.alpr.ingest.support.Reads;
import city.alpr.ingest.support.Stack;
import city.alpr.simulator.Vehicles;
import city.alpr.simulator.Wire;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * R27: what the gateway simulator posts in each engine's format, which the demo and the benchmarks send, is taken by
 * that format's adapter and stored.
 */
@QuarkusTest
class SimulatorWireTest {

    @BeforeEach
    void mapCamera() {
        Reads.registerTestCameras();
        Integrations.map(Stack.GATEWAY_EAST, Reads.EAST_CAMERA, Reads.EAST_CAMERA, "America/Los_Angeles");
    }

    @Test
    void eachVendorFormatTheSimulatorSpeaksIsStoredByItsAdapter_R27() {
        Vehicles vehicles = new Vehicles(4, 4096, List.of(Reads.EAST_CAMERA), "wire-" + System.nanoTime());
        for (Wire wire : Wire.vendors()) {
            given().header("Authorization", "ApiKey " + Integrations.testKey()).contentType(wire.contentType())
                    .body(wire.body(vehicles, 1)).post(wire.path())
                    .then().statusCode(201).body("reads.stored", equalTo(1));
        }
    }
}
