package city.alpr.audit.report;

import java.util.List;

/**
 * The sections of the compliance report, in order: what each covers of the requirements and the law.
 *
 * @param law where the law requires it, if it does
 */
enum Section {

    RETENTION("retention", "Reads and images are destroyed when the retention period ends", List.of("R19", "R20"), null),
    ACCESS_LOG("access-log", "Every access is logged, append-only and tamper-evident", List.of("R16", "R17"),
            "Civil Code 1798.90.52"),
    PURPOSE("purpose", "Every search and view states a purpose, and a case number where needed", List.of("R9"),
            "Civil Code 1798.90.51(b)"),
    TRAINING("training", "Only trained users have access", List.of("R11"), null),
    ACCESS_CONTROL("access-control", "Access only by authorized roles, the contractor only inside a written grant",
            List.of("R8", "R10"), "Civil Code 1798.90.51(b)"),
    EXPORTS("exports", "Downloads only by sworn personnel, as signed evidence packages", List.of("R12", "R13"), null),
    SHARING("sharing", "Sharing only with registered state or local agencies, never sold", List.of("R14", "R15", "R34"),
            "Civil Code 1798.90.5, 1798.90.55"),
    HOTLISTS("hotlists", "Hotlist hits are flagged, alerted and given a human disposition", List.of("R6", "R7"), null),
    AUDITS("audits", "The log is audited periodically and findings are recorded", List.of("R18"),
            "Civil Code 1798.90.53; California State Auditor report 2019-118"),
    BREACHES("breaches", "Breaches are noticed publicly and notified", List.of("R24"), "Civil Code 1798.82");

    final String id;
    final String title;
    final List<String> requirements;
    final String law;

    Section(String id, String title, List<String> requirements, String law) {
        this.id = id;
        this.title = title;
        this.requirements = requirements;
        this.law = law;
    }
}
