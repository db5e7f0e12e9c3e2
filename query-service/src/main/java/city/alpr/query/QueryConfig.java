package city.alpr.query;

import java.time.Duration;

import city.alpr.common.policy.PolicyConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The policy this deployment enforces, and the limits of the query API. Both municipal policies ship as
 * profiles under {@code alpr.policies}; {@code alpr.active-policy} picks one (R10, R25).
 */
@ConfigMapping(prefix = "alpr")
public interface QueryConfig extends PolicyConfig {

    Search search();

    Exports exports();

    Alerts alerts();

    Crypto crypto();

    interface Search {
        /**
         * A search without a plate (which vehicles passed here, then?) must name cameras or an area and span at
         * most this long: there is no path to page through every read (R15).
         */
        @WithDefault("PT24H")
        Duration maxPlatelessRange();

        /** Reads opened and checked per partial-plate search request before it answers with what it has. */
        @WithDefault("5000")
        int maxPartialCandidates();
    }

    interface Exports {
        /** PKCS#8 Ed25519 private key, base64, that signs evidence manifests (R13). */
        String signingKey();

        /** The matching X.509 public key, base64, published so anyone can verify a package. */
        String verifyingKey();

        /** How long a package stays downloadable; its manifest and custody log stay for good. */
        @WithDefault("P7D")
        Duration downloadWindow();

        /** Most reads in one export or share: there is no bulk path (R15). Packages are built in memory. */
        @WithDefault("100")
        int maxReads();

        /** Verifications of uploaded packages that may run at once on a replica; more are answered 429. */
        @WithDefault("2")
        int verifyConcurrency();

        /**
         * Uploads of packages to verify that a replica receives at once, each on a worker thread and into a temporary
         * file of at most the body limit; more are answered 429.
         */
        @WithDefault("8")
        int verifyUploads();

        /**
         * The most an uploaded package may unpack to, in bytes: a package of the largest export (100 reads with 4 MiB
         * overview images) fits; a crafted file declaring more is refused before it is inflated.
         */
        @WithDefault("536870912")
        long verifyMaxUnpacked();
    }

    interface Alerts {
        /** How far back the alert list reaches. */
        @WithDefault("P7D")
        Duration listWindow();

        /**
         * How recently an alert must have been raised (when its read's transaction began) for a notification of it to
         * be passed to the live streams. The notification channel is open to every database role: an old alert
         * announced again is ignored, and one alert is passed on once however often it is announced. Long enough
         * for an ingest transaction that waited on the nightly purge's lock.
         */
        @WithDefault("PT10M")
        Duration announceWindow();
    }

    interface Crypto {
        /** Base64 of the 32-byte key-encryption key that wraps the per-day data keys (R5). */
        String masterKey();
    }
}
