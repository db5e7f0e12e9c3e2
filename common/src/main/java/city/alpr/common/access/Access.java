package city.alpr.common.access;

import java.util.Map;
import java.util.Set;

import city.alpr.common.policy.Role;

/**
 * An attempted access to records that are not read data (the log, governance records, the camera registry), as the
 * {@link Gate} judges and logs it.
 *
 * @param action the access-log action, e.g. {@code audit.log.search}
 * @param roles the roles that may perform it
 * @param dataElements what was asked for or changed, recorded in the log
 * @param target the record acted on, if one
 */
public record Access(String action, Set<Role> roles, Map<String, Object> dataElements, String target) {
}
