package city.alpr.benchmarks;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import city.alpr.launcher.RunningSystem;
import city.alpr.localstack.AlprDatabase;
import city.alpr.localstack.ScratchDirectory;
import city.alpr.localstack.StackSecrets;

/**
 * The verify benchmark of BENCHMARKS.md: an access log of {@code bench.records} (10 M) records, chained as the
 * database chains them, is verified through {@code GET /v1/audit/verify}; the baseline, in the same run, is
 * PostgreSQL sending the same columns of the same rows with {@code COPY ... TO STDOUT}, discarded on arrival.
 * The records are written with COPY as the superuser with triggers off: their hashes are computed here the way the
 * database's trigger computes them, so a verification that finds the log intact also shows the two agree.
 */
public final class VerifyBenchmark {

    private static final DateTimeFormatter MICROSECONDS_UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");
    private static final String COLUMNS = "seq, occurred_at, service, action, outcome, username, agency, role, purpose,"
            + " case_number, data_elements, result_count, target, reason, client_address, prev_hash, hash";

    private VerifyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long records = Long.getLong("bench.records", 10_000_000L);
        Path root = Path.of(System.getProperty("alpr.root", ".")).toAbsolutePath().normalize();
        StackSecrets secrets = StackSecrets.generate();
        try (ScratchDirectory state = ScratchDirectory.create("alpr-bench-verify");
                RunningSystem system = RunningSystem.start(root, state.path(), secrets,
                        RunningSystem.Ports.free(),
                        "wildomar-cs3", RunningSystem.Use.BENCHMARK);
                Connection jdbc = system.postgres.superuserConnection(AlprDatabase.DATABASE)) {
            long started = System.nanoTime();
            load(jdbc, records);
            try (Statement statement = jdbc.createStatement()) {
                statement.execute("vacuum analyze audit_event");
            }
            System.out.printf("loaded %,d access-log records in %.0f s%n", records, (System.nanoTime() - started) / 1e9);

            double copySeconds = Double.MAX_VALUE;
            for (int pass = 0; pass < 2; pass++) {
                long t0 = System.nanoTime();
                long rows = jdbc.unwrap(PGConnection.class).getCopyAPI().copyOut(
                        "copy (select seq, occurred_at, service, action, outcome, username, agency, role, purpose,"
                                + " case_number, data_elements::text, result_count, target, reason, client_address,"
                                + " prev_hash, hash from audit_event order by seq) to stdout",
                        OutputStream.nullOutputStream());
                copySeconds = Math.min(copySeconds, (System.nanoTime() - t0) / 1e9);
                System.out.printf("baseline COPY TO STDOUT pass %d: %.1f s (%,d rows)%n", pass + 1,
                        (System.nanoTime() - t0) / 1e9, rows);
            }

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            double verifySeconds = Double.MAX_VALUE;
            String last = "";
            for (int pass = 0; pass < 2; pass++) {
                String token = system.userToken("auditor", secrets.auditorPassword());
                long t0 = System.nanoTime();
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(system.audit.url() + "/v1/audit/verify"))
                                .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(30)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                double seconds = (System.nanoTime() - t0) / 1e9;
                verifySeconds = Math.min(verifySeconds, seconds);
                last = response.statusCode() + " " + response.body().substring(0, Math.min(400, response.body().length()));
                System.out.printf("GET /v1/audit/verify pass %d: %.1f s: %s%n", pass + 1, seconds, last);
            }
            System.out.printf("""

                    | records | COPY TO STDOUT s (baseline) | verify s | verify records/s | verify / COPY |
                    |---:|---:|---:|---:|---:|
                    | %,d | %.1f | %.1f | %,.0f | %.1f |
                    %n""", records, copySeconds, verifySeconds, records / verifySeconds, verifySeconds / copySeconds);
            if (!last.startsWith("200") || !last.contains("\"intact\":true")) {
                throw new IllegalStateException("the verification did not find the log intact: " + last);
            }
        }
    }

    /** Writes the records in seq order with their chain hashes, as the trigger would have, in COPY text format. */
    private static void load(Connection jdbc, long records) throws Exception {
        try (Statement statement = jdbc.createStatement()) {
            statement.execute("set session_replication_role = replica");
        }
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        HexFormat hex = HexFormat.of();
        byte[] previous = new byte[32];
        Instant first = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        long existing;
        try (Statement statement = jdbc.createStatement();
                var rows = statement.executeQuery(
                        "select coalesce(max(seq), 0), (select hash from audit_event order by seq desc limit 1) from audit_event")) {
            rows.next();
            existing = rows.getLong(1);
            if (rows.getBytes(2) != null) {
                previous = rows.getBytes(2);
            }
        }
        CopyIn copy = jdbc.unwrap(PGConnection.class).getCopyAPI().copyIn("copy audit_event (" + COLUMNS + ") from stdin");
        StringBuilder batch = new StringBuilder(1 << 20);
        for (long i = 1; i <= records; i++) {
            long seq = existing + i;
            String occurredAt = first.plusMillis(i / 4).atOffset(ZoneOffset.UTC).format(MICROSECONDS_UTC);
            String username = "deputy" + (i % 40);
            String caseNumber = "RSO-2026-" + (i % 5000);
            String plate = "7ABC" + (i % 1000);
            // as PostgreSQL prints jsonb: keys by length, then bytewise
            String dataElements = "{\"to\": \"2026-11-02T00:00:00Z\", \"from\": \"2026-11-01T00:00:00Z\", \"match\": \"EXACT\", "
                    + "\"plate\": \"" + plate + "\"}";
            String canonical = "{\"seq\": " + seq + ", \"role\": \"sheriff-officer\", \"action\": \"read.search\", "
                    + "\"agency\": \"Riverside County Sheriff's Office\", \"reason\": null, \"target\": null, "
                    + "\"outcome\": \"granted\", \"purpose\": \"criminal-investigation\", \"service\": \"query-service\", "
                    + "\"username\": \"" + username + "\", \"caseNumber\": \"" + caseNumber + "\", \"occurredAt\": \""
                    + occurredAt + "\", \"resultCount\": 3, \"dataElements\": " + dataElements
                    + ", \"clientAddress\": \"10.0.0.7\"}";
            sha256.update(previous);
            byte[] hash = sha256.digest(canonical.getBytes(StandardCharsets.UTF_8));
            batch.append(seq).append('\t').append(occurredAt).append("\tquery-service\tread.search\tgranted\t")
                    .append(username).append("\tRiverside County Sheriff's Office\tsheriff-officer\tcriminal-investigation\t")
                    .append(caseNumber).append('\t').append(dataElements).append("\t3\t\\N\t\\N\t10.0.0.7\t\\\\x")
                    .append(hex.formatHex(previous)).append("\t\\\\x").append(hex.formatHex(hash)).append('\n');
            previous = hash;
            if (batch.length() > (1 << 20) - 2048 || i == records) {
                byte[] bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                batch.setLength(0);
            }
            if (i % 1_000_000 == 0) {
                System.out.printf("  %,d records written%n", i);
            }
        }
        copy.endCopy();
        try (Statement statement = jdbc.createStatement()) {
            statement.execute("reset session_replication_role");
        }
    }
}
