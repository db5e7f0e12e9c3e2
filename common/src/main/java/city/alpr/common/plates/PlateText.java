package city.alpr.common.plates;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Canonical forms of plate text. Ingest and search must agree on them exactly, or the keyed plate index of a
 * stored read would never match the index computed for a search.
 */
public final class PlateText {

    /** A plate as OCR reports it and as people type it; every API that takes a plate checks this. */
    public static final String PLATE_FORMAT = "[A-Za-z0-9][A-Za-z0-9 .-]{0,11}";
    public static final String PLATE_MESSAGE = "must be 1-12 letters, digits, spaces, dots or hyphens";
    /** An issuing state or region, ISO 3166-2 style. */
    public static final String REGION_FORMAT = "[A-Z]{2}(-[A-Z0-9]{1,3})?";
    public static final String REGION_MESSAGE = "must be a region code such as CA or US-CA";

    private PlateText() {
    }

    /** Upper case, with the spaces, hyphens and dots that plates print but OCR reports inconsistently removed. */
    public static String normalize(String plate) {
        StringBuilder normalized = new StringBuilder(plate.length());
        for (char c : plate.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c != ' ' && c != '-' && c != '.') {
                normalized.append(c);
            }
        }
        return normalized.toString();
    }

    /**
     * Folds the characters OCR confuses onto one representative each (O/Q/D→0, I/L→1, Z→2, S→5, G→6, B→8), so a
     * misread plate and the true plate share a look-alike form.
     */
    public static String lookAlike(String plate) {
        String normalized = normalize(plate);
        StringBuilder folded = new StringBuilder(normalized.length());
        for (char c : normalized.toCharArray()) {
            folded.append(switch (c) {
                case 'O', 'Q', 'D' -> '0';
                case 'I', 'L' -> '1';
                case 'Z' -> '2';
                case 'S' -> '5';
                case 'G' -> '6';
                case 'B' -> '8';
                default -> c;
            });
        }
        return folded.toString();
    }

    /**
     * The distinct three-character pieces of a look-alike plate, with {@code ^} and {@code $} marking its start
     * and end, so a pattern anchored at either end can use them: {@code 7AB1} gives {@code ^7A 7AB AB1 B1$}.
     */
    public static Set<String> trigrams(String lookAlikePlate) {
        return trigramsOf("^" + lookAlikePlate + "$");
    }

    /** The distinct three-character pieces of a text, in order. */
    public static Set<String> trigramsOf(String text) {
        Set<String> trigrams = new LinkedHashSet<>();
        for (int i = 0; i + 3 <= text.length(); i++) {
            trigrams.add(text.substring(i, i + 3));
        }
        return trigrams;
    }
}
