package city.alpr.common.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.UUID;

import javax.crypto.spec.SecretKeySpec;

/**
 * The key of a record built from the reads of several capture days (an evidence package and its manifest): every one
 * of those days' keys contributes a share, so the record opens only while all of them exist. When the retention purge destroys
 * the
 * key of any of its days, the record can no longer be opened anywhere, in the database or in a backup taken since,
 * even with the master key: it does not outlive the oldest read it holds.
 */
public final class CaptureDaysKey {

    private static final int KEY_BYTES = 32;
    private final SecretKeySpec key;
    private final UUID recordId;

    private CaptureDaysKey(SecretKeySpec key, UUID recordId) {
        this.key = key;
        this.recordId = recordId;
    }

    /** @param dayKeys the key of every capture day the record holds reads of */
    public static CaptureDaysKey of(Collection<DataKey> dayKeys, UUID recordId) {
        if (dayKeys.isEmpty()) {
            throw new IllegalArgumentException("a record of reads holds reads of at least one day");
        }
        byte[] combined = new byte[KEY_BYTES];
        for (DataKey dayKey : dayKeys) {
            byte[] share = dayKey.packageKeyShare(recordId);
            for (int i = 0; i < KEY_BYTES; i++) {
                combined[i] ^= share[i];
            }
        }
        return new CaptureDaysKey(new SecretKeySpec(combined, Aead.ALGORITHM), recordId);
    }

    /** @param part which part of the record this is (e.g. {@code package}); a part does not open as another */
    public byte[] seal(String part, byte[] plaintext) {
        return Aead.seal(key, plaintext, context(part));
    }

    /** @throws TamperedCiphertextException when the part was altered or a day's key is not the one it was sealed with */
    public byte[] open(String part, byte[] sealed) {
        return Aead.open(key, sealed, context(part));
    }

    private byte[] context(String part) {
        return ("alpr-capture-days-record:" + recordId + ":" + part).getBytes(StandardCharsets.US_ASCII);
    }
}
