package city.alpr.common.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * The policy this deployment enforces (R25). Both municipal policies ship as profiles under
 * {@code alpr.policies}, in this module's {@code META-INF/microprofile-config.properties} so that every service
 * reads the same text; {@code alpr.active-policy} picks one. Each service's {@code @ConfigMapping} extends this.
 */
public interface PolicyConfig {

    /** A case number, as every request and record that carries one checks it. */
    String CASE_NUMBER_FORMAT = "[A-Za-z0-9][A-Za-z0-9_./-]{2,39}";
    String CASE_NUMBER_MESSAGE = "must be 3-40 letters, digits or _ . / -";

    /** The key of the policy profile in force, e.g. {@code wildomar-cs3} or {@code town-000}. */
    String activePolicy();

    Map<String, PolicyProfile> policies();

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

        /**
         * The longest a hotlist entry a person types may stay active, in days (R29): a watch on a plate is bounded
         * like every other look at the data.
         */
        @WithDefault("30")
        int hotlistEntryMaxDays();

        /**
         * The confidence (0-1) above which an engine's other reading of a plate (an OCR candidate) is matched against
         * the hotlists too; its alert says it matched a candidate, so the officer looks at the image before acting.
         */
        @WithDefault("0.8")
        double candidateMatchMinConfidence();

        /** Live alert streams one person may hold open at once (on each replica). */
        @WithDefault("2")
        int alertStreamsPerUser();

        /** The purpose under which an export needs a case number instead of a hotlist flag (R12). */
        @WithDefault("criminal-investigation")
        String investigationPurpose();

        /** Refuse users who have no unexpired training record (R11). */
        @WithDefault("true")
        boolean trainingRequired();

        /** Share only with public agencies of this state (Civil Code 1798.90.55); empty for no restriction. */
        @WithDefault("CA")
        String sharingState();

        /**
         * Where this policy's text requires what a section of the compliance report shows evidence of, by section
         * ({@code retention}, {@code access-log}...); sections the policy says nothing about are absent.
         */
        Map<String, String> citations();

        /**
         * The realm role of the supervisors whose approval a purpose may require
         * ({@link Purpose#requiresSupervisorApproval()}):
         * a sworn officer who also holds it approves another officer's access for one case.
         */
        @WithDefault("sheriff-supervisor")
        String supervisorRole();

        /** The longest a supervisor's approval lasts, in hours. */
        @WithDefault("72")
        int supervisorApprovalMaxHours();

        /**
         * The policy's text as published, offered for download on the transparency page: {@code classpath:} and a
         * resource, or a file's path.
         */
        Optional<String> document();

        /**
         * For each element Civil Code 1798.90.51(b) requires of a published usage and privacy policy (by its name on
         * the transparency page: {@code authorized-purposes}, {@code retention}...), where the policy says it, in its
         * own words; an element its text does not address is absent.
         */
        Map<String, Excerpt> publishedElements();

        /** The agency a person acting in this role acts for, as the access log records it (R16). */
        default String agencyOf(Role role) {
            return switch (role) {
                case CITY_MANAGER, COMPLIANCE_AUDITOR -> custodianAgency();
                case SHERIFF_OFFICER -> lawEnforcementAgency();
                case CONTRACTOR -> contractorAgency();
            };
        }
    }

    /** What a policy's text says on one point, and where. */
    interface Excerpt {
        /** Where in the policy, e.g. {@code Section 6}. */
        String section();

        /** The policy's words, quoted exactly. */
        String text();
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

        /**
         * Whether this purpose is answering one hotlist alert (the Town policy's hotlist response): an access under it
         * names the alert, which must be one the person receives, and reaches only that alert's read (R29).
         */
        @WithDefault("false")
        boolean answersAlert();

        /**
         * Whether a sworn officer's access under this purpose needs a supervisor's approval naming the officer, the
         * case and this purpose, unexpired and unrevoked; such a purpose requires a case number. Off in both shipped
         * policies.
         */
        @WithDefault("false")
        boolean requiresSupervisorApproval();
    }
}
