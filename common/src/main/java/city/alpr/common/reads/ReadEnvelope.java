package city.alpr.common.reads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.common.crypto.DataKey;
import city.alpr.common.crypto.TamperedCiphertextException;

/**
 * How the parts of a read are sealed. Each ciphertext is bound to its read and its part through the associated
 * data, so a ciphertext copied to another row, or swapped between the details and an image, does not open.
 */
public final class ReadEnvelope {

    public static final String DETAILS = "details";

    private ReadEnvelope() {
    }

    public static byte[] context(UUID readId, String part) {
        return (readId + "/" + part).getBytes(StandardCharsets.US_ASCII);
    }

    public static <T> byte[] seal(ObjectMapper json, DataKey key, UUID readId, String part, T value) {
        try {
            return key.seal(json.writeValueAsBytes(value), context(readId, part));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T open(ObjectMapper json, DataKey key, UUID readId, String part, byte[] sealed, Class<T> type) {
        try {
            return json.readValue(key.open(sealed, context(readId, part)), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens a read's details and checks that they were sealed for its row: the camera and capture time the row
     * shows in plaintext.
     *
     * @throws TamperedCiphertextException when the details were altered or the row's camera or time was changed
     */
    public static ReadDetails openDetails(ObjectMapper json, DataKey key, UUID readId, byte[] sealed, String cameraId,
            OffsetDateTime capturedAt) {
        ReadDetails details = open(json, key, readId, DETAILS, sealed, ReadDetails.class);
        if (!details.describes(cameraId, capturedAt)) {
            throw new TamperedCiphertextException("read " + readId + " is stored under camera " + cameraId + " at "
                    + capturedAt + ", which is not where and when it was sealed");
        }
        return details;
    }
}
