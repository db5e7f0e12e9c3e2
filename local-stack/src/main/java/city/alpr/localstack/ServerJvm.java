package city.alpr.localstack;

/** JVM options for the servers this machine runs side by side. */
public final class ServerJvm {

    /**
     * Keeps the JVM's performance counters out of the memory-mapped {@code /tmp/hsperfdata_*} file. Under the
     * write load of ingest, writes to that file stalled JVMs for up to hundreds of milliseconds on the build
     * machines (see BENCHMARKS.md); without it, {@code jstat} and {@code jps} cannot see the process.
     */
    public static final String NO_SHARED_PERF_DATA = "-XX:+PerfDisableSharedMem";

    private ServerJvm() {
    }
}
