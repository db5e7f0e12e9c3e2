package city.alpr.audit.log;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.Violation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** R18: what a search of the access log may ask for, without the database. */
class LogFilterTest {

    @Test
    void aPlateIsSearchedHoweverItWasTyped_R18() {
        LogFilter filter = new LogFilter();
        filter.plate = "7log-123";
        filter.action = "read.*";
        filter.from = "2026-11-01T00:00:00Z";
        LogCriteria criteria = filter.criteria();
        assertEquals("7LOG123", criteria.plate());
        assertEquals("read.*", criteria.action());
        assertEquals(Instant.parse("2026-11-01T00:00:00Z"), criteria.from());
        assertNull(criteria.to());
    }

    @Test
    void badParametersAreEachNamed_R18() {
        LogFilter filter = new LogFilter();
        filter.plate = "###";
        filter.action = "DROP TABLE";
        filter.outcome = "maybe";
        filter.from = "yesterday";
        ProblemException problem = assertThrows(ProblemException.class, filter::criteria);
        assertEquals(List.of("action", "from", "outcome", "plate"),
                problem.violations().stream().map(Violation::field).toList());
    }

    @Test
    void aTimeRangeEndsAfterItBegins_R18() {
        LogFilter filter = new LogFilter();
        filter.from = "2026-02-01T00:00:00Z";
        filter.to = "2026-01-01T00:00:00Z";
        ProblemException problem = assertThrows(ProblemException.class, filter::criteria);
        assertEquals(List.of("to"), problem.violations().stream().map(Violation::field).toList());
    }
}
