package city.alpr.query;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The policy this deployment enforces, and the limits of the query API. Both municipal policies ship as
 * profiles under {@code alpr.policies}; {@code alpr.active-policy} picks one (R10, R25).
 */
@ConfigMapping(prefix = "alpr")
public interface QueryConfig {

    /** The key of the policy profile in force, e.g. {@code wildomar-cs3} or {@code town-000}. */
    String activePolicy();

    Map<String, PolicyProfile> policies();

    Search search();

    Exports exports();

    Crypto crypto();

    default PolicyProfile policy() {
        PolicyProfile policy = policies().get(activePolicy());
        if (policy == null) {
            throw new IllegalStateException("alpr.active-policy names no profile under alpr.policies: " + activePolicy());
        }
        return policy;
    }

    interface PolicyProfile {
        /** The policy document this profile implements, shown on refusals and the transparency page. */
        String title();

        @WithDefault("30")
        int retentionDays();

        /** The custodian's agency (the City Manager acts for it). */
        String custodianAgency();

        /** The law-enforcement agency whose sworn personnel hold the {@code sheriff-officer} role. */
        String lawEnforcementAgency();

        /** The agency name recorded for the contractor's access. */
        @WithDefault("System contractor")
        String contractorAgency();

        /** When sworn officers may access data: at once, or only within a request the custodian approved. */
        OfficerAccess officerAccess();

        /**
         * Who sees hotlist alerts as they happen and records their disposition (R7). Under an on-request policy
         * only the custodian does, until an officer's request is approved.
         */
        List<String> alertRoles();

        /** The purposes a search or view may state; each says whether it needs a case number (R9). */
        Map<String, Purpose> purposes();

        /** The purpose under which an export needs a case number instead of a hotlist flag (R12). */
        @WithDefault("criminal-investigation")
        String investigationPurpose();

        /** Refuse users who have no unexpired training record (R11). */
        @WithDefault("true")
        boolean trainingRequired();

        /** Share only with public agencies of this state (Civil Code 1798.90.55); empty for no restriction. */
        @WithDefault("CA")
        String sharingState();
    }

    enum OfficerAccess {
        /** Sworn officers may search for any listed purpose. */
        DIRECT,
        /** Only the custodian has access until law enforcement requests it for a case (Wildomar CS3 §5). */
        ON_REQUEST
    }

    interface Purpose {
        String description();

        @WithDefault("false")
        boolean requiresCaseNumber();
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
    }

    interface Crypto {
        /** Base64 of the 32-byte key-encryption key that wraps the per-day data keys (R5). */
        String masterKey();
    }
}
