package city.alpr.common.crypto;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import city.alpr.common.plates.PlateText;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void r5_thePartialIndexOfAPlateIsAnUnorderedSetOfSharedBuckets() {
        DataKey key = master.unwrap(DAY, master.newWrappedDataKey(DAY));
        int[] buckets = key.trigramBuckets(PlateText.trigrams(PlateText.lookAlike("8MJR412")));

        int[] ascending = buckets.clone();
        Arrays.sort(ascending);
        assertArrayEquals(ascending, buckets, "stored in ascending order: nothing says where a piece stood");
        assertEquals(buckets.length, Arrays.stream(buckets).distinct().count());
        assertTrue(Arrays.stream(buckets).allMatch(bucket -> bucket >= 0 && bucket < DataKey.TRIGRAM_BUCKETS));
        assertArrayEquals(buckets, key.trigramBuckets(List.of("12$", "412", "R41", "JR4", "MJR", "8MJ", "^8M")),
                "the same pieces give the same set in any order");

        String characters = "0123456789ACEFHJKMNPRTUVWXY";
        int[] trigramsPerBucket = new int[DataKey.TRIGRAM_BUCKETS];
        for (char a : ("^" + characters).toCharArray()) {
            for (char b : characters.toCharArray()) {
                for (char c : (characters + "$").toCharArray()) {
                    trigramsPerBucket[key.trigramBuckets(Set.of("" + a + b + c))[0]]++;
                }
            }
        }
        int fewest = Arrays.stream(trigramsPerBucket).min().orElseThrow();
        assertTrue(fewest >= 5, "every stored value stands for many pieces of plates; the fewest is " + fewest);
    }

    @Test
    void r20_aRecordOfSeveralDaysOpensOnlyWhileEveryOneOfTheirKeysExists() {
        DataKey first = master.unwrap(DAY, master.newWrappedDataKey(DAY));
        DataKey second = master.unwrap(DAY.plusDays(3), master.newWrappedDataKey(DAY.plusDays(3)));
        UUID record = UUID.randomUUID();
        byte[] zip = "reads.csv,images/...".getBytes(StandardCharsets.UTF_8);

        byte[] sealed = CaptureDaysKey.of(List.of(first, second), record).seal("package", zip);

        assertArrayEquals(zip, CaptureDaysKey.of(List.of(second, first), record).open("package", sealed));
        assertThrows(TamperedCiphertextException.class, () -> CaptureDaysKey.of(List.of(first), record).open("package", sealed),
                "without the second day's key (destroyed by the purge) the record does not open");
        DataKey secondRemade = master.unwrap(DAY.plusDays(3), master.newWrappedDataKey(DAY.plusDays(3)));
        assertThrows(TamperedCiphertextException.class,
                () -> CaptureDaysKey.of(List.of(first, secondRemade), record).open("package", sealed));
        assertThrows(TamperedCiphertextException.class,
                () -> CaptureDaysKey.of(List.of(first, second), UUID.randomUUID()).open("package", sealed));
        assertThrows(TamperedCiphertextException.class,
                () -> CaptureDaysKey.of(List.of(first, second), record).open("manifest", sealed),
                "one part of the record does not open as another");
    }

    @Test
    void r6_hotlistPlatesMatchByAKeyedHashThatOnlyTheMasterKeyGives() {
        MasterKey other = MasterKey.fromBase64(MasterKey.generateBase64());
        assertArrayEquals(master.hotlistLookAlikeIndex("8MJR412"), master.hotlistLookAlikeIndex("8MJR412"));
        assertFalse(Arrays.equals(master.hotlistLookAlikeIndex("8MJR412"), other.hotlistLookAlikeIndex("8MJR412")));
        assertFalse(Arrays.equals(master.hotlistLookAlikeIndex("8MJR412"), master.hotlistPlateIndex("8MJR412")),
                "the plate and its look-alike form hash apart");
    }
}
