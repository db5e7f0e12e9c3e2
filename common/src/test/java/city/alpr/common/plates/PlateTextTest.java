package city.alpr.common.plates;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class PlateTextTest {

    @Test
    void normalizingRemovesSeparatorsAndCase() {
        assertEquals("7ABC123", PlateText.normalize(" 7abc-12.3 "));
    }

    @Test
    void ocrConfusionsShareOneLookAlikeForm() {
        assertEquals(PlateText.lookAlike("8OS1234"), PlateText.lookAlike("B0SI234"));
        assertEquals(PlateText.lookAlike("GZ5"), PlateText.lookAlike("625"));
    }

    @Test
    void differentPlatesStayDifferent() {
        assertNotEquals(PlateText.lookAlike("7ABC123"), PlateText.lookAlike("7ABC124"));
    }
}
