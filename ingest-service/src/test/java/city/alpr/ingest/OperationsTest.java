package city.alpr.ingest;

import org.junit.jupiter.api.Test;

import city.alpr.ingest.support.Reads;
import city.alpr.ingest.support.Stack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** What operators and integrators rely on: health, metrics, the OpenAPI document. */
@QuarkusTest
class OperationsTest {

    @Test
    void readinessChecksTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("Reactive PostgreSQL connections health check"));
    }

    @Test
    void prometheusMetricsCountIngestOutcomes() {
        Reads.registerTestCameras();
        given().auth().oauth2(Stack.gatewayToken(Stack.GATEWAY_EAST)).contentType(ContentType.JSON)
                .body(Reads.read("OPS0001")).post("/v1/reads").then().statusCode(201);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("alpr_ingest_reads_total{outcome=\"stored\"}"));
    }

    @Test
    void openApiDocumentsTheIngestApi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/v1/reads'.post.responses.'400'.description", containsString("item index"))
                .body("paths.'/v1/cameras/health'.get.summary", containsString("R21"));
    }
}
