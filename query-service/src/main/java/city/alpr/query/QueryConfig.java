package city.alpr.query;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import city.alpr.common.policy.PolicyConfig;
import city.alpr.query.feeds.FeedLayout;
import city.alpr.query.feeds.RecordType;
import city.alpr.query.hotlists.HotlistKind;
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

    HotlistFeeds hotlistFeeds();

    Monitoring monitoring();

    /** The gauges the operators' alert rules watch ({@code k8s/monitoring/}). */
    interface Monitoring {
        /** How often they are counted again, in the background. */
        Duration refresh();
    }

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

    /** The hotlist files this deployment imports (R6): none unless configured. */
    interface HotlistFeeds {
        /** How often each replica looks for a feed due a refresh (a feed is refreshed by one replica at a time). */
        @WithDefault("PT5M")
        Duration checkEvery();

        /** The feeds by name; each fills a hotlist named {@code feed:<name>}. */
        Map<String, Feed> feeds();
    }

    interface Feed {
        FeedLayout layout();

        /** The file, as the agency's transfer leaves it (plain or gzip); replaced whole, not appended to. */
        String file();

        /** How often the file is read again; an unchanged file (the same SHA-256) is not imported again. */
        @WithDefault("PT1H")
        Duration refreshEvery();

        /** A feed whose imported file is older than this is stale (the agency publishes daily). */
        @WithDefault("PT26H")
        Duration staleAfter();

        /**
         * How long an entry keeps matching after the last import that found it: a feed that stops being refreshed
         * stops raising alerts on vehicles long since recovered. At most the policy's hotlist-entry-max-days.
         */
        @WithDefault("P3D")
        Duration entriesExpireAfter();

        /** The kind of the feed's hotlist; by default wanted for NCIC and CA DOJ felony files, else stolen-vehicle. */
        Optional<HotlistKind> kind();

        /** The record types of an NCIC extract that are imported; the others are counted and left out. */
        @WithDefault("amber-alert,felony-vehicle,missing-person,stolen-plate,stolen-canadian-vehicle,stolen-vehicle,wanted-person")
        Set<RecordType> recordTypes();

        /** The most entries a file may hold; a larger one is refused. */
        @WithDefault("500000")
        int maxEntries();

        /** The largest file, in bytes, once unzipped. */
        @WithDefault("134217728")
        long maxFileBytes();
    }
}
