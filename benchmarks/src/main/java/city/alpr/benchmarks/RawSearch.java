package city.alpr.benchmarks;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.common.crypto.DataKey;
import city.alpr.common.reads.ReadEnvelope;
import city.alpr.launcher.RunningSystem;
import city.alpr.localstack.AlprDatabase;
import city.alpr.localstack.StackSecrets;
import city.alpr.query.search.PlatePattern;
import city.alpr.query.search.SearchStatement;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;

/**
 * The search benchmarks' baseline: the statements the query service sends for one search's first page, built by the
 * service's own {@link SearchStatement}, sent raw on a connection like the service's (the same driver, session
 * settings and prepared statements), and timed without opening the rows.
 */
final class RawSearch implements AutoCloseable {

    static final int PAGE = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Mode {
        EXACT,
        LOOKALIKE,
        PARTIAL,
        /** Which vehicles passed these cameras then? No plate, a few hours, named cameras. */
        PLATELESS
    }

    /**
     * What one search did: the time its statements took, the reads of its page, and for a partial search the
     * candidates the index selected and how many of them the pattern confirmed.
     */
    record Result(long nanos, int reads, int candidates, int matches) {
    }

    private final SqlConnection sql;
    private final Function<io.vertx.mutiny.sqlclient.Tuple, String> searcher;

    /**
     * @param searcher the condition the service adds for the searcher ({@code AlertRecipients.receives} for the
     *        searcher's username, role and policy)
     */
    RawSearch(Vertx vertx, RunningSystem system, StackSecrets secrets,
            Function<io.vertx.mutiny.sqlclient.Tuple, String> searcher) throws Exception {
        PgConnectOptions options = PgConnectOptions.fromUri(system.postgres.reactiveUrl(AlprDatabase.DATABASE))
                .setUser("postgres").setPassword(secrets.superuserPassword()).setCachePreparedStatements(true)
                .addProperty("plan_cache_mode", "force_generic_plan")
                .addProperty("max_parallel_workers_per_gather", "0");
        this.sql = await(PgConnection.connect(vertx, options));
        this.searcher = searcher;
    }

    /**
     * One search's first page. A partial search goes day by day, newest first, until the page is full of confirmed
     * reads, as the service does; the candidates are opened and confirmed between the statements, outside the time
     * measured, to count the index's false positives.
     *
     * @param text the plate, or the pattern of a partial search; ignored for a plate-less one
     * @param cameras the cameras searched, or null for all
     * @param keys the day keys of the range searched, newest first
     */
    Result search(Mode mode, String text, List<String> cameras, Map<LocalDate, DataKey> keys, OffsetDateTime from,
            OffsetDateTime to) throws Exception {
        if (mode != Mode.PARTIAL) {
            SearchStatement statement = new SearchStatement(from, to, cameras, null, null, searcher);
            if (mode != Mode.PLATELESS) {
                statement.matchingPlate(text, mode == Mode.LOOKALIKE, keys);
            }
            SearchStatement.Prepared prepared = statement.prepare(PAGE + 1);
            long start = System.nanoTime();
            int reads = rows(await(sql.preparedQuery(prepared.sql()).execute(prepared.parameters().getDelegate())));
            return new Result(System.nanoTime() - start, reads, 0, 0);
        }
        PlatePattern pattern = PlatePattern.parse(text);
        long nanos = 0;
        int candidates = 0;
        int matches = 0;
        for (var day : keys.entrySet()) {
            OffsetDateTime dayStart = day.getKey().atStartOfDay().atOffset(ZoneOffset.UTC);
            SearchStatement statement = new SearchStatement(dayStart.isBefore(from) ? from : dayStart,
                    dayStart.plusDays(1).isAfter(to) ? to : dayStart.plusDays(1), cameras, null, null, searcher);
            statement.matchingTrigrams(day.getValue(), pattern.trigrams());
            SearchStatement.Prepared prepared = statement.prepare(SearchStatement.PARTIAL_BATCH);
            long start = System.nanoTime();
            RowSet<Row> rows = await(sql.preparedQuery(prepared.sql()).execute(prepared.parameters().getDelegate()));
            nanos += System.nanoTime() - start;
            for (Row row : rows) {
                candidates++;
                String plate = ReadEnvelope.openDetails(JSON, day.getValue(), row.getUUID("id"),
                        row.getBuffer("sealed_details").getBytes(), row.getString("camera_id"),
                        row.getOffsetDateTime("captured_at")).plate();
                if (pattern.matches(plate)) {
                    matches++;
                }
            }
            if (matches > PAGE) {
                break;
            }
        }
        return new Result(nanos, Math.min(matches, PAGE), candidates, matches);
    }

    @Override
    public void close() throws Exception {
        await(sql.close());
    }

    private static int rows(RowSet<Row> rows) {
        int count = 0;
        for (Row row : rows) {
            row.getBuffer("sealed_details");
            count++;
        }
        return Math.min(count, PAGE);
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get();
    }
}
