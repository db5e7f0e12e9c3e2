package city.alpr.common.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key of one capture day. Two independent keys are derived from its material: one encrypts that day's plate
 * text, metadata and images; the other computes that day's plate index (a keyed hash), so a plate can be found
 * without being stored readable. Destroying the day's wrapped material makes both useless: the ciphertexts
 * cannot be opened and the index values can no longer be linked to a plate.
 */
public final class DataKey {

    private static final String HMAC = "HmacSHA256";
    private final LocalDate day;
    private final SecretKey encryptionKey;
    private final SecretKeySpec indexKey;

    private DataKey(LocalDate day, SecretKey encryptionKey, SecretKeySpec indexKey) {
        this.day = day;
        this.encryptionKey = encryptionKey;
        this.indexKey = indexKey;
    }

    static DataKey derive(LocalDate day, byte[] material) {
        SecretKeySpec root = new SecretKeySpec(material, HMAC);
        DataKey key = new DataKey(day,
                new SecretKeySpec(hmac(root, "alpr-encryption-v1"), Aead.ALGORITHM),
                new SecretKeySpec(hmac(root, "alpr-plate-index-v1"), HMAC));
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
        return hmac(indexKey, normalizedPlate);
    }

    /**
     * The day's keyed hashes of trigram pieces ({@link city.alpr.common.plates.PlateText#trigrams}), cut to 32
     * bits: enough to find candidates for a wildcard search, which are then confirmed on the opened plate, and
     * deliberately colliding so a single value does not pin down a plate.
     */
    public int[] trigramIndex(Collection<String> trigrams) {
        int[] index = new int[trigrams.size()];
        int i = 0;
        for (String trigram : trigrams) {
            index[i++] = ByteBuffer.wrap(hmac(indexKey, "3:" + trigram)).getInt();
        }
        return index;
    }

    private static byte[] hmac(SecretKeySpec key, String message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
