package city.alpr.common.crypto;

import java.time.LocalDate;

/** The day's key was destroyed by the retention purge; nothing can be stored for that day any more. */
public class DestroyedDayKeyException extends IllegalStateException {

    public DestroyedDayKeyException(LocalDate day) {
        super("the data key of " + day + " has been destroyed");
    }
}
