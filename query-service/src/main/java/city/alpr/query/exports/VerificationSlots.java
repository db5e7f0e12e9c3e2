package city.alpr.query.exports;

import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.query.QueryConfig;

/**
 * How many uploads of packages to verify this replica receives at once ({@code alpr.exports.verify-uploads}), each
 * holding a worker thread and a temporary file, and how many of the received ones it checks at once
 * ({@code alpr.exports.verify-concurrency}), each unpacking up to {@code alpr.exports.verify-max-unpacked}.
 */
@ApplicationScoped
class VerificationSlots {

    private final Semaphore uploads;
    private final Semaphore checks;

    VerificationSlots(QueryConfig config) {
        this.uploads = new Semaphore(config.exports().verifyUploads());
        this.checks = new Semaphore(config.exports().verifyConcurrency());
    }

    /** @return false when as many uploads arrive as may */
    boolean takeUpload() {
        return uploads.tryAcquire();
    }

    void releaseUpload() {
        uploads.release();
    }

    /** @return false when as many checks run as may */
    boolean takeCheck() {
        return checks.tryAcquire();
    }

    void releaseCheck() {
        checks.release();
    }
}
