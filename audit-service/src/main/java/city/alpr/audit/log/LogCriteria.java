package city.alpr.audit.log;

import java.time.Instant;

/**
 * The access-log records a valid {@link LogFilter} selects; a null criterion selects any.
 *
 * @param plate the plate queried, normalized
 * @param action an action, or with a trailing {@code *} a prefix of actions
 * @param from at or after this instant
 * @param to before this instant
 */
record LogCriteria(String username, String agency, String purpose, String caseNumber, String service, String plate,
        String action, String outcome, Instant from, Instant to) {
}
