package city.alpr.console;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * The console's page and its settings, served with the headers that keep its scripts to themselves; no basemap by
 * default, so its policy admits no tile server.
 */
@QuarkusTest
class ConsoleServingTest {

    @Test
    void settingsTellTheScriptsWhereKeycloakAndEachServiceAre() {
        given().get("/settings.json").then().statusCode(200)
                .body("realmUrl", equalTo("http://localhost:8180/realms/alpr"))
                .body("clientId", equalTo("alpr-web"))
                .body("ingestUrl", equalTo("http://localhost:8081"))
                .body("queryUrl", equalTo("http://localhost:8082"))
                .body("auditUrl", equalTo("http://localhost:8083"))
                .body("publicUrl", equalTo("http://localhost:8083"))
                .body("basemapTiles", nullValue());
    }

    @Test
    void thePageMayRunOnlyItsOwnScriptsAndTalkOnlyToKeycloakAndTheServices() {
        given().get("/").then().statusCode(200)
                .body(containsString("<script type=\"module\" src=\"/js/app.js\"></script>"))
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy", containsString("connect-src 'self' http://localhost:8180/realms/alpr/"
                        + " http://localhost:8081 http://localhost:8082 http://localhost:8083 http://localhost:8083;"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("img-src 'self' blob: data:;"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"));
    }

    @Test
    void scriptsAreServedAndEveryAnswerCarriesThePolicy() {
        given().get("/js/app.js").then().statusCode(200).contentType(containsString("javascript"))
                .header("Content-Security-Policy", containsString("script-src 'self';"));
        given().get("/no-such-page").then().statusCode(404)
                .header("Content-Security-Policy", containsString("script-src 'self';"));
    }
}
