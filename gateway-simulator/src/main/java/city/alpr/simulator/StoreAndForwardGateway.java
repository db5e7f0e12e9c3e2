package city.alpr.simulator;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A camera gateway that keeps every read until ingest has stored it, as gateway firmware buffers reads through an
 * outage or an overload. Captured reads wait in a live queue; one sender per connection the gateway holds posts
 * them in batches (a batch leaves when it is full or its first read is {@code linger} old). A batch that ingest
 * refuses (503) or that fails in transit goes to the backlog, and its sender pauses for the Retry-After ingest gave
 * (a second if none). So do reads that waited in the live queue longer than {@code liveWindow}. The backlog is sent
 * again, with the same gateway read ids, at no more than {@code catchUpReadsPerSecond}, as firmware backfills at a
 * configured rate, so that catching up does not itself keep ingest overloaded.
 */
public final class StoreAndForwardGateway implements AutoCloseable {

    public record Settings(int connections, int batchSize, Duration linger, Duration liveWindow,
            double catchUpReadsPerSecond) {
    }

    private record Captured(Vehicles.Read read, long capturedNanos) {
    }

    private static final long LIVE_POLL_MILLIS = 50;

    private final GatewayClient client;
    private final Vehicles vehicles;
    private final Settings settings;
    private final Timeline timeline;
    private final LinkedBlockingDeque<Captured> live = new LinkedBlockingDeque<>();
    private final ConcurrentLinkedDeque<Captured> backlog = new ConcurrentLinkedDeque<>();
    private final ReentrantLock batching = new ReentrantLock();
    private final AtomicLong captured = new AtomicLong();
    private final AtomicLong unsettled = new AtomicLong();
    private final List<Thread> senders = new ArrayList<>();
    private double catchUpAllowance;
    private long allowanceUpdatedNanos = System.nanoTime();
    private volatile boolean running = true;

    public StoreAndForwardGateway(URI ingest, URI tokenEndpoint, String clientId, String clientSecret,
            Vehicles vehicles, Settings settings, Timeline timeline) {
        this.client = new GatewayClient(ingest, tokenEndpoint, clientId, clientSecret, settings.connections());
        this.vehicles = vehicles;
        this.settings = settings;
        this.timeline = timeline;
        for (int i = 0; i < settings.connections(); i++) {
            senders.add(Thread.ofVirtual().name(clientId + "-sender-" + i).start(this::send));
        }
    }

    /** A camera of this gateway reads a plate now. */
    public void capture() {
        captured.incrementAndGet();
        unsettled.incrementAndGet();
        live.addLast(new Captured(vehicles.capture(), System.nanoTime()));
    }

    public long captured() {
        return captured.get();
    }

    /** Reads captured and not yet stored (or rejected): queued, in the backlog or on their way. */
    public long unsettled() {
        return unsettled.get();
    }

    private void send() {
        while (running) {
            try {
                List<Captured> batch = nextBatch();
                if (!batch.isEmpty()) {
                    post(batch);
                }
            } catch (InterruptedException stopping) {
                return;
            }
        }
    }

    private List<Captured> nextBatch() throws InterruptedException {
        List<Captured> batch = new ArrayList<>(settings.batchSize());
        batching.lockInterruptibly();
        try {
            Captured first = nextLive(LIVE_POLL_MILLIS);
            if (first != null) {
                batch.add(first);
                long leaveAt = first.capturedNanos() + settings.linger().toNanos();
                while (batch.size() < settings.batchSize()) {
                    Captured next = nextLive(Math.max(0, (leaveAt - System.nanoTime()) / 1_000_000));
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                return batch;
            }
        } finally {
            batching.unlock();
        }
        for (int allowed = catchUpAllowance(); allowed > 0; allowed--) {
            Captured old = backlog.pollFirst();
            if (old == null) {
                break;
            }
            batch.add(old);
        }
        return batch;
    }

    /** The next live read, waiting up to {@code waitMillis}; reads older than the live window go to the backlog. */
    private Captured nextLive(long waitMillis) throws InterruptedException {
        long staleBefore = System.nanoTime() - settings.liveWindow().toNanos();
        for (Captured read = live.pollFirst(waitMillis, TimeUnit.MILLISECONDS); read != null; read = live.pollFirst()) {
            if (read.capturedNanos() >= staleBefore) {
                return read;
            }
            backlog.addLast(read);
        }
        return null;
    }

    /** How many backlog reads may be sent now, within the catch-up rate (at most one batch). */
    private synchronized int catchUpAllowance() {
        long now = System.nanoTime();
        catchUpAllowance = Math.min(settings.batchSize(),
                catchUpAllowance + settings.catchUpReadsPerSecond() * (now - allowanceUpdatedNanos) / 1e9);
        allowanceUpdatedNanos = now;
        int allowed = (int) catchUpAllowance;
        catchUpAllowance -= allowed;
        return allowed;
    }

    private void post(List<Captured> batch) throws InterruptedException {
        String json = vehicles.json(batch.stream().map(Captured::read).toList());
        long oldest = batch.stream().mapToLong(Captured::capturedNanos).min().orElseThrow();
        long sent = System.nanoTime();
        int pauseSeconds;
        try {
            GatewayClient.Answer answer = client.post("/v1/reads", json, 1);
            long answered = System.nanoTime();
            if (answer.status() == 200 || answer.status() == 201) {
                timeline.stored(sent, answered, batch.size(), oldest);
                unsettled.addAndGet(-batch.size());
                return;
            }
            if (answer.status() < 500) {
                // a gateway's bug, not load: these reads would never be stored, so they are counted, not kept
                timeline.rejected(answered, batch.size());
                unsettled.addAndGet(-batch.size());
                System.err.println("ingest rejected a batch: " + answer.status() + " " + answer.body());
                return;
            }
            timeline.refused(answered);
            pauseSeconds = answer.retryAfterSeconds() > 0 ? answer.retryAfterSeconds() : 1;
        } catch (IOException | RuntimeException failedInTransit) {
            timeline.failed(System.nanoTime());
            pauseSeconds = 1;
        }
        for (int i = batch.size() - 1; i >= 0; i--) {
            backlog.addFirst(batch.get(i));
        }
        Thread.sleep(pauseSeconds * 1000L);
    }

    /** Waits until every captured read is stored, at most {@code patience}; false if some were still unsettled. */
    public boolean awaitDelivered(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (unsettled.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /** Stops the senders (reads not yet delivered are dropped with the gateway) and closes its connections. */
    @Override
    public void close() {
        running = false;
        senders.forEach(Thread::interrupt);
        boolean interrupted = false;
        for (Thread sender : senders) {
            while (sender.isAlive()) {
                try {
                    sender.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        client.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
