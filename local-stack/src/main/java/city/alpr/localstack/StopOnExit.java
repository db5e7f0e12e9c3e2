package city.alpr.localstack;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Stops, when this JVM is stopped (SIGTERM, Ctrl-C), whatever a run started and has not stopped itself: servers,
 * service processes, scratch directories. Newest first, so that a directory goes after the servers that use it. A
 * resource forgets itself here when it is closed the normal way.
 */
public final class StopOnExit {

    private static final Deque<AutoCloseable> OPEN = new ArrayDeque<>();
    private static boolean hooked;

    private StopOnExit() {
    }

    public static synchronized void register(AutoCloseable resource) {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(StopOnExit::closeAll, "stop-on-exit"));
            hooked = true;
        }
        OPEN.push(resource);
    }

    public static synchronized void forget(AutoCloseable resource) {
        OPEN.remove(resource);
    }

    private static synchronized AutoCloseable next() {
        return OPEN.poll();
    }

    private static void closeAll() {
        for (AutoCloseable resource = next(); resource != null; resource = next()) {
            try {
                resource.close();
            } catch (Exception | LinkageError e) {
                // the JVM is going: stop the others whatever this one did (also when a class it needed can no
                // longer be loaded, as after exec:java closed its class loader)
            }
        }
    }
}
