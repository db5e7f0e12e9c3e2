package city.alpr.launcher;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import city.alpr.common.crypto.DataKey;
import city.alpr.common.plates.PlateText;
import city.alpr.localstack.AlprDatabase;
import city.alpr.localstack.FreePorts;
import city.alpr.localstack.ScratchDirectory;
import city.alpr.localstack.StackSecrets;
import city.alpr.simulator.KeepAliveHttp;

/**
 * {@code mvn -Pbench-search package}: search latency over 30 days of 1 M reads a day. Each search runs twice
 * per sample, on the same plate: once through the query API (token check, policy checks, the statement, opening
 * every result, the access-log record and its commit) and once as the same SQL sent raw over JDBC, the baseline.
 * One client, one search at a time. Prints a table for BENCHMARKS.md.
 */
public final class SearchBenchmark {

    /** The statement the query service runs for an exact or look-alike plate over a range (see ReadSearch). */
    private static final String INDEXED = """
            select r.id, r.captured_at, r.camera_id, r.sealed_details,
                   exists(select 1 from hotlist_alert a where a.read_id = r.id and a.captured_at = r.captured_at) as hotlist_hit,
                   c.id as correction_id, c.sealed_correction
            from plate_read r
            left join lateral (select id, sealed_correction from read_correction c
                               where c.read_id = r.id and c.captured_at = r.captured_at
                               order by c.corrected_at desc limit 1) c on true
            where r.captured_at >= ? and r.captured_at < ?
              and (r.%1$s = any(?::bytea[]) or r.id = any(array(select read_id from read_correction where %1$s = any(?::bytea[]) and captured_at >= ? and captured_at < ?)))
            order by r.captured_at desc, r.id desc limit ?""";
    /** The statement it runs for each day of a partial search, newest day first. */
    private static final String TRIGRAMS = """
            select r.id, r.captured_at, r.camera_id, r.sealed_details,
                   exists(select 1 from hotlist_alert a where a.read_id = r.id and a.captured_at = r.captured_at) as hotlist_hit,
                   c.id as correction_id, c.sealed_correction
            from plate_read r
            left join lateral (select id, sealed_correction from read_correction c
                               where c.read_id = r.id and c.captured_at = r.captured_at
                               order by c.corrected_at desc limit 1) c on true
            where r.captured_at >= ? and r.captured_at < ?
              and (r.plate_trigrams @> ?::integer[] or r.id = any(array(select read_id from read_correction where plate_trigrams @> ?::integer[] and captured_at >= ? and captured_at < ?)))
            order by r.captured_at desc, r.id desc limit ?""";
    private static final int PAGE = 50;
    private static final int PARTIAL_BATCH = 200;

    private SearchBenchmark() {
    }

    enum Mode {
        EXACT, LOOKALIKE, PARTIAL
    }

