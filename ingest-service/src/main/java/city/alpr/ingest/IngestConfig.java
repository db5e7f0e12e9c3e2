package city.alpr.ingest;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import city.alpr.common.policy.PolicyConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the ingest path accepts; the policy in force says for how long reads live (R19, R25). */
@ConfigMapping(prefix = "alpr")
public interface IngestConfig extends PolicyConfig {

    Ingest ingest();

    Crypto crypto();

    Integrations integrations();

    Monitoring monitoring();

    /** The gauges the operators' alert rules watch ({@code k8s/monitoring/}). */
    interface Monitoring {
        /** How often they are counted again, in the background. */
        Duration refresh();
    }

    interface Ingest {
        /** How far in the future a capture time may lie, for gateway clocks that run ahead. */
        @WithDefault("PT5M")
        Duration maxClockSkew();

        /** Largest accepted plate-crop image, in decoded bytes. */
        @WithDefault("262144")
        int maxPlateImageBytes();

        /** Largest accepted overview image, in decoded bytes. */
        @WithDefault("4194304")
        int maxOverviewImageBytes();

        /** A camera with neither a read nor a heartbeat for this long is reported silent (R21). */
        @WithDefault("PT15M")
        Duration silentAfter();

        /** Daily partitions kept ready beyond today, so ingest never fails at midnight. */
        @WithDefault("3")
        int partitionsAheadDays();

        /**
         * How many API requests one replica works on at once; one more is answered 503 with Retry-After at once.
         * Beyond about this many, two cores only queue: each waiting request adds latency and memory, not goodput.
         */
        @WithDefault("32")
        int maxRequestsInFlight();

        /** How often the partitions and the in-memory day keys are checked, as a scheduler interval. */
        @WithDefault("1h")
        String partitionCheckInterval();
    }

    /** Camera engines posting their own payloads to {@code /v1/integrations/{format}/reads} (R27). */
    interface Integrations {
        /** How finely an API key's last use is recorded: a key in steady use updates its row at most this often. */
        @WithDefault("PT1M")
        Duration keyUseResolution();

        /**
         * The formats whose reads are refused when they carry no plate image (an engine that sends none, or only a
         * URL on the camera's own network, which ingest never calls); reads of the other formats are stored without
         * one, marked with why.
         */
        Optional<Set<String>> refuseReadsWithoutPlateImage();
    }

    interface Crypto {
        /** Base64 of the 32-byte key-encryption key that wraps the per-day data keys (R5); never in the database. */
        String masterKey();
    }
}
