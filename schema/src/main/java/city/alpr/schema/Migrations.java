package city.alpr.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the schema as its owner role. The services never run DDL themselves: they connect with their own
 * least-privilege roles, and partitions are created through the owner's {@code ensure_partitions} function.
 */
public final class Migrations {

    private Migrations() {
    }

    public static MigrateResult migrate(String jdbcUrl, String ownerUser, String ownerPassword) {
        return Flyway.configure()
                .dataSource(jdbcUrl, ownerUser, ownerPassword)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    /** Entry point of the migration job: {@code ALPR_DB_URL}, {@code ALPR_DB_OWNER}, {@code ALPR_DB_OWNER_PASSWORD}. */
    public static void main(String[] args) {
        MigrateResult result = migrate(requireEnv("ALPR_DB_URL"), requireEnv("ALPR_DB_OWNER"),
                requireEnv("ALPR_DB_OWNER_PASSWORD"));
        System.out.printf("schema at version %s (%d migration(s) applied)%n", result.targetSchemaVersion,
                result.migrationsExecuted);
    }

    private static String requireEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is required");
        }
        return value;
    }
}
