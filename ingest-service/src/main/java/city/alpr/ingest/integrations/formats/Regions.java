package city.alpr.ingest.integrations.formats;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Regions in one form, ISO 3166-2 style in upper case ({@code US-CA}, or the country alone, {@code FR}): engines
 * report {@code us-ca}, {@code us_ca} or {@code US}. A read whose engine could not tell the region is stored with
 * {@code ZZ}, ISO 3166's code for an unknown country, rather than refused.
 */
public final class Regions {

    public static final String UNKNOWN = "ZZ";
    private static final Map<String, String> ALPHA2_BY_ALPHA3 = alpha2ByAlpha3();

    private Regions() {
    }

    /** The two-letter code of an ISO 3166-1 alpha-3 country ({@code DEU} is {@code DE}). */
    public static Optional<String> ofAlpha3(String alpha3) {
        String wanted = alpha3.strip().toUpperCase(Locale.ROOT);
        return ALPHA2_BY_ALPHA3.containsKey(wanted) ? Optional.of(ALPHA2_BY_ALPHA3.get(wanted))
                : wanted.length() == 2 ? Optional.of(wanted) : Optional.empty();
    }

    public static String normalize(String vendorRegion) {
        if (vendorRegion == null || vendorRegion.isBlank()) {
            return UNKNOWN;
        }
        return vendorRegion.strip().replace('_', '-').toUpperCase(Locale.ROOT);
    }

    private static Map<String, String> alpha2ByAlpha3() {
        Map<String, String> codes = new HashMap<>();
        for (String alpha2 : Locale.getISOCountries()) {
            codes.put(Locale.of("", alpha2).getISO3Country(), alpha2);
        }
        return Map.copyOf(codes);
    }
}
