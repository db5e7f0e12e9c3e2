package city.alpr.simulator;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A plain HTTP/1.1 client over a few keep-alive sockets with TCP_NODELAY, as embedded gateway firmware talks. The
 * JDK's HttpClient added tens to hundreds of milliseconds of client-side tail latency to 11 KB POSTs at 500
 * requests/s on the build machines, which would have been measured as the server's. Like firmware, it holds at most
 * {@code connections} sockets: a request finds one free within its wait or is not sent; a socket an exchange failed
 * on is closed, never reused and never left open.
 */
public final class KeepAliveHttp implements AutoCloseable {

    /** @param retryAfterSeconds the answer's Retry-After in seconds, or -1 when it gave none */
    public record Response(int status, String body, int retryAfterSeconds) {
    }

    /** No connection came free in time: the request was not sent. */
    public static final class NotSent extends IOException {
        NotSent(Duration waited) {
            super("no connection free within " + waited.toMillis() + " ms; not sent");
        }
    }

    private record Connection(Socket socket, InputStream in, OutputStream out) {
    }

    /** One of the sockets the client may hold: open, or to be opened when next used. */
    private static final class Slot {
        Connection connection;
    }

    private final URI base;
    private final BlockingQueue<Slot> free;

    /** @param connections how many sockets the client may hold open at once */
    public KeepAliveHttp(URI base, int connections) {
        this.base = base;
        this.free = new ArrayBlockingQueue<>(connections);
        for (int i = 0; i < connections; i++) {
            free.add(new Slot());
        }
    }

    /** Sends on a free connection, waiting at most {@code wait} for one. */
    public Response post(String path, String authorization, String contentType, byte[] body, Duration wait)
            throws IOException, InterruptedException {
        Slot slot = free.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        if (slot == null) {
            throw new NotSent(wait);
        }
        try {
            if (slot.connection != null) {
                try {
                    return exchange(slot, path, authorization, contentType, body);
                } catch (IOException staleKeepAlive) {
                    close(slot);
                } catch (RuntimeException garbled) {
                    close(slot);
                    throw garbled;
                }
            }
            slot.connection = open();
            try {
                return exchange(slot, path, authorization, contentType, body);
            } catch (IOException | RuntimeException failed) {
                close(slot);
                throw failed;
            }
        } finally {
            free.add(slot);
        }
    }

    /** Closes the sockets of the connections not in use now; call it when no request is under way. */
    @Override
    public void close() {
        for (Slot slot : free) {
            if (slot.connection != null) {
                close(slot);
            }
        }
    }

    private static void close(Slot slot) {
        try {
            slot.connection.socket().close();
        } catch (IOException alreadyGone) {
            // closing is all that was wanted
        } finally {
            slot.connection = null;
        }
    }

    private Connection open() throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
        socket.setSoTimeout(30_000);
        return new Connection(socket, new BufferedInputStream(socket.getInputStream(), 16384), socket.getOutputStream());
    }

    private Response exchange(Slot slot, String path, String authorization, String contentType, byte[] json)
            throws IOException {
        Connection connection = slot.connection;
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nAuthorization: " + authorization + "\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + json.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + json.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(json, 0, request, head.length, json.length);
        connection.out().write(request);
        connection.out().flush();

        InputStream in = connection.in();
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        long contentLength = -1;
        boolean chunked = false;
        boolean close = false;
        int retryAfter = -1;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                contentLength = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            } else if (lower.startsWith("retry-after:") && lower.substring(12).trim().matches("\\d{1,6}")) {
                retryAfter = Integer.parseInt(lower.substring(12).trim());
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0; size = Integer
                    .parseInt(line(in).split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
            line(in);
        } else if (contentLength > 0) {
            body.write(in.readNBytes((int) contentLength));
        }
        if (close) {
            close(slot);
        }
        return new Response(status, body.toString(StandardCharsets.UTF_8), retryAfter);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("connection closed mid-response");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
