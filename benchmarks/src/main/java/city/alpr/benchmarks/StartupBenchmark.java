package city.alpr.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import city.alpr.launcher.RunningSystem;
import city.alpr.launcher.ServiceProcess;
import city.alpr.localstack.FreePorts;
import city.alpr.localstack.ScratchDirectory;
import city.alpr.localstack.StackSecrets;

/**
 * {@code mvn -Pbench-startup package}: how fast a new replica of each service is ready, and how much memory it
 * holds then, on the plain JVM and with a JDK AOT cache (JEP 483/514: classes loaded and linked ahead of time, from
 * a training run of the same jar). Each replica joins a running system (PostgreSQL, Keycloak and the other
 * services up), as a new pod would; the retention job is also timed in command mode, start to exit, as the CronJob
 * runs it. Plain and cached starts alternate, so drift on the machine touches both alike. Prints a Markdown table
 * for BENCHMARKS.md.
 */
public final class StartupBenchmark {

    private static final Pattern STARTED_IN = Pattern.compile("started in (\\d+\\.\\d+)s");
    private static final Duration POLL = Duration.ofMillis(10);
    /** A training run writes its cache when the JVM exits, which takes a while. */
    private static final Duration TRAINING_EXIT = Duration.ofMinutes(3);

    private record Start(double readyMillis, double quarkusMillis, double rssMiB) {
    }

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 5);
        Path root = Path.of(System.getProperty("alpr.root", ".")).toAbsolutePath().normalize();
        try (ScratchDirectory state = ScratchDirectory.create("alpr-bench-startup");
                RunningSystem system = RunningSystem.start(root, state.path(), StackSecrets.generate(),
                        RunningSystem.Ports.free(),
                        "wildomar-cs3", RunningSystem.Use.BENCHMARK)) {
            Path caches = Files.createDirectories(state.path().resolve("aot"));
            Path logs = state.path().resolve("bench-logs");
            StringBuilder table = new StringBuilder("""
                    | service | ready, plain JVM | ready, AOT cache | AOT / plain | Quarkus "started in", plain / AOT \
                    | RSS at ready, plain / AOT | cache size |
                    |---|---:|---:|---:|---:|---:|---:|
                    """);
            for (String module : RunningSystem.SERVICES) {
                Path cache = caches.resolve(module + ".aot");
                train(system, module, cache, logs);
                List<Start> plain = new ArrayList<>();
                List<Start> cached = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    plain.add(startReplica(system, module, List.of(), logs));
                    cached.add(startReplica(system, module, List.of("-XX:AOTCache=" + cache, "-XX:AOTMode=on"), logs));
                    System.out.printf("%s round %d: plain %s, AOT %s%n", module, round, plain.getLast(),
                            cached.getLast());
                }
                double plainReady = median(plain, Start::readyMillis);
                double cachedReady = median(cached, Start::readyMillis);
                table.append(String.format(
                        "| %s | %.0f ms | %.0f ms | %.2f | %.0f / %.0f ms | %.0f / %.0f MiB | %.0f MiB |%n", module,
                        plainReady, cachedReady, cachedReady / plainReady, median(plain, Start::quarkusMillis),
                        median(cached, Start::quarkusMillis), median(plain, Start::rssMiB), median(cached, Start::rssMiB),
                        Files.size(cache) / 1048576.0));
            }

            Path purgeCache = caches.resolve("retention-purge.aot");
            runPurge(system, List.of("-XX:AOTCacheOutput=" + purgeCache), logs);
            double[] plainRuns = new double[rounds];
            double[] cachedRuns = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                plainRuns[round] = runPurge(system, List.of(), logs);
                cachedRuns[round] = runPurge(system, List.of("-XX:AOTCache=" + purgeCache, "-XX:AOTMode=on"), logs);
                System.out.printf("retention purge round %d: plain %.0f ms, AOT %.0f ms%n", round + 1,
                        plainRuns[round], cachedRuns[round]);
            }
            table.append(String.format("| retention-service `purge` (command mode, start to exit) | %.0f ms | %.0f ms |"
                    + " %.2f | | | %.0f MiB |%n", median(plainRuns), median(cachedRuns),
                    median(cachedRuns) / median(plainRuns), Files.size(purgeCache) / 1048576.0));
            System.out.printf("%nmedians of %d starts each; JVM %s%n%n%s", rounds, Runtime.version(), table);
        }
    }

    /** A training run: the replica starts, answers ready, and writes the AOT cache as it exits. */
    private static void train(RunningSystem system, String module, Path cache, Path logs) throws IOException {
        ServiceProcess replica = ServiceProcess.launch(system.root, module, FreePorts.next(),
                system.environment(module), logs, List.of("-XX:AOTCacheOutput=" + cache));
        if (!replica.awaitReady(POLL)) {
            throw new IllegalStateException(module + " training run did not get ready; see " + replica.log());
        }
        replica.stop(TRAINING_EXIT);
        if (!Files.exists(cache)) {
            throw new IllegalStateException("the training run of " + module + " wrote no AOT cache; see "
                    + replica.log());
        }
    }

    private static Start startReplica(RunningSystem system, String module, List<String> jvmOptions, Path logs)
            throws IOException {
        long begin = System.nanoTime();
        ServiceProcess replica = ServiceProcess.launch(system.root, module, FreePorts.next(),
                system.environment(module), logs, jvmOptions);
        try {
            if (!replica.awaitReady(POLL)) {
                throw new IllegalStateException(module + " " + jvmOptions + " did not get ready; see " + replica.log());
            }
            double readyMillis = (System.nanoTime() - begin) / 1e6;
            double rssMiB = residentKiB(replica.pid()) / 1024.0;
            return new Start(readyMillis, loggedStartUpMillis(module, replica.log()), rssMiB);
        } finally {
            replica.close();
        }
    }

    /**
     * The start-up time Quarkus logs, which it writes once it listens: a service that starts in well under a second
     * (the web console) can answer ready before the line is in its log.
     */
    private static double loggedStartUpMillis(String module, Path log) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            Matcher started = STARTED_IN.matcher(Files.readString(log));
            if (started.find()) {
                return Double.parseDouble(started.group(1)) * 1000;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException(module + " did not log its start-up time; see " + log);
    }

    /** Runs the retention job once, as the CronJob does; milliseconds from start to exit. */
    private static double runPurge(RunningSystem system, List<String> jvmOptions, Path logs)
            throws IOException, InterruptedException {
        Files.createDirectories(logs);
        Path log = logs.resolve("retention-purge.log");
        ProcessBuilder command = ServiceProcess.command(system.root, "retention-service", jvmOptions,
                List.of("purge"), system.environment("retention-service"), log);
        command.environment().put("QUARKUS_HTTP_PORT", "0");
        long begin = System.nanoTime();
        Process purge = command.start();
        if (!purge.waitFor(TRAINING_EXIT.toMillis(), TimeUnit.MILLISECONDS) || purge.exitValue() != 0) {
            purge.destroyForcibly();
            throw new IllegalStateException("the purge " + jvmOptions + " failed; see " + log);
        }
        return (System.nanoTime() - begin) / 1e6;
    }

    private static long residentKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    private static double median(List<Start> starts, ToDoubleFunction<Start> measure) {
        return median(starts.stream().mapToDouble(measure).toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
