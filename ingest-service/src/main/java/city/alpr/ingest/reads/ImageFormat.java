package city.alpr.ingest.reads;

/** Recognizes JPEG, PNG and WebP by their bytes, not by what the client claims. */
final class ImageFormat {

    private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    private static final int PNG_MINIMUM = PNG_SIGNATURE.length + 12 + 13 + 12; // signature, IHDR, IEND

    private ImageFormat() {
    }

    /** @return {@code image/jpeg}, {@code image/png}, {@code image/webp}, or null when the bytes are none of them */
    static String detect(byte[] bytes) {
        if (isJpeg(bytes)) {
            return "image/jpeg";
        }
        if (isPng(bytes)) {
            return "image/png";
        }
        if (isWebp(bytes)) {
            return "image/webp";
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

    /**
     * A RIFF container of form {@code WEBP} whose size field accounts for every byte, holding a VP8, VP8L or VP8X
     * chunk first (the WebP container specification).
     */
    private static boolean isWebp(byte[] b) {
        if (b.length < 20 || b[0] != 'R' || b[1] != 'I' || b[2] != 'F' || b[3] != 'F'
                || b[8] != 'W' || b[9] != 'E' || b[10] != 'B' || b[11] != 'P') {
            return false;
        }
        long riffSize = (b[4] & 0xFFL) | (b[5] & 0xFFL) << 8 | (b[6] & 0xFFL) << 16 | (b[7] & 0xFFL) << 24;
        boolean vp8 = b[12] == 'V' && b[13] == 'P' && b[14] == '8' && (b[15] == ' ' || b[15] == 'L' || b[15] == 'X');
        return vp8 && riffSize == b.length - 8L;
    }
}
