package city.alpr.launcher;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
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

import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.common.crypto.DataKey;
import city.alpr.common.plates.PlateText;
import city.alpr.common.reads.ReadEnvelope;
import city.alpr.localstack.AlprDatabase;
import city.alpr.localstack.ScratchDirectory;
import city.alpr.localstack.StackSecrets;
import city.alpr.simulator.KeepAliveHttp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * {@code mvn -Pbench-search package}: search latency over 30 days of 1 M reads a day. Each search runs twice
 * per sample, on the same plate: once through the query API (token check, policy checks, the statement, opening
 * every result, the access-log record and its commit) and once as the same SQL sent raw over JDBC, the baseline.
 * The baseline uses the service's driver (the Vert.x PostgreSQL client), session settings and statement text.
 * One client, one search at a time. Prints a table for BENCHMARKS.md.
 */
public final class SearchBenchmark {

    /**
     * What the query service adds to a page of reads: the alerts of them the searcher receives and their latest
     * corrections (ReadSearch.PAGE, with AlertRecipients.receives as {@code %2$s}).
     */
    private static final String PAGE_OF = """
            with page as (%1$s),
            hits as (select distinct a.read_id from hotlist_alert a join hotlist_entry e on e.id = a.entry_id
                     where a.read_id = any(array(select id from page)) and a.captured_at >= $1 and a.captured_at < $2
                       and %2$s),
            latest as (select distinct on (read_id) read_id, id, sealed_correction from read_correction
                       where read_id = any(array(select id from page)) and captured_at >= $1 and captured_at < $2
                       order by read_id, corrected_at desc)
            select p.id, p.captured_at, r.camera_id, r.sealed_details, h.read_id is not null as hotlist_hit,
                   l.id as correction_id, l.sealed_correction
            from page p
            join plate_read r on r.id = p.id and r.captured_at = p.captured_at and r.captured_at >= $1 and r.captured_at < $2
            left join hits h on h.read_id = p.id
            left join latest l on l.read_id = p.id
            order by p.captured_at desc, p.id desc""";
    /**
     * An exact or look-alike page ($3 day starts, $4 each day's hash, $5 limit, $6-$8 the searcher) as ReadSearch
     * builds it; %1$s the column.
     */
    private static final String BY_DAY = PAGE_OF.formatted(
            """
                    (select r.id, r.captured_at
                     from unnest($3::timestamptz[], $4::bytea[]) as k (day_start, value)
                     cross join lateral (
                         select r.id, r.captured_at from plate_read r
                         where r.captured_at >= k.day_start and r.captured_at < k.day_start + interval '24 hours'
                           and r.captured_at >= $1 and r.captured_at < $2
                           and r.%1$s = k.value
                         order by r.captured_at desc, r.id desc limit $5) r
                     order by r.captured_at desc, r.id desc limit $5)
                    union
                    (select r.id, r.captured_at from plate_read r
                     where r.captured_at >= $1 and r.captured_at < $2
                       and r.id = any(array(select read_id from read_correction where %1$s = any($4::bytea[]) and captured_at >= $1 and captured_at < $2))
                     order by r.captured_at desc, r.id desc limit $5)
                    order by captured_at desc, id desc limit $5""",
            receives(6));
    /**
     * The page of one day of a partial search ($3 the day's trigram buckets, $4 limit, $5-$7 the searcher) as ReadSearch builds
     * it.
     */
    private static final String TRIGRAMS = PAGE_OF.formatted(
            """
                    (select r.id, r.captured_at from plate_read r
                     where r.captured_at >= $1 and r.captured_at < $2
                       and r.plate_trigram_buckets @> $3::smallint[]
                     order by r.captured_at desc, r.id desc limit $4)
                    union
                    (select r.id, r.captured_at from plate_read r
                     where r.captured_at >= $1 and r.captured_at < $2
                       and r.id = any(array(select read_id from read_correction where plate_trigram_buckets @> $3::smallint[] and captured_at >= $1 and captured_at < $2))
                     order by r.captured_at desc, r.id desc limit $4)
                    order by captured_at desc, id desc limit $4""",
            receives(5));
    private static final int PAGE = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTIAL_BATCH = 200;

    private SearchBenchmark() {
    }

    /** AlertRecipients.receives with its parameters from {@code $first}: the username, alert role, on-request. */
    private static String receives(int first) {
        return """
                ($%2$d or (e.owner = $%1$d and (not $%3$d or exists(
                    select 1 from law_enforcement_request q
                    where q.requested_by = e.owner and q.case_number = e.case_number and q.purpose = e.purpose
                      and q.approved and q.expires_at > now()))))""".formatted(first, first + 1, first + 2);
    }

    /** The searcher of the benchmark, the custodian: an alert role under Wildomar, whose officers work on request. */
    private static final Object[] SEARCHER = { "manager", true, true };

    enum Mode {
        EXACT,
        LOOKALIKE,
        PARTIAL
    }

