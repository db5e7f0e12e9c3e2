package city.alpr.simulator;

import java.util.Arrays;

/**
 * What a simulator run achieved: reads stored per second and request latency percentiles.
 *
 * @param failedRequests requests that failed, including those not sent
 * @param notSent requests not sent because the gateway's buffer was full of requests waiting for a connection
 * @param senderLagP99Millis how late the sender itself started requests (99th percentile); when it is not small
 *        beside {@code p99Millis}, the load generator, not the server, limited the run
 */
public record LoadReport(long requests, long readsSent, long failedRequests, long notSent, double seconds,
        double p50Millis,
        double p99Millis, double maxMillis, double senderLagP99Millis) {

    public double readsPerSecond() {
        return readsSent / seconds;
    }

    static LoadReport of(long readsSent, long failedRequests, long notSent, double seconds, long[] latencyNanos,
            long[] lagNanos) {
        long[] sorted = latencyNanos.clone();
        Arrays.sort(sorted);
        long[] lags = lagNanos.clone();
        Arrays.sort(lags);
        return new LoadReport(sorted.length, readsSent, failedRequests, notSent, seconds, percentile(sorted, 0.50),
                percentile(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
                percentile(lags, 0.99));
    }

    private static double percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    @Override
    public String toString() {
        return String.format("%d reads in %d requests over %.1f s: %.0f reads/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms,"
                + " %d failed (%d not sent: the gateway's buffer full), sender lag p99 %.1f ms", readsSent, requests, seconds,
                readsPerSecond(), p50Millis, p99Millis, maxMillis, failedRequests, notSent, senderLagP99Millis);
    }
}
