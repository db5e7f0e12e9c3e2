package city.alpr.audit;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

import city.alpr.common.policy.PolicyConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The policy in force, and how this service keeps, verifies and reviews the access log. */
@ConfigMapping(prefix = "alpr")
public interface AuditConfig extends PolicyConfig {

    Checkpoints checkpoints();

    Log log();

    Reviews reviews();

    Report report();

    Transparency transparency();

    IdentityEvents identityEvents();

    Monitoring monitoring();

    /** The gauges the operators' alert rules watch ({@code k8s/monitoring/}). */
    interface Monitoring {
        /** How often they are counted again, in the background. */
        Duration refresh();
    }

    interface Checkpoints {
        /** PKCS#8 Ed25519 private key, base64, that signs checkpoints of the access log (R17). */
        String signingKey();

        /** The matching X.509 public key, base64, published on the transparency page so anyone can check them. */
        String verifyingKey();

        /** How often a checkpoint is signed at the head of the log ({@code off} to sign only on request). */
        String every();
    }

    interface Log {
        /** Years the access log keeps a record; the database refuses fewer than two. */
        @WithDefault("3")
        int retentionYears();

        /** Most records one CSV export holds; a larger selection must be narrowed. */
        @WithDefault("50000")
        int maxExportRows();

        /** When the records beyond retention are removed (a Quartz cron, or {@code off}). */
        String expiryCron();
    }

    /** What a compliance audit run flags for the reviewer (R18). */
    interface Reviews {
        /** When the previous month's audit run starts (a Quartz cron, or {@code off}). */
        String cron();

        /** The zone the business hours are in. */
        ZoneId timeZone();

        LocalTime businessHoursStart();

        LocalTime businessHoursEnd();

        /** More accesses to read data than this by one user on one day is flagged as unusual volume. */
        @WithDefault("50")
        int accessesPerDay();

        /** This many failed sign-ins or more by one username on one day is flagged (CJIS 5.4.1.1, 5.5.3). */
        @WithDefault("3")
        int signInFailuresPerDay();

        /** Accesses a run samples for review when the auditor does not say. */
        @WithDefault("25")
        int sampleSize();

        /** Case numbers that name no case (N/A, TBD, 0000...), as a regular expression matched whole and ignoring case. */
        String placeholderCaseNumbers();
    }

    /**
     * The compliance report's thresholds (R18): how far back its counts look and how late something may be before
     * it needs attention. The attention lines say the thresholds in force; the evidence's field names
     * (refusedLast30Days, awaitingDispositionOver24Hours...) keep the defaults' names, which clients read.
     */
    interface Report {
        /** A day of reads is held without a completed purge for longer than this. */
        @WithDefault("P2D")
        Duration purgeOverdue();

        /** The access log has not been verified for longer than this. */
        @WithDefault("P7D")
        Duration verificationOverdue();

        /** Records were appended and no checkpoint signed for longer than this. */
        @WithDefault("P1D")
        Duration checkpointOverdue();

        /** A law-enforcement request has waited for a decision longer than this. */
        @WithDefault("P7D")
        Duration requestWaiting();

        /** An alert has had no disposition for longer than this. */
        @WithDefault("PT24H")
        Duration dispositionOverdue();

        /** No audit run has started for longer than this. */
        @WithDefault("P45D")
        Duration auditRunOverdue();

        /** An audit run has waited for its sign-off longer than this. */
        @WithDefault("P30D")
        Duration signOffOverdue();

        /** How far back the report counts accesses, refusals, exports, shares and alerts. */
        @WithDefault("P30D")
        Duration window();

        /** How far back the report counts audit findings. */
        @WithDefault("P365D")
        Duration findingsWindow();

        /** A training record expiring within this, with no later one, is counted as expiring. */
        @WithDefault("P30D")
        Duration trainingExpiringWithin();
    }

    interface Transparency {
        /** How often the public page's figures are counted again, in the background. */
        @WithDefault("5m")
        Duration refresh();
    }

    /**
     * Where this service reads Keycloak's sign-in and administrative events, which it copies into the access log
     * (CJIS 5.4.1.1). The realm keeps them {@code eventsExpiration} (30 days in the shipped realm): events older than
     * that when this service first reads, or after it was stopped that long, are not copied.
     */
    interface IdentityEvents {
        /** Keycloak's address, e.g. {@code https://auth.alpr.example}; none turns the copying off. */
        Optional<String> keycloakUrl();

        @WithDefault("alpr")
        String realm();

        /** A confidential client whose service account holds realm-management's view-events and view-users. */
        @WithDefault("alpr-audit-events")
        String clientId();

        Optional<String> clientSecret();

        /** How often new events are copied ({@code off} to copy only when asked). */
        @WithDefault("30s")
        String pollEvery();

        /** How many events one request to Keycloak returns. */
        @WithDefault("100")
        int pageSize();

        /**
         * How far back each read looks before the newest event already copied, for events Keycloak stores late (a
         * replica's clock or a slow commit); events already copied are recognised by their id.
         */
        @WithDefault("PT10M")
        Duration lookBack();

        /**
         * How long the ids of copied events are remembered: at least the realm's {@code eventsExpiration}, so that a
         * replica that read Keycloak's events before another copied and forgot them still recognises each.
         */
        @WithDefault("P31D")
        Duration rememberCopiedFor();

        /** How long a request to Keycloak may take. */
        @WithDefault("PT10S")
        Duration timeout();
    }
}
