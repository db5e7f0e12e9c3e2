package city.alpr.localstack;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoublePredicate;
import java.util.function.Supplier;

/** Values read from a service's {@code /q/metrics}, the Prometheus text exposition format, as a test reads them. */
public final class PrometheusText {

    private PrometheusText() {
    }

    /** The value of the sample of this metric without labels (or with any, the first), if the text has one. */
    public static Optional<Double> value(String exposition, String metric) {
        return exposition.lines().filter(line -> !line.startsWith("#"))
                .filter(line -> line.startsWith(metric + " ") || line.startsWith(metric + "{"))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .map(PrometheusText::number).findFirst();
    }

    /** A sample's value as the exposition format writes it: a number, NaN, +Inf or -Inf. */
    private static double number(String value) {
        return switch (value) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        };
    }

    /**
     * Waits, up to 15 s, until a scrape shows the metric with a value the test expects (a gauge counted in the
     * background catches up within a refresh); returns the value, or fails naming what it last saw.
     */
    public static double await(Supplier<String> scrape, String metric, DoublePredicate expected) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        double seen = Double.NaN;
        while (Instant.now().isBefore(deadline)) {
            seen = value(scrape.get(), metric).orElse(Double.NaN);
            if (expected.test(seen)) {
                return seen;
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError(metric + " is " + seen + " after 15 s");
    }
}
