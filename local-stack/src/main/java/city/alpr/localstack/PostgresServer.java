package city.alpr.localstack;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL 17 from the binaries published as a Maven artifact: unpacked once, initialized in a data
 * directory that survives restarts, listening on 127.0.0.1 only, with password (SCRAM) authentication.
 */
public final class PostgresServer implements AutoCloseable {

    private static final String VERSION = "17.6.0";
    public static final String SUPERUSER = "postgres";

    private final Path binaries;
    private final Path dataDirectory;
    private final int port;
    private final String superuserPassword;
    /** Whether a start was asked for since the last stop: a start that timed out may still have begun the server. */
    private boolean running;

    private PostgresServer(Path binaries, Path dataDirectory, int port, String superuserPassword) {
        this.binaries = binaries;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.superuserPassword = superuserPassword;
    }

    /**
     * Starts PostgreSQL on {@code port}, creating the cluster in {@code dataDirectory} on first use. The superuser
     * password is only set when the cluster is created.
     */
    public static PostgresServer start(Path dataDirectory, int port, String superuserPassword) {
        try {
            Path binaries = unpackBinaries();
            Files.createDirectories(dataDirectory);
            PostgresServer server = new PostgresServer(binaries, dataDirectory.toAbsolutePath(), port,
                    superuserPassword);
            server.initializeIfNew();
            StopOnExit.register(server);
            server.startServer();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL could not be started in " + dataDirectory, e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port + "/" + database;
    }

    public Connection superuserConnection(String database) throws SQLException {
        return connect(jdbcUrl(database), SUPERUSER, superuserPassword);
    }

    /**
     * Opens a JDBC connection through the PostgreSQL driver itself: DriverManager only finds drivers registered by
     * the caller's class loader, and each Quarkus test profile starts with a fresh one.
     */
    public static Connection connect(String jdbcUrl, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return new org.postgresql.Driver().connect(jdbcUrl, properties);
    }

    /**
     * Stops the server the way an operator's restart or a failover does (fast shutdown: open sessions are cut off)
     * and starts it again on the same data directory and port.
     */
    public synchronized void restart() {
        stopServer();
        startServer();
    }

    /** Makes a directory the server's own (its OS account's when running as root), as a tablespace location must be. */
    public void adopt(Path directory) throws IOException {
        Processes.giveToPostgresUser(directory);
    }

    /** Stops the server (fast shutdown), leaving the data directory for the next start. */
    @Override
    public synchronized void close() {
        StopOnExit.forget(this);
        if (running) {
            stopServer();
        }
    }

    private void stopServer() {
        Processes.run(Processes.asPostgresUser(List.of(pgCtl(), "-D", dataDirectory.toString(), "-m", "fast", "-w",
                "stop")), logFile(), 60);
        running = false;
    }

    private void initializeIfNew() throws IOException {
        if (Files.exists(dataDirectory.resolve("PG_VERSION"))) {
            return;
        }
        Path passwordFile = Files.createTempFile(MachineTemporaryDirectory.path(), "alpr-pg", ".pw");
        try {
            Files.writeString(passwordFile, superuserPassword, StandardCharsets.UTF_8);
            Processes.giveToPostgresUser(passwordFile);
            Processes.giveToPostgresUser(dataDirectory);
            Files.setPosixFilePermissions(dataDirectory, PosixFilePermissions.fromString("rwx------"));
            Processes.run(Processes.asPostgresUser(List.of(binaries.resolve("bin/initdb").toString(), "-D",
                    dataDirectory.toString(), "-U", SUPERUSER, "--pwfile=" + passwordFile, "--auth=scram-sha-256",
                    "--encoding=UTF8", "--locale=C")), logFile(), 180);
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    private void startServer() {
        stopLeftoverServer();
        running = true;
        List<String> command = new ArrayList<>(List.of(pgCtl(), "-D", dataDirectory.toString(), "-w", "-t", "120",
                "-l", dataDirectory.resolve("server.log").toString(), "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200"
                        + " -c shared_buffers=256MB -c fsync=on -c log_lock_waits=on",
                "start"));
        Processes.run(Processes.asPostgresUser(command), logFile(), 150);
    }

    /** A server left running by a process that was killed would hold the data directory; stop it first. */
    private void stopLeftoverServer() {
        if (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
            try {
                Processes.run(Processes.asPostgresUser(List.of(pgCtl(), "-D", dataDirectory.toString(), "-m", "fast",
                        "-w", "stop")), logFile(), 60);
            } catch (IllegalStateException notRunning) {
                // a stale pid file from a crash; the postmaster removes it on start
            }
        }
    }

    private String pgCtl() {
        return binaries.resolve("bin/pg_ctl").toString();
    }

    private Path logFile() {
        return dataDirectory.resolveSibling(dataDirectory.getFileName() + "-tools.log");
    }

    /** Unpacks the binaries shipped in the Maven artifact into a shared directory, once per machine. */
    private static synchronized Path unpackBinaries() throws IOException {
        Path target = MachineTemporaryDirectory.path().resolve("alpr-postgres-" + VERSION);
        if (Files.exists(target.resolve(".complete"))) {
            return target;
        }
        Path staging = Files.createTempDirectory(target.getParent(), "alpr-postgres-unpack");
        try (InputStream archive = PostgresServer.class.getResourceAsStream("/postgres-linux-x86_64.txz")) {
            if (archive == null) {
                throw new IllegalStateException("PostgreSQL binaries are not on the class path");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(
                    new XZCompressorInputStream(new BufferedInputStream(archive)))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path path = staging.resolve(entry.getName()).normalize();
                    if (!path.startsWith(staging)) {
                        throw new IOException("archive entry escapes the target: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(path);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(path.getParent());
                        Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(path.getParent());
                        Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                        boolean executable = (entry.getMode() & 0100) != 0;
                        Files.setPosixFilePermissions(path,
                                PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                }
            }
        }
        try (var dirs = Files.walk(staging)) {
            for (Path dir : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Files.createFile(staging.resolve(".complete"));
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException anotherProcessWon) {
            if (!Files.exists(target.resolve(".complete"))) {
                throw anotherProcessWon;
            }
        }
        return target;
    }
}
