package city.alpr.ingest.tracing;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import city.alpr.ingest.support.Reads;
import city.alpr.ingest.support.Stack;
import city.alpr.localstack.OtlpReceiver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** With a collector configured, a read's path is traced: the gateway's request, then each statement that stores it. */
@QuarkusTest
@TestProfile(OtlpReceiver.Traced.class)
@QuarkusTestResource(value = OtlpReceiver.class, restrictToAnnotatedClass = true)
class TracingTest {

    @Inject
    Vertx vertx;

    @Test
    void aStoredReadIsTracedFromTheGatewaysRequestToTheDatabase() {
        Reads.registerTestCameras();
        Map<String, Object> read = Reads.read("5TRACE1");
        given().auth().oauth2(Stack.gatewayToken(Stack.GATEWAY_EAST)).contentType(ContentType.JSON).body(read)
                .post("/v1/reads").then().statusCode(201);
        assertNotNull(((VertxInternal) vertx).tracer(), "a tracer on HTTP requests and SQL statements");
        OtlpReceiver.awaitSpansWith("ingest-service", "/v1/reads", "insert into ingest_key", "insert into plate_read");
        OtlpReceiver.assertNoSpanHolds("5TRACE1");
    }
}
