package city.alpr.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service's JVM holds, read from outside as an operator would: resident memory and threads from
 * {@code /proc}, open file descriptors, processor time, and the Java heap in use from its Prometheus metrics (no
 * attach, no pause).
 */
final class ProcessGauges {

    private static final Pattern HEAP_USED = Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} (\\S+)");
    private static final Pattern HEAP_AFTER_COLLECTION = Pattern.compile("used (\\d+)K");
    private static final Pattern RESIDENT = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    private static final Pattern THREADS = Pattern.compile("Threads:\\s+(\\d+)");

    /**
     * One reading. {@code heapMiB} is -1 where the metrics did not answer; {@code cpuSeconds} is the processor time
     * used since the process started.
     */
    record Reading(long rssMiB, int threads, int fileDescriptors, long heapMiB, double cpuSeconds) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final long pid;
    private final URI metrics;

    /** @param serviceUrl where the service answers, {@code /q/metrics} included */
    ProcessGauges(long pid, String serviceUrl) {
        this.pid = pid;
        this.metrics = URI.create(serviceUrl + "/q/metrics");
    }

    Reading read() throws IOException, InterruptedException {
        String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
        int descriptors;
        try (Stream<Path> open = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            descriptors = (int) open.count();
        }
        return new Reading(group(RESIDENT, status) / 1024, (int) group(THREADS, status), descriptors, heapMiB(),
                cpuSeconds(ProcessHandle.of(pid).stream()));
    }

    /** Processor time of these processes, in seconds, as far as the system still tells it. */
    static double cpuSeconds(Stream<ProcessHandle> processes) {
        return processes.mapToDouble(process -> process.info().totalCpuDuration().map(cpu -> cpu.toNanos() / 1e9)
                .orElse(0.0)).sum();
    }

    /**
     * A full collection first, then the heap in use: what the service keeps alive, without the garbage between
     * collections. It pauses the service, so it is taken outside the seconds measured.
     */
    long liveHeapMiB() throws IOException, InterruptedException {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        long usedKiB = info == null ? -1 : group(HEAP_AFTER_COLLECTION, info);
        return usedKiB < 0 ? -1 : usedKiB / 1024;
    }

    private long heapMiB() throws InterruptedException {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            Matcher pool = HEAP_USED.matcher(answer.body());
            double bytes = 0;
            boolean found = false;
            while (pool.find()) {
                bytes += Double.parseDouble(pool.group(1));
                found = true;
            }
            return found ? (long) (bytes / (1024 * 1024)) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), command)).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(30, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            jcmd.destroyForcibly();
            return null;
        }
        return output;
    }

    private static long group(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }
}
