package city.alpr.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Ports for servers started side by side with whatever else runs on this machine. */
public final class FreePorts {

    private FreePorts() {
    }

    /** A port that was free a moment ago; good enough for servers started right after. */
    public static int next() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
