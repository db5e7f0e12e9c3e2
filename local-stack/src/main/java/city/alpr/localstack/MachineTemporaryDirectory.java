package city.alpr.localstack;

import java.nio.file.Path;

/**
 * The machine's temporary directory, where the stack keeps what PostgreSQL's own account must reach (a stack's
 * scratch directory, the password file of {@code initdb}) and what is unpacked once per machine and version (the
 * PostgreSQL binaries, the built Keycloak): {@code localstack.machine-tmpdir} when set, else {@code java.io.tmpdir}.
 * The build sets it for its tests, whose own {@code java.io.tmpdir} is the module's {@code target}, so that what the
 * frameworks under them leave behind stays there.
 */
final class MachineTemporaryDirectory {

    private MachineTemporaryDirectory() {
    }

    static Path path() {
        return Path.of(System.getProperty("localstack.machine-tmpdir", System.getProperty("java.io.tmpdir")));
    }
}
