package city.alpr.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a fleet of gateways saw, second by second from its start: reads stored, requests refused (503) or failed in
 * transit, reads ingest rejected (4xx, which a correct gateway never sees), and the latency of each stored request
 * from its sending to its answer.
 */
public final class Timeline {

    private static final int MAX_SECONDS = 3600;

    private final long startNanos;
    private final long[] storedReads = new long[MAX_SECONDS];
    private final long[] refusedRequests = new long[MAX_SECONDS];
    private final long[] failedRequests = new long[MAX_SECONDS];
    private final long[] rejectedReads = new long[MAX_SECONDS];
    private final List<List<Long>> latencies = new ArrayList<>(MAX_SECONDS);
    private long maxDeliveryNanos;

    public Timeline(long startNanos) {
        this.startNanos = startNanos;
        for (int second = 0; second < MAX_SECONDS; second++) {
            latencies.add(new ArrayList<>());
        }
    }

    public long startNanos() {
        return startNanos;
    }

    public int secondOf(long nanos) {
        return (int) Math.min(MAX_SECONDS - 1, Math.max(0, (nanos - startNanos) / 1_000_000_000L));
    }

    synchronized void stored(long sentNanos, long answeredNanos, int reads, long oldestCaptureNanos) {
        int second = secondOf(answeredNanos);
        storedReads[second] += reads;
        latencies.get(second).add(answeredNanos - sentNanos);
        maxDeliveryNanos = Math.max(maxDeliveryNanos, answeredNanos - oldestCaptureNanos);
    }

    synchronized void refused(long answeredNanos) {
        refusedRequests[secondOf(answeredNanos)]++;
    }

    synchronized void failed(long failedNanos) {
        failedRequests[secondOf(failedNanos)]++;
    }

    synchronized void rejected(long answeredNanos, int reads) {
        rejectedReads[secondOf(answeredNanos)] += reads;
    }

    /** Reads stored in the seconds [from, to). */
    public synchronized long storedReads(int from, int to) {
        return sum(storedReads, from, to);
    }

    public synchronized long refusedRequests(int from, int to) {
        return sum(refusedRequests, from, to);
    }

    public synchronized long failedRequests(int from, int to) {
        return sum(failedRequests, from, to);
    }

    public synchronized long rejectedReads() {
        return sum(rejectedReads, 0, MAX_SECONDS);
    }

    /** Latency percentile of the requests stored in the seconds [from, to), in milliseconds; NaN if there were none. */
    public synchronized double latencyMillis(int from, int to, double fraction) {
        long[] sorted = latencies.subList(Math.max(0, from), Math.min(MAX_SECONDS, to)).stream()
                .flatMap(List::stream).mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.max(0, (int) Math.ceil(fraction * sorted.length) - 1)] / 1e6;
    }

    /** The longest a stored read waited at its gateway, from its capture to ingest's answer storing it. */
    public synchronized double maxDeliveryMillis() {
        return maxDeliveryNanos / 1e6;
    }

    private static long sum(long[] values, int from, int to) {
        return Arrays.stream(values, Math.max(0, from), Math.min(MAX_SECONDS, to)).sum();
    }
}
