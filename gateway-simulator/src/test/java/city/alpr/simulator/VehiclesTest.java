package city.alpr.simulator;

import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VehiclesTest {

    @Test
    void platesFollowTheCaliforniaFormat() {
        Random random = new Random(7);
        for (int i = 0; i < 100; i++) {
            assertTrue(Vehicles.californiaPlate(random).matches("[1-9][A-Z]{3}[0-9]{3}"));
        }
    }

    @Test
    void plateImagesAreJpegsOfAboutTheRequestedSize() {
        byte[] jpeg = PlateImages.jpeg("8MJR412", 8192, 1);
        assertEquals(0xFF, jpeg[0] & 0xFF);
        assertEquals(0xD8, jpeg[1] & 0xFF);
        assertEquals(0xD9, jpeg[jpeg.length - 1] & 0xFF);
        assertTrue(jpeg.length >= 8192 && jpeg.length < 16384, "size " + jpeg.length);
    }

    @Test
    void aBatchCarriesUniqueIdsForTheGivenCameras() {
        String json = new Vehicles(4, 2048, List.of("CAM-A", "CAM-B"), "run1").batch(10);
        Matcher ids = Pattern.compile("\"gatewayReadId\":\"(run1-\\d+)\"").matcher(json);
        long distinct = ids.results().map(match -> match.group(1)).distinct().count();
        assertEquals(10, distinct);
        assertTrue(json.contains("\"cameraId\":\"CAM-A\"") || json.contains("\"cameraId\":\"CAM-B\""));
        Matcher image = Pattern.compile("\"plateImage\":\"([^\"]+)\"").matcher(json);
        assertTrue(image.find());
        assertEquals(0xFF, Base64.getDecoder().decode(image.group(1))[0] & 0xFF);
    }
}
