package city.alpr.audit.transparency;

import java.util.Arrays;
import java.util.Optional;

/**
 * What Civil Code 1798.90.51(b)(2) requires a published ALPR usage and privacy policy to include, at a minimum: the
 * transparency page lists each, with what the policy in force says of it (R32).
 */
public enum PolicyElement {
    AUTHORIZED_PURPOSES("authorized-purposes", "(b)(2)(A)",
            "The authorized purposes for using the ALPR system and collecting ALPR information."),
    AUTHORIZED_USERS("authorized-users", "(b)(2)(B)",
            "A description of the job title or other designation of the employees and independent contractors who "
                    + "are authorized to use or access the ALPR system, or to collect ALPR information."),
    TRAINING("training", "(b)(2)(B)",
            "The training requirements necessary for those authorized employees and independent contractors."),
    MONITORING("monitoring", "(b)(2)(C)",
            "A description of how the ALPR system will be monitored to ensure the security of the information and "
                    + "compliance with applicable privacy laws."),
    SHARING("sharing", "(b)(2)(D)",
            "The purposes of, process for, and restrictions on, the sale, sharing, or transfer of ALPR information to "
                    + "other persons."),
    CUSTODIAN("custodian", "(b)(2)(E)",
            "The title of the official custodian, or owner, of the ALPR system responsible for implementing this "
                    + "section."),
    ACCURACY("accuracy", "(b)(2)(F)",
            "A description of the reasonable measures that will be used to ensure the accuracy of ALPR information "
                    + "and correct data errors."),
    RETENTION("retention", "(b)(2)(G)",
            "The length of time ALPR information will be retained, and the process the ALPR operator will utilize to "
                    + "determine if and when to destroy retained ALPR information.");

    public final String id;
    public final String paragraph;
    public final String requirement;

    PolicyElement(String id, String paragraph, String requirement) {
        this.id = id;
        this.paragraph = paragraph;
        this.requirement = requirement;
    }

    static Optional<PolicyElement> of(String id) {
        return Arrays.stream(values()).filter(element -> element.id.equals(id)).findFirst();
    }
}