    public static void main(String[] args) throws Exception {
        int days = Integer.getInteger("bench.days", 30);
        int readsPerDay = Integer.getInteger("bench.reads-per-day", 1_000_000);
        int distinctPlates = Integer.getInteger("bench.distinct-plates", 200_000);
        int warmUp = Integer.getInteger("bench.warmup", 300);
        int samples = Integer.getInteger("bench.samples", 400);
        Path root = Path.of(System.getProperty("alpr.root", ".")).toAbsolutePath().normalize();
        StackSecrets secrets = StackSecrets.generate();
        try (ScratchDirectory state = ScratchDirectory.create("alpr-bench-search");
                RunningSystem system = RunningSystem.start(root, state.path(), secrets,
                        RunningSystem.Ports.free(),
                        "wildomar-cs3", RunningSystem.Use.BENCHMARK)) {
            SearchData data = new SearchData(system.postgres, secrets.masterKey(), distinctPlates);
            System.out.printf("loading %d days x %,d reads (%,d distinct plates) ...%n", days, readsPerDay, distinctPlates);
            long started = System.nanoTime();
            long loaded = data.load(days, readsPerDay);
            System.out.printf("loaded %,d reads in %.0f s%n", loaded, (System.nanoTime() - started) / 1e9);

            OffsetDateTime to = OffsetDateTime.now(ZoneOffset.UTC);
            OffsetDateTime from = to.minusDays(days);
            StringBuilder table = new StringBuilder(
                    """
                            | search | raw SQL p50 ms | raw SQL p99 ms | API p50 ms | API p99 ms | API p99 / raw p99 | reads per page (mean) | index candidates per search (mean) | false positives among candidates | target (API p99) |
                            |---|---|---|---|---|---|---|---|---|---|
                            """);
            Vertx vertx = Vertx.vertx();
            try (Connection jdbc = system.postgres.superuserConnection(AlprDatabase.DATABASE)) {
                SqlConnection sql = connectAsTheServiceDoes(vertx, system, secrets);
                Map<LocalDate, DataKey> keys = new TreeMap<>(Comparator.reverseOrder());
                for (LocalDate day = from.toLocalDate(); !day.isAfter(to.toLocalDate()); day = day.plusDays(1)) {
                    keys.put(day, data.dayKey(jdbc, day));
                }
                KeepAliveHttp http = new KeepAliveHttp(URI.create(system.query.url()));
                for (Mode mode : Mode.values()) {
                    String token = system.userToken("manager", secrets.managerPassword());
                    Random pick = new Random(mode.ordinal());
                    long[] raw = new long[samples];
                    long[] api = new long[samples];
                    long results = 0;
                    long candidates = 0;
                    long falsePositives = 0;
                    for (int i = 0; i < warmUp + samples; i++) {
                        String plate = data.plates().get(pick.nextInt(data.plates().size()));
                        String text = mode == Mode.PARTIAL ? plate.substring(0, 3) + "*" + plate.substring(5) : plate;
                        Raw rawResult = rawSearch(sql, mode, text, keys, from, to);
                        long rawNanos = rawResult.nanos();
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
                            results += rawResult.reads();
                            candidates += rawResult.candidates();
                            falsePositives += rawResult.candidates() - rawResult.matches();
                        }
                    }
                    double rawP99 = percentile(raw, 0.99);
                    double apiP99 = percentile(api, 0.99);
                    table.append(String.format("| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %s | %s | %s |%n",
                            mode.name().toLowerCase(), percentile(raw, 0.50), rawP99, percentile(api, 0.50), apiP99,
                            apiP99 / rawP99, results / (double) samples,
                            mode == Mode.PARTIAL ? String.format("%.0f", candidates / (double) samples) : "",
                            mode == Mode.PARTIAL ? String.format("%.1f %%", 100.0 * falsePositives / Math.max(1, candidates))
                                    : "",
                            mode == Mode.EXACT ? "< 20 ms" : "< 200 ms"));
                }
                System.out.println("\nplan of one exact search (generic, as the service runs it):\n"
                        + explainExact(jdbc, data.plates().get(0), keys, from, to));
            }
            vertx.close();
            System.out.printf("%n%d samples per search after %d warm-up searches, over %d days x %,d reads:%n%n%s%n",
                    samples, warmUp, days, readsPerDay, table);
        }
    }

    /** A connection like the query service's: the same driver, session settings and prepared statements. */
    private static SqlConnection connectAsTheServiceDoes(Vertx vertx, RunningSystem system, StackSecrets secrets)
            throws Exception {
        PgConnectOptions options = PgConnectOptions.fromUri(system.postgres.reactiveUrl(AlprDatabase.DATABASE))
                .setUser("postgres").setPassword(secrets.superuserPassword()).setCachePreparedStatements(true)
                .addProperty("plan_cache_mode", "force_generic_plan")
                .addProperty("max_parallel_workers_per_gather", "0");
        return await(PgConnection.connect(vertx, options));
    }

    /**
     * What the raw baseline of one search did: the time its statements took, the reads of its page, and for a
     * partial search the candidates the index selected and how many of them the pattern confirmed.
     */
    private record Raw(long nanos, int reads, int candidates, int matches) {
    }

    /**
     * The statements the query service sends for one search's first page, timed without opening the rows. A partial
     * search goes day by day, newest first, until the page is full of confirmed reads, as the service does; the
     * candidates are opened and confirmed between the statements, outside the time measured, to count the index's
     * false positives.
     */
    private static Raw rawSearch(SqlConnection sql, Mode mode, String text, Map<LocalDate, DataKey> keys,
            OffsetDateTime from, OffsetDateTime to) throws Exception {
        String normalized = PlateText.normalize(text);
        if (mode != Mode.PARTIAL) {
            String value = mode == Mode.EXACT ? normalized : PlateText.lookAlike(normalized);
            OffsetDateTime[] starts = keys.keySet().stream().map(day -> day.atStartOfDay().atOffset(ZoneOffset.UTC))
                    .toArray(OffsetDateTime[]::new);
            Buffer[] indexes = keys.values().stream().map(key -> Buffer.buffer(key.plateIndex(value)))
                    .toArray(Buffer[]::new);
            String column = mode == Mode.EXACT ? "plate_index" : "plate_lookalike_index";
            long start = System.nanoTime();
            int reads = rows(await(sql.preparedQuery(String.format(BY_DAY, column))
                    .execute(Tuple.of(from, to, starts, indexes, PAGE + 1).addValue(SEARCHER[0]).addValue(SEARCHER[1])
                            .addValue(SEARCHER[2]))));
            return new Raw(System.nanoTime() - start, reads, 0, 0);
        }
        List<String> pieces = new ArrayList<>();
        for (String piece : ("^" + PlateText.lookAlike(text) + "$").split("[*?]")) {
            pieces.addAll(PlateText.trigramsOf(piece));
        }
        String prefix = PlateText.lookAlike(text.substring(0, text.indexOf('*')));
        String suffix = PlateText.lookAlike(text.substring(text.indexOf('*') + 1));
        long nanos = 0;
        int candidates = 0;
        int matches = 0;
        for (var day : keys.entrySet()) {
            OffsetDateTime dayStart = day.getKey().atStartOfDay().atOffset(ZoneOffset.UTC);
            Short[] buckets = Arrays.stream(day.getValue().trigramBuckets(pieces)).mapToObj(bucket -> (short) bucket)
                    .toArray(Short[]::new);
            long start = System.nanoTime();
            RowSet<Row> rows = await(sql.preparedQuery(TRIGRAMS).execute(Tuple.of(dayStart.isBefore(from) ? from : dayStart,
                    dayStart.plusDays(1).isAfter(to) ? to : dayStart.plusDays(1), buckets, PARTIAL_BATCH)
                    .addValue(SEARCHER[0]).addValue(SEARCHER[1]).addValue(SEARCHER[2])));
            nanos += System.nanoTime() - start;
            for (Row row : rows) {
                candidates++;
                String plate = PlateText.lookAlike(ReadEnvelope.openDetails(JSON, day.getValue(), row.getUUID("id"),
                        row.getBuffer("sealed_details").getBytes(), row.getString("camera_id"),
                        row.getOffsetDateTime("captured_at")).plate());
                if (plate.startsWith(prefix) && plate.endsWith(suffix)) {
                    matches++;
                }
            }
            if (matches > PAGE) {
                break;
            }
        }
        return new Raw(nanos, Math.min(matches, PAGE), candidates, matches);
    }

    private static String explainExact(Connection jdbc, String plate, Map<LocalDate, DataKey> keys,
            OffsetDateTime from, OffsetDateTime to) throws java.sql.SQLException {
        StringBuilder indexes = new StringBuilder();
        StringBuilder starts = new StringBuilder();
        for (LocalDate day : keys.keySet()) {
            starts.append(starts.isEmpty() ? "" : ",").append("'").append(day.atStartOfDay().atOffset(ZoneOffset.UTC))
                    .append("'::timestamptz");
        }
        for (DataKey key : keys.values()) {
            indexes.append(indexes.isEmpty() ? "" : ",").append("'\\x")
                    .append(java.util.HexFormat.of().formatHex(key.plateIndex(plate))).append("'::bytea");
        }
        StringBuilder plan = new StringBuilder();
        try (var statement = jdbc.createStatement()) {
            statement.execute("set plan_cache_mode = force_generic_plan");
            statement.execute("set max_parallel_workers_per_gather = 0");
            statement.execute("prepare explained (timestamptz, timestamptz, timestamptz[], bytea[], int, text, boolean, "
                    + "boolean) as "
                    + String.format(BY_DAY, "plate_index"));
            for (int run = 0; run < 3; run++) {
                plan.setLength(0);
                try (var rows = statement.executeQuery("explain (analyze, buffers) execute explained ('" + from + "', '"
                        + to + "', array[" + starts + "], array[" + indexes + "], " + (PAGE + 1) + ", '" + SEARCHER[0]
                        + "', " + SEARCHER[1] + ", " + SEARCHER[2] + ")")) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
            }
        }
        return plan.toString();
    }

    private static int rows(RowSet<Row> rows) {
        int count = 0;
        for (Row row : rows) {
            row.getBuffer("sealed_details");
            count++;
        }
        return Math.min(count, PAGE);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get();
    }

    private static double percentile(long[] nanos, double quantile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
