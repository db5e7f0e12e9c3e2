package city.alpr.retention;

import java.util.List;

import city.alpr.retention.purge.Purge;
import city.alpr.retention.purge.PurgeReceipt;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Two ways to run the same purge. {@code purge}: once, then exit (the Kubernetes CronJob, or by hand); the exit
 * status is {@value #COMPLETED} when the run completed and its check found nothing older than retention,
 * {@value #FAILED} otherwise. No arguments: purge now, then stay up and purge on {@code alpr.retention.schedule}
 * (the local system).
 */
@QuarkusMain
public class RetentionMain implements QuarkusApplication {

    static final int COMPLETED = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final Purge purge;

    RetentionMain(Purge purge) {
        this.purge = purge;
    }

    @Override
    public int run(String... args) {
        if (args.length == 0) {
            purgeOnce();
            Quarkus.waitForExit();
            return COMPLETED;
        }
        if (args.length == 1 && args[0].equals("purge")) {
            return purgeOnce() ? COMPLETED : FAILED;
        }
        Log.errorf("unknown arguments %s: run with 'purge' to purge once and exit, or with none to purge now and then"
                + " on alpr.retention.schedule", List.of(args));
        return USAGE;
    }

    /** Whether the run completed; its receipt's summary is logged either way. */
    private boolean purgeOnce() {
        try {
            PurgeReceipt receipt = purge.run().await().indefinitely();
            return receipt.completed();
        } catch (RuntimeException e) {
            Log.errorf(e, "purge failed before it could write a receipt: %s", e.getMessage());
            return false;
        }
    }
}
