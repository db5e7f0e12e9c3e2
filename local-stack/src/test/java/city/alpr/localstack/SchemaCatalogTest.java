package city.alpr.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The migrations create exactly the committed catalog ({@code schema-catalog.txt}): tables, columns, constraints,
 * indexes, triggers, functions, ownership, grants and seeded rows. A change to the schema shows up here as a diff to
 * review; after a deliberate change, copy {@code target/schema-catalog.actual.txt} over the snapshot.
 */
class SchemaCatalogTest {

    @Test
    void theMigrationsCreateTheCommittedCatalog() throws Exception {
        List<String> actual;
        try (ScratchDirectory scratch = ScratchDirectory.create("alpr-catalog-");
                PostgresServer server = PostgresServer.start(scratch.path().resolve("data"), FreePorts.next(),
                        "catalog")) {
            AlprDatabase.prepare(server, "owner", Map.of(AlprDatabase.INGEST_ROLE, "i", AlprDatabase.QUERY_ROLE, "q",
                    AlprDatabase.AUDIT_ROLE, "a", AlprDatabase.RETENTION_ROLE, "r"));
            try (Connection connection = server.superuserConnection(AlprDatabase.DATABASE)) {
                actual = SchemaCatalog.describe(connection);
            }
        }
        Path written = Path.of("target", "schema-catalog.actual.txt");
        Files.createDirectories(written.getParent());
        Files.write(written, actual, StandardCharsets.UTF_8);
        List<String> expected = snapshot();
        assertEquals(String.join("\n", expected), String.join("\n", actual),
                "the schema differs from schema-catalog.txt:\n" + difference(expected, actual));
    }

    private static List<String> snapshot() throws IOException {
        try (InputStream in = SchemaCatalogTest.class.getResourceAsStream("/schema-catalog.txt")) {
            assertNotNull(in, "schema-catalog.txt is missing from the test resources");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static String difference(List<String> expected, List<String> actual) {
        List<String> lines = new ArrayList<>();
        expected.stream().filter(line -> !actual.contains(line)).forEach(line -> lines.add("- " + line));
        actual.stream().filter(line -> !expected.contains(line)).forEach(line -> lines.add("+ " + line));
        return String.join("\n", lines);
    }
}
