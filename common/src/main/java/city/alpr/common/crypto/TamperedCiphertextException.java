package city.alpr.common.crypto;

/** A sealed value did not authenticate: wrong key, altered bytes, or moved to another row. */
public class TamperedCiphertextException extends RuntimeException {

    public TamperedCiphertextException(String message) {
        super(message);
    }
}
