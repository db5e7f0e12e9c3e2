package city.alpr.ingest.cameras;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import city.alpr.localstack.PrometheusText;
import city.alpr.localstack.StackDatabase;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;

/** R21 for the operators: a camera that falls silent raises alpr_cameras_silent, which the alert rules watch. */
@QuarkusTest
class SilentCamerasTest {

    @Test
    void aCameraThatFallsSilentIsCountedForTheOperatorsAlertAndOneThatBeatsAgainIsNot_R21() {
        String camera = "CAM-SIL-" + UUID.randomUUID().toString().substring(0, 6);
        StackDatabase.execute("insert into camera (id, gateway_id, site, latitude, longitude, last_heartbeat_at) "
                + "values (?, 'gateway-east', 'Silent corner', 33.6, -117.2, now())", camera);
        double alive = PrometheusText.await(SilentCamerasTest::metrics, "alpr_cameras_silent", count -> count >= 0);
        StackDatabase.execute("update camera set last_heartbeat_at = now() - interval '1 hour' where id = ?", camera);
        PrometheusText.await(SilentCamerasTest::metrics, "alpr_cameras_silent", count -> count == alive + 1);
        StackDatabase.execute("update camera set last_heartbeat_at = now() where id = ?", camera);
        PrometheusText.await(SilentCamerasTest::metrics, "alpr_cameras_silent", count -> count == alive);
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
