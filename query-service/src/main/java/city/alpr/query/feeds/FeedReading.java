package city.alpr.query.feeds;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.zip.GZIPInputStream;

import city.alpr.query.QueryConfig;

/**
 * A feed's file as it lies at its location, read whole: its entries, or why it is refused; its SHA-256 and
 * modification time either way. Blocking: call on a worker thread.
 */
sealed interface FeedReading {

    /** The file as it lay on disk. */
    byte[] sha256();

    Instant modifiedAt();

    record Parsed(FeedFile file, byte[] sha256, Instant modifiedAt) implements FeedReading {
    }

    /** @param line the line that does not fit, 0 for the file as a whole (missing, too large, unreadable) */
    record Refused(int line, String reason, byte[] sha256, Instant modifiedAt) implements FeedReading {
    }

    static FeedReading of(QueryConfig.Feed feed) {
        Path path = Path.of(feed.file());
        Instant modifiedAt;
        try {
            modifiedAt = Files.getLastModifiedTime(path).toInstant();
        } catch (NoSuchFileException e) {
            return new Refused(0, "there is no file " + path, null, null);
        } catch (IOException e) {
            return new Refused(0, "the file " + path + " cannot be read: " + e.getMessage(), null, null);
        }
        MessageDigest digest = sha256Digest();
        try (DigestInputStream raw = new DigestInputStream(Files.newInputStream(path), digest)) {
            try {
                FeedFile file = feed.layout().read(new InputStreamReader(content(raw, feed.maxFileBytes()),
                        StandardCharsets.ISO_8859_1), feed.recordTypes(), feed.maxEntries());
                raw.transferTo(OutputStream.nullOutputStream());
                return new Parsed(file, digest.digest(), modifiedAt);
            } catch (MalformedFeedException e) {
                raw.transferTo(OutputStream.nullOutputStream());
                return new Refused(e.line(), e.getMessage(), digest.digest(), modifiedAt);
            }
        } catch (IOException e) {
            return new Refused(0, "the file " + path + " cannot be read: " + e.getMessage(), null, modifiedAt);
        }
    }

    /** The file's text bytes: unzipped if it is gzip, and refused beyond the feed's bound. */
    private static InputStream content(InputStream raw, long maxBytes) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw);
        buffered.mark(2);
        boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
        buffered.reset();
        return new Bounded(gzip ? new GZIPInputStream(buffered) : buffered, maxBytes);
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fails once more than the bound has been read: a crafted gzip file is refused, not inflated. */
    final class Bounded extends FilterInputStream {

        private final long max;
        private long read;

        Bounded(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > max) {
                throw new IOException("it holds more than " + max + " bytes");
            }
        }
    }
}
