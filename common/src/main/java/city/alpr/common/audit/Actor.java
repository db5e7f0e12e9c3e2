package city.alpr.common.audit;

/** Who acted: the authenticated username, the agency they act for and the role they acted in. */
public record Actor(String username, String agency, String role) {
}
