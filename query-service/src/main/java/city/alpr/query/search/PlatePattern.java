package city.alpr.query.search;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

import city.alpr.common.plates.PlateText;

/**
 * A partial plate such as {@code 7AB*23} or {@code 7?BC123}, matched in look-alike form. Reads are found through
 * the keyed trigram index of the pattern's known pieces, then confirmed on the opened plate.
 */
public final class PlatePattern {

    private final Set<String> trigrams;
    private final Pattern regex;

    private PlatePattern(Set<String> trigrams, Pattern regex) {
        this.trigrams = trigrams;
        this.regex = regex;
    }

    /**
     * @return the pattern, or null when it has no three consecutive known characters (counting its start and end
     *         when they are not wildcards): such a pattern would match a large share of all plates
     */
    public static PlatePattern parse(String text) {
        String folded = PlateText.lookAlike(text);
        String anchored = (folded.startsWith("*") ? "" : "^") + folded + (folded.endsWith("*") ? "" : "$");
        Set<String> trigrams = new LinkedHashSet<>();
        for (String piece : anchored.split("[*?]")) {
            trigrams.addAll(PlateText.trigramsOf(piece));
        }
        if (trigrams.isEmpty()) {
            return null;
        }
        StringBuilder regex = new StringBuilder();
        for (char c : folded.toCharArray()) {
            regex.append(switch (c) {
                case '*' -> ".*";
                case '?' -> ".";
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        return new PlatePattern(trigrams, Pattern.compile(regex.toString()));
    }

    public Set<String> trigrams() {
        return trigrams;
    }

    public boolean matches(String plate) {
        return plate != null && regex.matcher(PlateText.lookAlike(plate)).matches();
    }
}
