package city.alpr.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.common.crypto.DataKey;
import city.alpr.common.crypto.MasterKey;
import city.alpr.common.plates.PlateText;
import city.alpr.common.reads.ReadDetails;
import city.alpr.common.reads.ReadEnvelope;
import city.alpr.localstack.AlprDatabase;
import city.alpr.localstack.PostgresServer;
import city.alpr.simulator.Vehicles;

/**
 * Fills the database with days of reads exactly as ingest stores them (sealed details with camera, site and capture
 * time, keyed plate hashes and trigram buckets under each day's key), loaded with binary COPY on two connections. Images are
 * left out: search never
 * reads them. The plates come from a fixed pool, so each recurs a few times a day as real traffic does.
 */
final class SearchData {

    static final List<String> CAMERAS = List.of("CAM-E01", "CAM-E02", "CAM-E03", "CAM-E04", "CAM-W01", "CAM-W02");
    /** The site each camera's reads are sealed with. */
    private static final Map<String, ReadDetails.Site> SITES = CAMERAS.stream().collect(Collectors
            .toMap(camera -> camera, camera -> new ReadDetails.Site("Bench site " + camera, 33.6, -117.28)));
    private static final int CHUNK = 20_000;

    private final PostgresServer postgres;
    private final MasterKey masterKey;
    private final List<String> plates;
    private final ObjectMapper json = new ObjectMapper();

    SearchData(PostgresServer postgres, String masterKey, int distinctPlates) {
        this.postgres = postgres;
        this.masterKey = MasterKey.fromBase64(masterKey);
        Random seeds = new Random(11);
        List<String> pool = new ArrayList<>(distinctPlates);
        for (int i = 0; i < distinctPlates; i++) {
            pool.add(Vehicles.californiaPlate(seeds));
        }
        this.plates = List.copyOf(pool);
    }

    List<String> plates() {
        return plates;
    }

    /** Loads {@code readsPerDay} reads for each of the {@code days} days up to now; answers the reads loaded. */
    long load(int days, int readsPerDay) throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        LocalDate today = now.toLocalDate();
        LocalDate first = today.minusDays(days - 1L);
        try (Connection admin = postgres.superuserConnection(AlprDatabase.DATABASE);
                PreparedStatement partitions = admin.prepareStatement("select ensure_partitions(?, ?)")) {
            partitions.setObject(1, first);
            partitions.setObject(2, today);
            partitions.execute();
        }
        AtomicLong loaded = new AtomicLong();
        ExecutorService loaders = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
                LocalDate loadDay = day;
                OffsetDateTime start = loadDay.atStartOfDay().atOffset(ZoneOffset.UTC);
                OffsetDateTime end = loadDay.equals(today) ? now.minusMinutes(1) : start.plusDays(1);
                work.add(loaders.submit(() -> {
                    loadDay(loadDay, start, end, readsPerDay);
                    System.out.printf("  loaded %s (%,d reads so far)%n", loadDay, loaded.addAndGet(readsPerDay));
                    return null;
                }));
            }
            for (Future<?> day : work) {
                day.get();
            }
        } finally {
            loaders.shutdown();
        }
        try (Connection admin = postgres.superuserConnection(AlprDatabase.DATABASE)) {
            // what autovacuum does after bulk inserts; index-only page lookups need the visibility map
            admin.createStatement().execute("vacuum analyze plate_read");
        }
        return loaded.get();
    }

    private void loadDay(LocalDate day, OffsetDateTime start, OffsetDateTime end, int reads) throws SQLException {
        SplittableRandom random = new SplittableRandom(day.toEpochDay());
        long spanMicros = ChronoUnit.MICROS.between(start, end);
        long[] offsets = new long[reads];
        for (int i = 0; i < reads; i++) {
            offsets[i] = random.nextLong(spanMicros);
        }
        Arrays.sort(offsets);
        try (Connection connection = postgres.superuserConnection(AlprDatabase.DATABASE)) {
            DataKey key = dayKey(connection, day);
            Map<String, PlateKeys> indexes = new HashMap<>();
            PGConnection pg = connection.unwrap(PGConnection.class);
            long startMicros = BinaryCopy.timestamp(start);
            for (int done = 0; done < reads; done += CHUNK) {
                BinaryCopy rows = new BinaryCopy();
                for (int i = done; i < Math.min(reads, done + CHUNK); i++) {
                    String plate = plates.get(random.nextInt(plates.size()));
                    PlateKeys plateKeys = indexes.computeIfAbsent(plate, p -> PlateKeys.of(key, p));
                    String camera = CAMERAS.get(random.nextInt(CAMERAS.size()));
                    long captured = startMicros + offsets[i];
                    UUID id = timeOrdered(start.toInstant().toEpochMilli() + offsets[i] / 1000, random);
                    ReadDetails details = new ReadDetails(plate, plate, "CA", 0.80 + random.nextInt(20) / 100.0,
                            null, new ReadDetails.Vehicle("Toyota", "Silver", "Sedan"), camera,
                            BinaryCopy.instant(captured).toString(), SITES.get(camera), null, null, List.of());
                    rows.row(10).uuid(id).timestamp(captured).timestamp(captured).text(camera).text("gateway-east")
                            .text("bench-" + id).bytes(plateKeys.exact()).bytes(plateKeys.lookAlike())
                            .smallints(plateKeys.trigramBuckets())
                            .bytes(ReadEnvelope.seal(json, key, id, ReadEnvelope.DETAILS, details));
                }
                CopyIn copy = pg.getCopyAPI().copyIn("copy plate_read (id, captured_at, received_at, camera_id, "
                        + "gateway_id, gateway_read_id, plate_index, plate_lookalike_index, plate_trigram_buckets, "
                        + "sealed_details) from stdin binary");
                byte[] bytes = rows.finish();
                copy.writeToCopy(bytes, 0, bytes.length);
                copy.endCopy();
            }
        }
    }

    /** A day's keys, created the way ingest creates them. */
    DataKey dayKey(Connection connection, LocalDate day) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into data_key (day, wrapped_key) values (?, ?) on conflict do nothing")) {
            insert.setObject(1, day);
            insert.setBytes(2, masterKey.newWrappedDataKey(day));
            insert.execute();
        }
        try (PreparedStatement select = connection.prepareStatement("select wrapped_key from data_key where day = ?")) {
            select.setObject(1, day);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return masterKey.unwrap(day, rows.getBytes(1));
            }
        }
    }

    /** UUIDv7 layout: the millisecond first, so ids arrive in index order as ingest's do. */
    private static UUID timeOrdered(long epochMillis, SplittableRandom random) {
        long most = (epochMillis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }

    /** The keyed hashes of one plate under one day's key. */
    record PlateKeys(byte[] exact, byte[] lookAlike, int[] trigramBuckets) {

        static PlateKeys of(DataKey key, String plate) {
            String normalized = PlateText.normalize(plate);
            String lookAlike = PlateText.lookAlike(normalized);
            return new PlateKeys(key.plateIndex(normalized), key.plateIndex(lookAlike),
                    key.trigramBuckets(PlateText.trigrams(lookAlike)));
        }
    }
}
