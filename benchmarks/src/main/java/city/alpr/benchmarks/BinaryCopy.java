package city.alpr.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Rows in PostgreSQL's binary COPY format, the cheapest way to load rows: the benchmark's baseline. */
final class BinaryCopy {

    private static final byte[] SIGNATURE = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0 };
    private static final OffsetDateTime POSTGRES_EPOCH = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static final int INT2_OID = 21;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
    private final DataOutputStream out = new DataOutputStream(bytes);

    BinaryCopy() {
        write(() -> {
            out.write(SIGNATURE);
            out.writeInt(0);
            out.writeInt(0);
        });
    }

    /** Microseconds since 2000-01-01 UTC, PostgreSQL's binary timestamptz. */
    static long timestamp(OffsetDateTime time) {
        return ChronoUnit.MICROS.between(POSTGRES_EPOCH, time);
    }

    /** The instant a PostgreSQL timestamp (microseconds since 2000) stands for. */
    static Instant instant(long micros) {
        return POSTGRES_EPOCH.toInstant().plus(micros, ChronoUnit.MICROS);
    }

    BinaryCopy row(int fields) {
        write(() -> out.writeShort(fields));
        return this;
    }

    BinaryCopy uuid(UUID uuid) {
        write(() -> {
            out.writeInt(16);
            out.writeLong(uuid.getMostSignificantBits());
            out.writeLong(uuid.getLeastSignificantBits());
        });
        return this;
    }

    BinaryCopy timestamp(long micros) {
        write(() -> {
            out.writeInt(8);
            out.writeLong(micros);
        });
        return this;
    }

    BinaryCopy text(String text) {
        return bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    BinaryCopy bytes(byte[] value) {
        write(() -> {
            out.writeInt(value.length);
            out.write(value);
        });
        return this;
    }

    /** A one-dimensional smallint[] without nulls. */
    BinaryCopy smallints(int[] values) {
        write(() -> {
            out.writeInt(20 + 6 * values.length);
            out.writeInt(1);
            out.writeInt(0);
            out.writeInt(INT2_OID);
            out.writeInt(values.length);
            out.writeInt(1);
            for (int value : values) {
                out.writeInt(2);
                out.writeShort(value);
            }
        });
        return this;
    }

    byte[] finish() {
        write(() -> out.writeShort(-1));
        return bytes.toByteArray();
    }

    private interface Write {
        void run() throws IOException;
    }

    private void write(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
