package city.alpr.console;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** A city's own basemap: the scripts are told its tiles, and the policy admits images from its origin alone. */
@QuarkusTest
@TestProfile(ConsoleBasemapTest.CityGis.class)
class ConsoleBasemapTest {

    public static class CityGis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("alpr.console.basemap.tiles", "https://gis.city.example/tiles/{z}/{x}/{y}.png",
                    "alpr.console.basemap.attribution", "City GIS");
        }
    }

    @Test
    void theScriptsAreToldTheTilesAndThePolicyAdmitsTheirOrigin() {
        given().get("/settings.json").then().statusCode(200)
                .body("basemapTiles", equalTo("https://gis.city.example/tiles/{z}/{x}/{y}.png"))
                .body("basemapAttribution", equalTo("City GIS"));
        given().get("/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("img-src 'self' blob: data: https://gis.city.example;"));
    }
}
