package city.alpr.common.crypto;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key-encryption key. It lives outside the database (configuration, a Kubernetes secret or a KMS). It wraps the
 * per-day data keys, which are stored wrapped next to the data they protect, seals the plates of hotlist entries, and
 * derives the keyed hash ingest matches reads against those entries with.
 */
public final class MasterKey {

    private static final int KEY_BYTES = 32;
    private final SecretKey key;
    private final SecretKeySpec hotlistIndexKey;

    private MasterKey(byte[] raw) {
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("the master key must be 32 bytes (AES-256), got " + raw.length);
        }
        this.key = new SecretKeySpec(raw, Aead.ALGORITHM);
        this.hotlistIndexKey = KeyedHash.key(KeyedHash.of(KeyedHash.key(raw), "alpr-hotlist-index-v1"));
    }

    /** @param base64 32 random bytes, base64-encoded */
    public static MasterKey fromBase64(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the master key is not valid base64", e);
        }
        return new MasterKey(raw);
    }

    public static String generateBase64() {
        return Base64.getEncoder().encodeToString(Aead.randomBytes(KEY_BYTES));
    }

    /** Creates fresh key material for a day and returns it wrapped, ready to store. */
    public byte[] newWrappedDataKey(LocalDate day) {
        return Aead.seal(key, Aead.randomBytes(KEY_BYTES), wrappingContext(day));
    }

    public DataKey unwrap(LocalDate day, byte[] wrapped) {
        return DataKey.derive(day, Aead.open(key, wrapped, wrappingContext(day)));
    }

    /**
     * Seals a record that belongs to no capture day (the plate of a hotlist entry) under the master key itself; the
     * context binds it to its record.
     */
    public byte[] seal(byte[] plaintext, String context) {
        return Aead.seal(key, plaintext, ("alpr-record:" + context).getBytes(StandardCharsets.UTF_8));
    }

    public byte[] open(byte[] sealed, String context) {
        return Aead.open(key, sealed, ("alpr-record:" + context).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The keyed hash of a hotlist entry's normalized plate, stored with the entry so that ingest matches reads
     * against it without the plate being readable at rest; ingest hashes each read's plate the same way and keeps
     * the value only for the statement that stores the read.
     */
    public byte[] hotlistPlateIndex(String normalizedPlate) {
        return KeyedHash.of(hotlistIndexKey, "plate:" + normalizedPlate);
    }

    /** As {@link #hotlistPlateIndex}, of the look-alike form, which is what a hotlist entry matches on. */
    public byte[] hotlistLookAlikeIndex(String lookAlikePlate) {
        return KeyedHash.of(hotlistIndexKey, "look-alike:" + lookAlikePlate);
    }

    private static byte[] wrappingContext(LocalDate day) {
        return ("alpr-data-key:" + day).getBytes(StandardCharsets.US_ASCII);
    }
}
