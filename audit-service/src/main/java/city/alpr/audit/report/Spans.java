package city.alpr.audit.report;

import java.time.Duration;
import java.util.List;

/** A threshold of the report as its attention lines say it: "a day", "seven days", "the last 45 days". */
final class Spans {

    private static final List<String> SMALL = List.of("zero", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten");

    private Spans() {
    }

    /** {@code P1D} is "a day", {@code P7D} "seven days", {@code P45D} "45 days", {@code PT6H} "six hours". */
    static String span(Duration duration) {
        if (duration.toHours() % 24 == 0 && duration.toDays() > 0) {
            return count(duration.toDays(), "a day", "days");
        }
        if (duration.toMinutes() % 60 == 0 && duration.toHours() > 0) {
            return count(duration.toHours(), "an hour", "hours");
        }
        return duration.toString();
    }

    /** {@code P1D} is "the last day", {@code P2D} "the last two days". */
    static String last(Duration duration) {
        String span = span(duration);
        return "the last " + (span.startsWith("a ") ? span.substring(2)
                : span.startsWith("an ") ? span.substring(3)
                        : span);
    }

    private static String count(long n, String one, String many) {
        return n == 1 ? one : (n < SMALL.size() ? SMALL.get((int) n) : Long.toString(n)) + " " + many;
    }
}
