package city.alpr.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.benchmarks.RawSearch.Mode;
import city.alpr.common.crypto.DataKey;
import city.alpr.launcher.RunningSystem;
import city.alpr.localstack.AlprDatabase;
import city.alpr.localstack.ScratchDirectory;
import city.alpr.localstack.StackSecrets;
import city.alpr.query.access.AlertRecipients;
import city.alpr.simulator.Fleet;
import city.alpr.simulator.GatewayClient;
import city.alpr.simulator.KeepAliveHttp;
import city.alpr.simulator.StoreAndForwardGateway;
import city.alpr.simulator.Timeline;
import city.alpr.simulator.Vehicles;
import io.vertx.core.Vertx;

/**
 * {@code mvn -Pbench-mixed package}: a city's working day in one run, on one system with every service (PostgreSQL,
 * Keycloak, ingest, query, audit, retention, the web console) under the town-000 policy, where officers search
 * directly and receive hotlist alerts. Over days of stored reads: a fleet of gateways ingests a steady rate in
 * batches; officers search (exact, look-alike, partial, and plate-less by camera) with a purpose and a case, each
 * search also sent as the same SQL raw, the baseline; dispatchers hold alert streams open while a gateway reads
 * hotlisted plates; and an auditor verifies the access log. It reports search latency against the raw SQL, ingest
 * latency, the latency of every alert on every stream from the moment its read was sent, and whether every read was
 * stored once.
 * <p>
 * {@code mvn -Pbench-soak package}: the same at half the rate for 30 minutes, reading each service's resident
 * memory, heap, threads, file descriptors and database connections every minute.
 */