    public static void main(String[] args) throws Exception {
        int days = Integer.getInteger("bench.days", 30);
        int readsPerDay = Integer.getInteger("bench.reads-per-day", 1_000_000);
        int distinctPlates = Integer.getInteger("bench.distinct-plates", 200_000);
        int warmUp = Integer.getInteger("bench.warmup", 100);
        int samples = Integer.getInteger("bench.samples", 400);
        Path root = Path.of(System.getProperty("alpr.root", ".")).toAbsolutePath().normalize();
        StackSecrets secrets = StackSecrets.generate();
        try (ScratchDirectory state = ScratchDirectory.create("alpr-bench-search");
                RunningSystem system = RunningSystem.start(root, state.path(), secrets,
                        new RunningSystem.Ports(FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next()),
                        "wildomar-cs3")) {
            SearchData data = new SearchData(system.postgres, secrets.masterKey(), distinctPlates);
            System.out.printf("loading %d days x %,d reads (%,d distinct plates) ...%n", days, readsPerDay, distinctPlates);
            long started = System.nanoTime();
            long loaded = data.load(days, readsPerDay);
            System.out.printf("loaded %,d reads in %.0f s%n", loaded, (System.nanoTime() - started) / 1e9);

            OffsetDateTime to = OffsetDateTime.now(ZoneOffset.UTC);
            OffsetDateTime from = to.minusDays(days);
            StringBuilder table = new StringBuilder("""
                    | search | raw SQL p50 ms | raw SQL p99 ms | API p50 ms | API p99 ms | API p99 / raw p99 | reads per page (mean) | target (API p99) |
                    |---|---|---|---|---|---|---|---|
                    """);
            try (Connection sql = system.postgres.superuserConnection(AlprDatabase.DATABASE)) {
                Map<LocalDate, DataKey> keys = new TreeMap<>(Comparator.reverseOrder());
                for (LocalDate day = from.toLocalDate(); !day.isAfter(to.toLocalDate()); day = day.plusDays(1)) {
                    keys.put(day, data.dayKey(sql, day));
                }
                KeepAliveHttp http = new KeepAliveHttp(URI.create(system.query.url()));
                for (Mode mode : Mode.values()) {
                    String token = system.userToken("manager", secrets.managerPassword());
                    Random pick = new Random(mode.ordinal());
                    long[] raw = new long[samples];
                    long[] api = new long[samples];
                    long results = 0;
                    for (int i = 0; i < warmUp + samples; i++) {
                        String plate = data.plates().get(pick.nextInt(data.plates().size()));
                        String text = mode == Mode.PARTIAL ? plate.substring(0, 3) + "*" + plate.substring(5) : plate;
                        long rawStart = System.nanoTime();
                        int rows = rawSearch(sql, mode, text, keys, from, to);
                        long rawNanos = System.nanoTime() - rawStart;
                        byte[] body = ("{\"purpose\":\"criminal-investigation\",\"caseNumber\":\"BENCH-1\","
                                + "\"plate\":{\"text\":\"" + text + "\",\"match\":\"" + mode + "\"},\"from\":\"" + from
                                + "\",\"to\":\"" + to + "\",\"pageSize\":" + PAGE + "}").getBytes(StandardCharsets.UTF_8);
                        long apiStart = System.nanoTime();
                        KeepAliveHttp.Response response = http.post("/v1/searches", "Bearer " + token, body);
                        long apiNanos = System.nanoTime() - apiStart;
                        if (response.status() != 200) {
                            throw new IllegalStateException(mode + " search answered " + response.status() + ": "
                                    + response.body());
                        }
                        if (i >= warmUp) {
                            raw[i - warmUp] = rawNanos;
                            api[i - warmUp] = apiNanos;
                            results += rows;
                        }
                    }
                    double rawP99 = percentile(raw, 0.99);
                    double apiP99 = percentile(api, 0.99);
                    table.append(String.format("| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %s |%n",
                            mode.name().toLowerCase(), percentile(raw, 0.50), rawP99, percentile(api, 0.50), apiP99,
                            apiP99 / rawP99, results / (double) samples, mode == Mode.EXACT ? "< 20 ms" : "< 200 ms"));
                }
            }
            System.out.printf("%n%d samples per search after %d warm-up searches, over %d days x %,d reads:%n%n%s%n",
                    samples, warmUp, days, readsPerDay, table);
        }
    }

    /** The statements the query service sends for one search's first page, without opening the rows. */
    private static int rawSearch(Connection sql, Mode mode, String text, Map<LocalDate, DataKey> keys,
            OffsetDateTime from, OffsetDateTime to) throws SQLException {
        String normalized = PlateText.normalize(text);
        if (mode != Mode.PARTIAL) {
            String value = mode == Mode.EXACT ? normalized : PlateText.lookAlike(normalized);
            byte[][] indexes = keys.values().stream().map(key -> key.plateIndex(value)).toArray(byte[][]::new);
            String column = mode == Mode.EXACT ? "plate_index" : "plate_lookalike_index";
            try (PreparedStatement statement = sql.prepareStatement(String.format(INDEXED, column))) {
                Array array = sql.createArrayOf("bytea", indexes);
                return run(statement, from, to, array, PAGE + 1);
            }
        }
        List<String> pieces = new ArrayList<>();
        String folded = PlateText.lookAlike(text);
        String anchored = "^" + folded + "$";
        for (String piece : anchored.split("[*?]")) {
            pieces.addAll(PlateText.trigramsOf(piece));
        }
        int found = 0;
        try (PreparedStatement statement = sql.prepareStatement(TRIGRAMS)) {
            for (var day : keys.entrySet()) {
                OffsetDateTime dayStart = day.getKey().atStartOfDay().atOffset(ZoneOffset.UTC);
                Integer[] tokens = Arrays.stream(day.getValue().trigramIndex(pieces)).boxed().toArray(Integer[]::new);
                Array array = sql.createArrayOf("integer", tokens);
                found += run(statement, dayStart.isBefore(from) ? from : dayStart,
                        dayStart.plusDays(1).isAfter(to) ? to : dayStart.plusDays(1), array, PARTIAL_BATCH);
                if (found > PAGE) {
                    break;
                }
            }
        }
        return Math.min(found, PAGE);
    }

    private static int run(PreparedStatement statement, OffsetDateTime from, OffsetDateTime to, Array values,
            int limit) throws SQLException {
        statement.setObject(1, from);
        statement.setObject(2, to);
        statement.setArray(3, values);
        statement.setArray(4, values);
        statement.setObject(5, from);
        statement.setObject(6, to);
        statement.setInt(7, limit);
        int rows = 0;
        try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                result.getBytes("sealed_details");
                rows++;
            }
        }
        return Math.min(rows, PAGE);
    }

    private static double percentile(long[] nanos, double quantile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
