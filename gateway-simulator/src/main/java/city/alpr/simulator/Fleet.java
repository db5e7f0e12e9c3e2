package city.alpr.simulator;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A city's gateways on one ingest endpoint: store-and-forward gateways whose cameras read plates at a rate the fleet
 * sets, spread over the gateways in turn, and one timeline of what they all saw.
 */
public final class Fleet implements AutoCloseable {

    private final List<StoreAndForwardGateway> gateways = new ArrayList<>();
    private final Timeline timeline = new Timeline(System.nanoTime());
    private long captured;

    /**
     * @param runId prefix of every gateway read id the fleet sends (each gateway adds its number)
     */
    public Fleet(int size, URI ingest, URI tokenEndpoint, String clientId, String clientSecret, List<String> cameras,
            int imageBytes, String runId, StoreAndForwardGateway.Settings settings) {
        try {
            for (int i = 0; i < size; i++) {
                gateways.add(new StoreAndForwardGateway(ingest, tokenEndpoint, clientId, clientSecret,
                        new Vehicles(64, imageBytes, cameras, runId + "-g" + i), settings, timeline));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public Timeline timeline() {
        return timeline;
    }

    /** The fleet's cameras read {@code readsPerSecond} plates for {@code duration}, on schedule. */
    public void capture(double readsPerSecond, Duration duration) {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long due = 0;
        for (long now = start; now < end; now = System.nanoTime()) {
            for (long target = (long) ((now - start) / 1e9 * readsPerSecond); due < target; due++) {
                gateways.get((int) (captured++ % gateways.size())).capture();
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    public long captured() {
        return gateways.stream().mapToLong(StoreAndForwardGateway::captured).sum();
    }

    /** Reads captured and not yet stored (or rejected), over all gateways. */
    public long unsettled() {
        return gateways.stream().mapToLong(StoreAndForwardGateway::unsettled).sum();
    }

    /** Waits until every gateway delivered every read it captured, at most {@code patience} in all. */
    public boolean awaitDelivered(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        for (StoreAndForwardGateway gateway : gateways) {
            if (!gateway.awaitDelivered(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        for (StoreAndForwardGateway gateway : gateways) {
            gateway.close();
        }
    }
}
