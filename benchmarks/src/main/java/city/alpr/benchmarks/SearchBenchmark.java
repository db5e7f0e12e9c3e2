package city.alpr.benchmarks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

import city.alpr.benchmarks.RawSearch.Mode;
import city.alpr.common.crypto.DataKey;
import city.alpr.launcher.RunningSystem;
import city.alpr.localstack.AlprDatabase;
import city.alpr.localstack.ScratchDirectory;
import city.alpr.localstack.StackSecrets;
import city.alpr.query.access.AlertRecipients;
import city.alpr.query.search.SearchStatement;
import city.alpr.simulator.KeepAliveHttp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * {@code mvn -Pbench-search package}: search latency over 30 days of 1 M reads a day. Each search runs twice
 * per sample, on the same plate: once through the query API (token check, policy checks, the statement, opening
 * every result, the access-log record and its commit) and once as the same SQL sent raw over JDBC, the baseline.
 * The baseline uses the service's driver (the Vert.x PostgreSQL client), session settings and statement text.
 * One client, one search at a time. Prints a table for BENCHMARKS.md.
 */
public final class SearchBenchmark {

    private static final int PAGE = RawSearch.PAGE;

    private SearchBenchmark() {
    }

    /**
     * The condition the service adds for the benchmark's searcher, the custodian: an alert role under Wildomar, whose
     * officers work on request.
     */
    private static final Function<io.vertx.mutiny.sqlclient.Tuple, String> SEARCHER = parameters -> AlertRecipients
            .receives("manager", true, new AlertRecipients.OwnerStanding(true, List.of()), parameters);

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
                RawSearch sql = new RawSearch(vertx, system, secrets, SEARCHER);
                Map<LocalDate, DataKey> keys = new TreeMap<>(Comparator.reverseOrder());
                for (LocalDate day = from.toLocalDate(); !day.isAfter(to.toLocalDate()); day = day.plusDays(1)) {
                    keys.put(day, data.dayKey(jdbc, day));
                }
                KeepAliveHttp http = new KeepAliveHttp(URI.create(system.query.url()), 1);
                for (Mode mode : List.of(Mode.EXACT, Mode.LOOKALIKE, Mode.PARTIAL)) {
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
                        RawSearch.Result rawResult = sql.search(mode, text, null, keys, from, to);
                        long rawNanos = rawResult.nanos();
                        byte[] body = ("{\"purpose\":\"criminal-investigation\",\"caseNumber\":\"BENCH-1\","
                                + "\"plate\":{\"text\":\"" + text + "\",\"match\":\"" + mode + "\"},\"from\":\"" + from
                                + "\",\"to\":\"" + to + "\",\"pageSize\":" + PAGE + "}").getBytes(StandardCharsets.UTF_8);
                        long apiStart = System.nanoTime();
                        KeepAliveHttp.Response response = http.post("/v1/searches", "Bearer " + token, "application/json", body,
                                Duration.ofSeconds(30));
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
                sql.close();
                System.out.println("\nplan of one exact search (generic, as the service runs it):\n"
                        + explainExact(jdbc, data.plates().get(0), keys, from, to));
            }
            vertx.close();
            System.out.printf("%n%d samples per search after %d warm-up searches, over %d days x %,d reads:%n%n%s%n",
                    samples, warmUp, days, readsPerDay, table);
        }
    }

    /** The plan of one exact search's statement, prepared with the literal values of its parameters. */
    private static String explainExact(Connection jdbc, String plate, Map<LocalDate, DataKey> keys,
            OffsetDateTime from, OffsetDateTime to) throws java.sql.SQLException {
        SearchStatement statement = new SearchStatement(from, to, null, null, null, SEARCHER);
        statement.matchingPlate(plate, false, keys);
        SearchStatement.Prepared prepared = statement.prepare(PAGE + 1);
        io.vertx.sqlclient.Tuple values = prepared.parameters().getDelegate();
        StringBuilder starts = new StringBuilder();
        for (Object start : (Object[]) values.getValue(2)) {
            starts.append(starts.isEmpty() ? "" : ",").append("'").append(start).append("'::timestamptz");
        }
        StringBuilder indexes = new StringBuilder();
        for (Object index : (Object[]) values.getValue(3)) {
            indexes.append(indexes.isEmpty() ? "" : ",").append("'\\x")
                    .append(java.util.HexFormat.of().formatHex(((Buffer) index).getBytes())).append("'::bytea");
        }
        StringBuilder plan = new StringBuilder();
        try (var jdbcStatement = jdbc.createStatement()) {
            jdbcStatement.execute("set plan_cache_mode = force_generic_plan");
            jdbcStatement.execute("set max_parallel_workers_per_gather = 0");
            jdbcStatement.execute("prepare explained (timestamptz, timestamptz, timestamptz[], bytea[], int, text, "
                    + "boolean, boolean) as " + prepared.sql());
            for (int run = 0; run < 3; run++) {
                plan.setLength(0);
                try (var rows = jdbcStatement.executeQuery("explain (analyze, buffers) execute explained ('" + from
                        + "', '" + to + "', array[" + starts + "], array[" + indexes + "], " + values.getValue(4)
                        + ", '" + values.getValue(5) + "', " + values.getValue(6) + ", " + values.getValue(7) + ")")) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
            }
        }
        return plan.toString();
    }

    private static double percentile(long[] nanos, double quantile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
