package city.alpr.common.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** R5: AES-256-GCM under per-day data keys wrapped by a master key kept outside the database. */
class EnvelopeEncryptionTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);
    private final MasterKey master = MasterKey.fromBase64(MasterKey.generateBase64());

    @Test
    void r5_sealedPlateOpensOnlyWithTheSameDayKeyAndContext() {
        byte[] wrapped = master.newWrappedDataKey(DAY);
        byte[] plate = "7ABC123".getBytes(StandardCharsets.UTF_8);
        byte[] context = "read:1".getBytes(StandardCharsets.UTF_8);

        byte[] sealed = master.unwrap(DAY, wrapped).seal(plate, context);

        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("7ABC123"));
        assertArrayEquals(plate, master.unwrap(DAY, wrapped).open(sealed, context));
        assertThrows(TamperedCiphertextException.class,
                () -> master.unwrap(DAY, wrapped).open(sealed, "read:2".getBytes(StandardCharsets.UTF_8)));
        DataKey otherDay = master.unwrap(DAY.plusDays(1), master.newWrappedDataKey(DAY.plusDays(1)));
        assertThrows(TamperedCiphertextException.class, () -> otherDay.open(sealed, context));
    }

    @Test
    void r5_wrappedKeyIsBoundToItsDay() {
        byte[] wrapped = master.newWrappedDataKey(DAY);
        assertThrows(TamperedCiphertextException.class, () -> master.unwrap(DAY.minusDays(1), wrapped));
    }

    @Test
    void r5_alteredCiphertextIsDetected() {
        DataKey key = master.unwrap(DAY, master.newWrappedDataKey(DAY));
        byte[] sealed = key.seal(new byte[] { 1, 2, 3 }, new byte[0]);
        sealed[sealed.length - 1] ^= 1;
        assertThrows(TamperedCiphertextException.class, () -> key.open(sealed, new byte[0]));
    }

    @Test
    void r5_plateIndexIsStableWithinADayAndUnlinkableAcrossDays() {
        byte[] wrapped = master.newWrappedDataKey(DAY);
        DataKey today = master.unwrap(DAY, wrapped);
        DataKey sameDayAgain = master.unwrap(DAY, wrapped);
        DataKey tomorrow = master.unwrap(DAY.plusDays(1), master.newWrappedDataKey(DAY.plusDays(1)));

        assertArrayEquals(today.plateIndex("7ABC123"), sameDayAgain.plateIndex("7ABC123"));
        assertFalse(Arrays.equals(today.plateIndex("7ABC123"), tomorrow.plateIndex("7ABC123")));
        assertEquals(32, today.plateIndex("7ABC123").length);
    }

    @Test
    void masterKeyOfWrongLengthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MasterKey.fromBase64("c2hvcnQ="));
        assertThrows(IllegalArgumentException.class, () -> MasterKey.fromBase64("not base64!"));
    }
}