public final class MixedLoadBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICY = "town-000";
    private static final String CASE_NUMBER = "BENCH-MIXED-0001";
    private static final String PURPOSE = "criminal-investigation";
    /** A plate-less search asks which vehicles passed one camera in this last span. */
    private static final Duration PLATELESS_SPAN = Duration.ofHours(4);
    private static final Duration TOKEN_REUSE = Duration.ofSeconds(60);
    private static final int HOTLIST_PLATES = 100;
    /**
     * The condition the service adds for the searching officer: under town-000 a sheriff's officer holds an alert
     * role and needs no request for what it watches.
     */
    private static final Function<io.vertx.mutiny.sqlclient.Tuple, String> OFFICER = parameters -> AlertRecipients
            .receives("officer", true, new AlertRecipients.OwnerStanding(false, List.of()), parameters);

    private MixedLoadBenchmark() {
    }

    /**
     * The load, from {@code bench.*} system properties; the soak's defaults are half the rate, for 30 minutes.
     *
     * @param streams alert streams held open by the officer's colleagues; the policy's per-person limit is raised to
     *        it for the run, which the output says
     */
    record Settings(int days, int readsPerDay, int distinctPlates, double ingestRate, int gateways, int officers,
            Duration searchEvery, int streams, Duration hitEvery, Duration warmUp, Duration measured,
            Duration sampleEvery) {

        static Settings of(boolean soak) {
            return new Settings(Integer.getInteger("bench.days", 30), Integer.getInteger("bench.reads-per-day", 100_000),
                    Integer.getInteger("bench.distinct-plates", 200_000),
                    Double.parseDouble(System.getProperty("bench.ingest-reads-per-second", soak ? "500" : "1000")),
                    Integer.getInteger("bench.gateways", 20), Integer.getInteger("bench.officers", 16),
                    duration("bench.search-every", "PT2S"), Integer.getInteger("bench.alert-streams", 100),
                    duration("bench.hit-every", "PT1S"), duration("bench.warmup", "PT2M"),
                    duration("bench.duration", soak ? "PT30M" : "PT3M"),
                    duration("bench.sample-every", soak ? "PT1M" : "PT30S"));
        }

        private static Duration duration(String property, String defaultValue) {
            return Duration.parse(System.getProperty(property, defaultValue));
        }
    }

    public static void main(String[] args) throws Exception {
        boolean soak = args.length > 0 && args[0].equals("soak");
        Settings settings = Settings.of(soak);
        System.out.println((soak ? "soak" : "mixed load") + ": " + settings);
        Path root = Path.of(System.getProperty("alpr.root", ".")).toAbsolutePath().normalize();
        StackSecrets secrets = StackSecrets.generate();
        Map<String, String> departures = Map.of("ALPR_POLICIES_TOWN_000_ALERT_STREAMS_PER_USER",
                Integer.toString(settings.streams()));
        try (ScratchDirectory state = ScratchDirectory.create("alpr-bench-mixed");
                RunningSystem system = RunningSystem.start(root, state.path(), secrets, RunningSystem.Ports.free(),
                        POLICY, RunningSystem.Use.BENCHMARK, departures)) {
            SearchData data = new SearchData(system.postgres, secrets.masterKey(), settings.distinctPlates());
            long started = System.nanoTime();
            long loaded = data.load(settings.days(), settings.readsPerDay());
            System.out.printf("loaded %,d reads over %d days in %.0f s%n", loaded, settings.days(),
                    (System.nanoTime() - started) / 1e9);
            Map<LocalDate, DataKey> keys = new TreeMap<>(Comparator.reverseOrder());
            try (Connection jdbc = system.postgres.superuserConnection(AlprDatabase.DATABASE)) {
                LocalDate today = LocalDate.now(ZoneOffset.UTC);
                for (LocalDate day = today.minusDays(settings.days()); !day.isAfter(today); day = day.plusDays(1)) {
                    keys.put(day, data.dayKey(jdbc, day));
                }
            }
            CachedToken officer = new CachedToken(() -> system.userToken("officer", secrets.officerPassword()));
            List<String> watched = watch(system, officer.get());
            String runId = "mix-" + Long.toString(System.currentTimeMillis(), 36);
            Run run = new Run(settings, system, secrets, data, keys, officer, watched, runId);
            run.go();
        }
    }

    /** The hotlisted plates: a stolen-vehicle list of the officer's, for the benchmark's case. */
    private static List<String> watch(RunningSystem system, String token) throws IOException, InterruptedException {
        Random seeds = new Random(7);
        List<String> plates = new ArrayList<>();
        StringBuilder entries = new StringBuilder("[");
        String expires = OffsetDateTime.now(ZoneOffset.UTC).plusDays(29).withNano(0).toString();
        for (int i = 0; i < HOTLIST_PLATES; i++) {
            String plate = Vehicles.californiaPlate(seeds);
            plates.add(plate);
            entries.append(i == 0 ? "" : ",").append("""
                    {"plate":"%s","region":"CA","source":"Bench","reason":"Reported stolen (bench)",\
                    "purpose":"%s","caseNumber":"%s","expiresAt":"%s"}""".formatted(plate, PURPOSE, CASE_NUMBER,
                    expires));
        }
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> created = post(http, system.query.url() + "/v1/hotlists", token,
                "{\"name\":\"Bench stolen vehicles\",\"kind\":\"stolen-vehicle\"}");
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(created.body());
        if (created.statusCode() != 201 || !id.find()) {
            throw system.query.refused("creating the hotlist", created);
        }
        HttpResponse<String> added = post(http, system.query.url() + "/v1/hotlists/" + id.group(1) + "/entries", token,
                entries.append(']').toString());
        if (added.statusCode() != 201) {
            throw system.query.refused("adding the hotlist's entries", added);
        }
        return plates;
    }

    private static HttpResponse<String> post(HttpClient http, String url, String token, String json)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A user's token, asked for again once it is a minute old, as the console renews it. */
    private static final class CachedToken {
        private final TokenSource source;
        private String token;
        private long issuedNanos;

        interface TokenSource {
            String issue() throws IOException;
        }

        CachedToken(TokenSource source) {
            this.source = source;
        }

        synchronized String get() {
            if (token == null || System.nanoTime() - issuedNanos > TOKEN_REUSE.toNanos()) {
                try {
                    token = source.issue();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                issuedNanos = System.nanoTime();
            }
            return token;
        }
    }

    /** One search: when it began, its kind, the raw statements' time and the API's, and the API's status. */
    private record SearchSample(long startNanos, Mode mode, long rawNanos, long apiNanos, int status) {
    }

    /** A hotlisted plate's read: its id, and when the gateway sent it and was answered. */
    private record Hit(UUID readId, long sentNanos) {
    }

    /** One run of the load, from the fleet's first read to the report. */
    private static final class Run {
        private final Settings settings;
        private final RunningSystem system;
        private final StackSecrets secrets;
        private final SearchData data;
        private final Map<LocalDate, DataKey> keys;
        private final CachedToken officer;
        private final List<String> watched;
        private final String runId;
        private final ConcurrentLinkedQueue<SearchSample> searches = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<Hit> hits = new ConcurrentLinkedQueue<>();
        private final AtomicInteger failedHits = new AtomicInteger();
        private final List<String> gaugeRows = new ArrayList<>();
        private final Map<String, ProcessGauges> services = new LinkedHashMap<>();
        private volatile boolean stopping;
        private volatile String verification = "not run";

        Run(Settings settings, RunningSystem system, StackSecrets secrets, SearchData data, Map<LocalDate, DataKey> keys,
                CachedToken officer, List<String> watched, String runId) {
            this.settings = settings;
            this.system = system;
            this.secrets = secrets;
            this.data = data;
            this.keys = keys;
            this.officer = officer;
            this.watched = watched;
            this.runId = runId;
            services.put("ingest", new ProcessGauges(system.ingest.pid(), system.ingest.url()));
            services.put("query", new ProcessGauges(system.query.pid(), system.query.url()));
            services.put("audit", new ProcessGauges(system.audit.pid(), system.audit.url()));
        }

        void go() throws Exception {
            URI ingest = URI.create(system.ingest.url());
            URI tokens = URI.create(system.keycloak.tokenEndpoint());
            Vertx vertx = Vertx.vertx();
            List<Thread> workers = new ArrayList<>();
            long windowStart;
            long windowEnd;
            Map<String, Long> liveHeapBefore = new LinkedHashMap<>();
            Map<String, Long> liveHeapAfter = new LinkedHashMap<>();
            AlertSubscribers streams = new AlertSubscribers(settings.streams(),
                    URI.create(system.query.url() + "/v1/alerts/stream"), officer::get);
            try (Fleet fleet = new Fleet(settings.gateways(), ingest, tokens, "gateway-east",
                    secrets.gatewayEastSecret(), RunningSystem.DEMO_CAMERAS.get("gateway-east"),
                    StoredReads.IMAGE_BYTES, runId, new StoreAndForwardGateway.Settings(2, 50, Duration.ofMillis(250),
                            Duration.ofSeconds(2), settings.ingestRate() / settings.gateways()));
                    GatewayClient hitGateway = new GatewayClient(ingest, tokens, "gateway-west",
                            secrets.gatewayWestSecret(), 1)) {
                for (int i = 0; i < settings.officers(); i++) {
                    RawSearch raw = new RawSearch(vertx, system, secrets, OFFICER);
                    int index = i;
                    workers.add(Thread.ofPlatform().name("officer-" + i).start(() -> search(index, raw)));
                }
                Vehicles hotlisted = new Vehicles(watched, StoredReads.IMAGE_BYTES,
                        RunningSystem.DEMO_CAMERAS.get("gateway-west"), runId + "-hits");
                workers.add(Thread.ofPlatform().name("hotlisted-plates").start(() -> readHotlisted(hitGateway,
                        hotlisted)));

                Timeline timeline = fleet.timeline();
                System.out.printf("warming up for %s ...%n", settings.warmUp());
                fleet.capture(settings.ingestRate(), settings.warmUp());
                for (var service : services.entrySet()) {
                    liveHeapBefore.put(service.getKey(), service.getValue().liveHeapMiB());
                }
                // the collections just forced are not to be measured, nor the catching up after them
                fleet.capture(settings.ingestRate(), Duration.ofSeconds(15));
                windowStart = System.nanoTime();
                System.out.printf("measuring for %s ...%n", settings.measured());
                Thread verifier = Thread.ofPlatform().name("auditor").start(this::verifyHalfway);
                long nextSample = windowStart;
                while (System.nanoTime() - windowStart < settings.measured().toNanos()) {
                    if (System.nanoTime() >= nextSample) {
                        sampleGauges(windowStart);
                        nextSample += settings.sampleEvery().toNanos();
                    }
                    fleet.capture(settings.ingestRate(), Duration.ofSeconds(1));
                }
                windowEnd = System.nanoTime();
                sampleGauges(windowStart);
                stopping = true;
                for (Thread worker : workers) {
                    worker.join(Duration.ofSeconds(60));
                }
                verifier.join(Duration.ofMinutes(10));
                if (!fleet.awaitDelivered(Duration.ofMinutes(2))) {
                    System.out.println("NOT every read captured was delivered within 2 minutes of the end");
                }
                Thread.sleep(5_000);
                streams.close();
                for (var service : services.entrySet()) {
                    liveHeapAfter.put(service.getKey(), service.getValue().liveHeapMiB());
                }
                report(fleet, timeline, streams, windowStart, windowEnd, liveHeapBefore, liveHeapAfter);
            } finally {
                stopping = true;
                streams.close();
                vertx.close().toCompletionStage().toCompletableFuture().join();
            }
        }

        /** One officer: a search every {@code searchEvery}, cycling through the kinds, raw then through the API. */
        private void search(int index, RawSearch raw) {
            Random pick = new Random(index);
            long interval = settings.searchEvery().toNanos();
            long next = System.nanoTime() + interval * index / settings.officers();
            try (raw; KeepAliveHttp http = new KeepAliveHttp(URI.create(system.query.url()), 1)) {
                for (int n = index; !stopping; n++) {
                    pause(next - System.nanoTime());
                    next = Math.max(next + interval, System.nanoTime());
                    Mode mode = Mode.values()[n % Mode.values().length];
                    String plate = data.plates().get(pick.nextInt(data.plates().size()));
                    String camera = SearchData.CAMERAS.get(pick.nextInt(SearchData.CAMERAS.size()));
                    OffsetDateTime to = OffsetDateTime.now(ZoneOffset.UTC);
                    OffsetDateTime from = mode == Mode.PLATELESS ? to.minus(PLATELESS_SPAN) : to.minusDays(settings.days());
                    String text = mode == Mode.PARTIAL ? plate.substring(0, 3) + "*" + plate.substring(5) : plate;
                    String criteria = mode == Mode.PLATELESS ? "\"cameraIds\":[\"" + camera + "\"]"
                            : "\"plate\":{\"text\":\"" + text + "\",\"match\":\"" + mode + "\"}";
                    byte[] body = ("{\"purpose\":\"" + PURPOSE + "\",\"caseNumber\":\"" + CASE_NUMBER + "\","
                            + criteria + ",\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"pageSize\":"
                            + RawSearch.PAGE + "}").getBytes(StandardCharsets.UTF_8);
                    long start = System.nanoTime();
                    try {
                        RawSearch.Result rawResult = raw.search(mode, text,
                                mode == Mode.PLATELESS ? List.of(camera) : null, keys, from, to);
                        long apiStart = System.nanoTime();
                        KeepAliveHttp.Response response = http.post("/v1/searches", "Bearer " + officer.get(),
                                "application/json", body,
                                Duration.ofSeconds(30));
                        long apiNanos = System.nanoTime() - apiStart;
                        if (response.status() != 200 && searches.stream().noneMatch(s -> s.status() != 200)) {
                            System.err.println(mode + " search answered " + response.status() + ": " + response.body());
                        }
                        searches.add(new SearchSample(start, mode, rawResult.nanos(), apiNanos, response.status()));
                    } catch (Exception e) {
                        System.err.println(mode + " search failed: " + e);
                        searches.add(new SearchSample(start, mode, 0, 0, -1));
                    }
                }
            } catch (Exception e) {
                System.err.println("officer " + index + " stopped: " + e);
            }
        }

        /** A gateway on the west side reads a hotlisted plate every {@code hitEvery}, one read per request. */
        private void readHotlisted(GatewayClient gateway, Vehicles hotlisted) {
            long next = System.nanoTime();
            while (!stopping) {
                pause(next - System.nanoTime());
                next = Math.max(next + settings.hitEvery().toNanos(), System.nanoTime());
                String json = hotlisted.json(List.of(hotlisted.capture()));
                long sent = System.nanoTime();
                try {
                    // a gateway keeps a read until it is stored: it resends after each Retry-After
                    GatewayClient.Answer answer = gateway.post("/v1/reads", json, 20);
                    JsonNode receipt = JSON.readTree(answer.body()).path("reads").path(0);
                    if (answer.status() >= 300 || !receipt.hasNonNull("readId")) {
                        throw new IOException("ingest answered " + answer.status() + ": " + answer.body());
                    }
                    hits.add(new Hit(UUID.fromString(receipt.get("readId").asText()), sent));
                } catch (IOException e) {
                    failedHits.incrementAndGet();
                    System.err.println("a hotlisted plate's read was not stored: " + e.getMessage());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** Halfway through, the auditor verifies the whole access log. */
        private void verifyHalfway() {
            pause(settings.measured().toNanos() / 2);
            try (HttpClient http = HttpClient.newHttpClient()) {
                String token = system.userToken("auditor", secrets.auditorPassword());
                long start = System.nanoTime();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(system.audit.url()
                        + "/v1/audit/verify")).header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofMinutes(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                verification = String.format("%.2f s, answered %d: %s", (System.nanoTime() - start) / 1e9,
                        response.statusCode(), response.body().substring(0, Math.min(300, response.body().length())));
            } catch (IOException | InterruptedException e) {
                verification = "failed: " + e;
            }
        }

        private void sampleGauges(long windowStart) {
            StringBuilder row = new StringBuilder(String.format("| %.0f", (System.nanoTime() - windowStart) / 1e9));
            try {
                for (ProcessGauges gauges : services.values()) {
                    ProcessGauges.Reading reading = gauges.read();
                    row.append(String.format(" | %.0f | %d / %d | %d | %d", reading.cpuSeconds(), reading.rssMiB(),
                            reading.heapMiB(), reading.threads(), reading.fileDescriptors()));
                }
                row.append(String.format(" | %.0f | %.0f | %s |", ProcessGauges.cpuSeconds(ProcessHandle.allProcesses()
                        .filter(process -> process.info().command().orElse("").endsWith("/postgres"))),
                        ProcessGauges.cpuSeconds(Stream.of(ProcessHandle.current())), databaseConnections()));
            } catch (IOException | SQLException e) {
                row.append(" | could not read: ").append(e.getMessage()).append(" |");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.out.println("gauges: " + row);
            gaugeRows.add(row.toString());
        }

        /** The services' connections to PostgreSQL, by role. */
        private String databaseConnections() throws SQLException {
            try (Connection jdbc = system.postgres.superuserConnection(AlprDatabase.DATABASE);
                    PreparedStatement count = jdbc.prepareStatement("""
                            select count(*) filter (where usename = ?), count(*) filter (where usename = ?),
                                   count(*) filter (where usename = ?)
                            from pg_stat_activity where backend_type = 'client backend'""")) {
                count.setString(1, AlprDatabase.INGEST_ROLE);
                count.setString(2, AlprDatabase.QUERY_ROLE);
                count.setString(3, AlprDatabase.AUDIT_ROLE);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    return rows.getInt(1) + " / " + rows.getInt(2) + " / " + rows.getInt(3);
                }
            }
        }

        private void report(Fleet fleet, Timeline timeline, AlertSubscribers streams, long windowStart,
                long windowEnd, Map<String, Long> liveHeapBefore, Map<String, Long> liveHeapAfter) throws SQLException {
            StringBuilder out = new StringBuilder();
            out.append(String.format("%n%s, measured for %s after a %s warm-up, over %d days x %,d stored reads "
                    + "(%,d distinct plates), every service running, policy %s.%n", settings,
                    settings.measured(), settings.warmUp(), settings.days(), settings.readsPerDay(),
                    settings.distinctPlates(), POLICY));
            out.append(String.format("Departure from the policy for the run: alert-streams-per-user = %d (the policy "
                    + "says 2), so that one officer account holds all %d streams.%n%n", settings.streams(),
                    settings.streams()));

            out.append(String.format("| %d officers, one search each every %s | searches | raw SQL p50 ms | raw SQL p99 ms"
                    + " | API p50 ms | API p99 ms | API p99 / raw p99 | failed | target (API p99) |%n"
                    + "|---|---:|---:|---:|---:|---:|---:|---:|---|%n", settings.officers(), settings.searchEvery()));
            for (Mode mode : Mode.values()) {
                List<SearchSample> samples = searches.stream()
                        .filter(s -> s.mode() == mode && s.startNanos() >= windowStart && s.startNanos() < windowEnd)
                        .toList();
                long[] raw = samples.stream().filter(s -> s.status() == 200).mapToLong(SearchSample::rawNanos).toArray();
                long[] api = samples.stream().filter(s -> s.status() == 200).mapToLong(SearchSample::apiNanos).toArray();
                out.append(String.format("| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %d | < 50 ms |%n",
                        mode.name().toLowerCase().replace("plateless", "plate-less, one camera, last 4 h"),
                        samples.size(), millis(raw, 0.50), millis(raw, 0.99), millis(api, 0.50), millis(api, 0.99),
                        millis(api, 0.99) / millis(raw, 0.99), samples.size() - api.length));
            }

            int from = timeline.secondOf(windowStart);
            int to = timeline.secondOf(windowEnd);
            out.append(String.format("%n| ingest of %.0f reads/s (%d gateways, batches of up to 50) | p50 ms | p99 ms | "
                    + "max ms | requests refused | requests failed | target (p99) |%n|---|---:|---:|---:|---:|---:|---|%n"
                    + "| the %d s measured | %.1f | %.1f | %.1f | %d | %d | < 50 ms |%n", settings.ingestRate(),
                    settings.gateways(), to - from, timeline.latencyMillis(from, to, 0.50),
                    timeline.latencyMillis(from, to, 0.99), timeline.latencyMillis(from, to, 1.0),
                    timeline.refusedRequests(from, to), timeline.failedRequests(from, to)));

            out.append("\n| seconds into the measurement | ingest p99 ms | ingest max ms | search API max ms |\n"
                    + "|---:|---:|---:|---:|\n");
            for (int second = from; second < to; second += 10) {
                long sliceStart = windowStart + (second - from) * 1_000_000_000L;
                long sliceEnd = sliceStart + 10_000_000_000L;
                double searchMax = searches.stream().filter(s -> s.startNanos() >= sliceStart && s.startNanos() < sliceEnd)
                        .mapToLong(SearchSample::apiNanos).max().orElse(0) / 1e6;
                out.append(String.format("| %d | %.1f | %.1f | %.1f |%n", second - from,
                        timeline.latencyMillis(second, Math.min(to, second + 10), 0.99),
                        timeline.latencyMillis(second, Math.min(to, second + 10), 1.0), searchMax));
            }

            List<Long> latencies = new ArrayList<>();
            int lost = 0;
            int measuredHits = 0;
            for (Hit hit : hits) {
                if (hit.sentNanos() < windowStart || hit.sentNanos() >= windowEnd) {
                    continue;
                }
                measuredHits++;
                for (AlertSubscribers.Subscriber subscriber : streams.subscribers()) {
                    Long arrived = subscriber.arrivals.get(hit.readId());
                    if (arrived != null) {
                        latencies.add(arrived - hit.sentNanos());
                    } else if (subscriber.wasOpenAt(hit.sentNanos())) {
                        lost++;
                    }
                }
            }
            long[] alertNanos = latencies.stream().mapToLong(Long::longValue).toArray();
            out.append(String.format("%n| alerts: %d streams, a hotlisted plate read every %s | hotlisted reads | "
                    + "events received | events lost | p50 ms | p99 ms | max ms | stream subscriptions failed | "
                    + "target (p99) |%n|---|---:|---:|---:|---:|---:|---:|---:|---|%n"
                    + "| from the read sent to its event on each stream | %d | %,d | %d | %.0f | %.0f | %.0f | %d | < 1,000 ms |%n",
                    settings.streams(), settings.hitEvery(), measuredHits, alertNanos.length, lost,
                    millis(alertNanos, 0.50), millis(alertNanos, 0.99), millis(alertNanos, 1.0), streams.refusals()));

            long captured = fleet.captured() + hits.size();
            try (Connection jdbc = system.postgres.superuserConnection(AlprDatabase.DATABASE);
                    PreparedStatement count = jdbc.prepareStatement("select count(*), count(distinct gateway_read_id)"
                            + " from plate_read where gateway_read_id like ?")) {
                count.setString(1, runId + "-%");
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    long stored = rows.getLong(1);
                    long distinct = rows.getLong(2);
                    out.append(String.format("%n| reads captured (fleet and hotlisted) | stored | duplicated | lost | "
                            + "hotlisted reads not stored |%n|---:|---:|---:|---:|---:|%n| %,d | %,d | %,d | %,d | %d |%n",
                            captured, distinct, stored - distinct, captured - distinct, failedHits.get()));
                }
            }

            out.append(String.format("%nThe auditor's verification of the whole access log, halfway: %s%n", verification));
            out.append(String.format("%n| seconds into the measurement | %s | PostgreSQL CPU s | load generator CPU s | "
                    + "PostgreSQL connections of ingest / query / audit |%n|---:|%s---:|---:|---|%n",
                    String.join(" | ", services.keySet().stream()
                            .map(name -> name + " CPU s | RSS / heap in use MiB | threads | open files").toList()),
                    "---:|---:|---:|---:|".repeat(services.size())));
            gaugeRows.forEach(row -> out.append(row).append('\n'));
            out.append(String.format("%nLive heap (after a full collection) before and after the measurement, MiB: %s "
                    + "-> %s%n", liveHeapBefore, liveHeapAfter));
            System.out.println(out);
        }

        private static double millis(long[] nanos, double quantile) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
        }

        private static void pause(long nanos) {
            if (nanos > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(nanos));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
