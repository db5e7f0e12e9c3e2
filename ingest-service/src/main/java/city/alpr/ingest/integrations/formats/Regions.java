package city.alpr.ingest.integrations.formats;

import java.util.Locale;

/**
 * Regions in one form, ISO 3166-2 style in upper case ({@code US-CA}, or the country alone, {@code FR}): engines
 * report {@code us-ca}, {@code us_ca} or {@code US}. A read whose engine could not tell the region is stored with
 * {@code ZZ}, ISO 3166's code for an unknown country, rather than refused.
 */
public final class Regions {

    public static final String UNKNOWN = "ZZ";

    private Regions() {
    }

    public static String normalize(String vendorRegion) {
        if (vendorRegion == null || vendorRegion.isBlank()) {
            return UNKNOWN;
        }
        return vendorRegion.strip().replace('_', '-').toUpperCase(Locale.ROOT);
    }
}
