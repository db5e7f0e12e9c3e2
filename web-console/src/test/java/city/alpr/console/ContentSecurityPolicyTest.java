package city.alpr.console;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which tile origin the policy admits, and the basemap addresses that stop the console instead. */
class ContentSecurityPolicyTest {

    @Test
    void theTileServersOriginIsAdmittedAndNothingElseOfItsAddress() {
        assertEquals("https://gis.city.example",
                ContentSecurityPolicy.tileOrigin("https://gis.city.example/tiles/{z}/{x}/{y}.png"));
        assertEquals("https://gis.city.example:8443",
                ContentSecurityPolicy.tileOrigin("https://gis.city.example:8443/wmts/{z}/{y}/{x}?layer=streets"));
        assertEquals("http://127.0.0.1:9000", ContentSecurityPolicy.tileOrigin("http://127.0.0.1:9000/{z}/{x}/{y}.png"));
    }

    @Test
    void aBasemapOverPlainHttpElsewhereOrWithoutItsTileCoordinatesIsRefused() {
        assertThrows(IllegalStateException.class,
                () -> ContentSecurityPolicy.tileOrigin("http://tiles.example.org/{z}/{x}/{y}.png"));
        assertThrows(IllegalStateException.class,
                () -> ContentSecurityPolicy.tileOrigin("https://gis.city.example/tiles/{z}/{x}.png"));
        assertThrows(IllegalStateException.class, () -> ContentSecurityPolicy.tileOrigin("gis/{z}/{x}/{y}.png"));
        assertThrows(IllegalStateException.class,
                () -> ContentSecurityPolicy.tileOrigin("https://{z}.tiles.example.org/{x}/{y}.png"),
                "a server per tile would not be the one origin the policy admits");
    }
}
