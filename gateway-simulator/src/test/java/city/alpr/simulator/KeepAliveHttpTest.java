package city.alpr.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load generator is bounded like the gateways it imitates: it holds at most its connections, and a socket an
 * exchange failed on is closed, so a server that stalls or breaks cannot make it open thousands of sockets.
 */
class KeepAliveHttpTest {

    private static final byte[] READ = "{\"plate\":\"7ABC123\"}".getBytes(StandardCharsets.UTF_8);

    /** A server on a free port that hands every connection it accepts to {@code handler}, and counts them. */
    private record Server(ServerSocket socket, AtomicInteger accepted) implements AutoCloseable {

        static Server start(Consumer<Socket> handler) throws IOException {
            ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            AtomicInteger accepted = new AtomicInteger();
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket connection = socket.accept();
                        accepted.incrementAndGet();
                        Thread.ofVirtual().start(() -> handler.accept(connection));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            return new Server(socket, accepted);
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void aStalledServerGetsNoMoreConnectionsThanTheGatewayHolds() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (Server server = Server.start(connection -> {
            synchronized (held) {
                held.add(connection);
            }
        }); ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            KeepAliveHttp http = new KeepAliveHttp(server.uri(), 2);
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                sent.add(senders
                        .submit(() -> http.post("/v1/reads", "Bearer t", "application/json", READ, Duration.ofMillis(500))));
            }
            // the four that find both connections busy give up after their 500 ms, however late they started
            for (int i = 0; i < 200 && sent.stream().filter(Future::isDone).count() < 4; i++) {
                Thread.sleep(100);
            }
            assertEquals(2, server.accepted().get(), "the stalled server saw only the gateway's two connections");
            synchronized (held) {
                for (Socket connection : held) {
                    connection.close();
                }
            }
            int notSent = 0;
            for (Future<?> request : sent) {
                try {
                    request.get();
                } catch (ExecutionException e) {
                    notSent += e.getCause() instanceof KeepAliveHttp.NotSent ? 1 : 0;
                }
            }
            assertEquals(4, notSent, "the four requests that found both connections busy were not sent");
        }
    }

    @Test
    void aSocketAnExchangeFailedOnIsClosed() throws Exception {
        try (Server server = Server.start(connection -> {
            try (connection; InputStream in = connection.getInputStream()) {
                in.readNBytes(16);
                connection.getOutputStream().write("HTTP/1.1 ok?\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException gone) {
                // the client closed first
            }
        })) {
            KeepAliveHttp http = new KeepAliveHttp(server.uri(), 4);
            long before = openFiles();
            for (int i = 0; i < 300; i++) {
                assertThrows(RuntimeException.class,
                        () -> http.post("/v1/reads", "Bearer t", "application/json", READ, Duration.ofSeconds(5)));
            }
            long after = openFiles();
            assertTrue(after - before <= 8, "open files grew from " + before + " to " + after);
            assertEquals(300, server.accepted().get(), "each failed exchange's socket was given up");
        }
    }

    private static long openFiles() throws IOException {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.count();
        }
    }
}
