package city.alpr.common.crypto;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.UUID;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key of one capture day. Independent keys are derived from its material: one encrypts that day's plate
 * text, metadata and images; one computes that day's plate index (a keyed hash), so a plate can be found
 * without being stored readable; one contributes to the keys of evidence packages holding that day's reads.
 * Destroying the day's wrapped material makes all of them useless: the ciphertexts cannot be opened, the index
 * values can no longer be linked to a plate, and no package holding one of the day's reads opens.
 */
public final class DataKey {

    /**
     * How many values the partial-search index has. Each of the roughly 21,000 look-alike trigrams (27 characters,
     * and the start and end marks) falls on one of them, so every value stands for about 20 trigrams and a stored
     * value pins down no trigram. Changing it makes every stored index unusable.
     */
    public static final int TRIGRAM_BUCKETS = 1024;

    private final LocalDate day;
    private final SecretKey encryptionKey;
    private final SecretKeySpec indexKey;
    private final SecretKeySpec packageKey;

    private DataKey(LocalDate day, SecretKey encryptionKey, SecretKeySpec indexKey, SecretKeySpec packageKey) {
        this.day = day;
        this.encryptionKey = encryptionKey;
        this.indexKey = indexKey;
        this.packageKey = packageKey;
    }

    static DataKey derive(LocalDate day, byte[] material) {
        SecretKeySpec root = KeyedHash.key(material);
        DataKey key = new DataKey(day,
                new SecretKeySpec(KeyedHash.of(root, "alpr-encryption-v1"), Aead.ALGORITHM),
                KeyedHash.key(KeyedHash.of(root, "alpr-plate-index-v1")),
                KeyedHash.key(KeyedHash.of(root, "alpr-evidence-package-v1")));
        Arrays.fill(material, (byte) 0);
        return key;
    }

    public LocalDate day() {
        return day;
    }

    public byte[] seal(byte[] plaintext, byte[] associatedData) {
        return Aead.seal(encryptionKey, plaintext, associatedData);
    }

    public byte[] open(byte[] sealed, byte[] associatedData) {
        return Aead.open(encryptionKey, sealed, associatedData);
    }

    /** The day's keyed hash of a normalized plate; equal plates on the same day give equal values. */
    public byte[] plateIndex(String normalizedPlate) {
        return KeyedHash.of(indexKey, normalizedPlate);
    }

    /**
     * The partial-search index of trigram pieces ({@link city.alpr.common.plates.PlateText#trigrams}): the distinct
     * buckets (of {@value #TRIGRAM_BUCKETS}) the day's keyed hash puts them in, in ascending order. The stored set
     * says neither where in the plate a piece stood nor which of the many pieces sharing a bucket it was, so it
     * selects candidates for a wildcard search, which are then confirmed on the opened plate, and gives away no
     * plate; its pieces' order and their one-to-one values would (a dump plus one known plate spells the others).
     */
    public int[] trigramBuckets(Collection<String> trigrams) {
        return trigrams.stream().mapToInt(this::bucket).distinct().sorted().toArray();
    }

    private int bucket(String trigram) {
        return bucketOf("trigram-bucket:" + trigram);
    }

    /**
     * The description-search index of a vehicle's terms ({@code make:TOYT}, {@code color:SIL},
     * {@code bodyType:4D}, {@link city.alpr.common.vehicles.VehicleCodes}): the distinct buckets the day's keyed hash
     * puts them in, in ascending order, of the same {@value #TRIGRAM_BUCKETS} as plates' trigrams. It selects
     * candidates, confirmed on the opened read, and says of a row only which buckets its terms fell in that day.
     */
    public int[] vehicleBuckets(Collection<String> terms) {
        return terms.stream().mapToInt(term -> bucketOf("vehicle-bucket:" + term)).distinct().sorted().toArray();
    }

    private int bucketOf(String value) {
        byte[] hash = KeyedHash.of(indexKey, value);
        return ((hash[0] & 0xFF) << 8 | (hash[1] & 0xFF)) % TRIGRAM_BUCKETS;
    }

    /** This day's share of the key of an evidence package holding one of its reads ({@link CaptureDaysKey}). */
    byte[] packageKeyShare(UUID exportId) {
        return KeyedHash.of(packageKey, "evidence-package:" + exportId);
    }

}
