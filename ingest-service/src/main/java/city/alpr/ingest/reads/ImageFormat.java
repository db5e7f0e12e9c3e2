package city.alpr.ingest.reads;

/** Recognizes JPEG and PNG by their bytes, not by what the client claims. */
final class ImageFormat {

    private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    private static final int PNG_MINIMUM = PNG_SIGNATURE.length + 12 + 13 + 12; // signature, IHDR, IEND

    private ImageFormat() {
    }

    /** @return {@code image/jpeg}, {@code image/png}, or null when the bytes are neither */
    static String detect(byte[] bytes) {
        if (isJpeg(bytes)) {
            return "image/jpeg";
        }
        if (isPng(bytes)) {
            return "image/png";
        }
        return null;
    }

    /** Starts with SOI and a marker, ends with EOI. */
    private static boolean isJpeg(byte[] b) {
        return b.length >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF
                && (b[b.length - 2] & 0xFF) == 0xFF && (b[b.length - 1] & 0xFF) == 0xD9;
    }

    /** Starts with the PNG signature followed by an IHDR chunk, ends with an IEND chunk. */
    private static boolean isPng(byte[] b) {
        if (b.length < PNG_MINIMUM) {
            return false;
        }
        for (int i = 0; i < PNG_SIGNATURE.length; i++) {
            if (b[i] != PNG_SIGNATURE[i]) {
                return false;
            }
        }
        return b[12] == 'I' && b[13] == 'H' && b[14] == 'D' && b[15] == 'R'
                && b[b.length - 8] == 'I' && b[b.length - 7] == 'E' && b[b.length - 6] == 'N' && b[b.length - 5] == 'D';
    }
}
