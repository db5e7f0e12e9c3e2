package city.alpr.localstack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import city.alpr.schema.Migrations;

/**
 * Prepares the {@code alpr} database on a PostgreSQL server the way production's operator does: an owner role
 * that holds the schema, one login role per service, no rights for PUBLIC, then the migrations as the owner.
 */
public final class AlprDatabase {

    public static final String DATABASE = "alpr";
    public static final String OWNER_ROLE = "alpr_owner";
    public static final String INGEST_ROLE = "alpr_ingest";
    public static final String QUERY_ROLE = "alpr_query";
    public static final String AUDIT_ROLE = "alpr_audit";
    public static final String RETENTION_ROLE = "alpr_retention";

    private AlprDatabase() {
    }

    /**
     * Creates or updates the roles with the given passwords (role name to password), creates the database if
     * needed and applies all migrations.
     */
    public static void prepare(PostgresServer server, String ownerPassword, Map<String, String> servicePasswords) {
        try (Connection admin = server.superuserConnection("postgres")) {
            upsertRole(admin, OWNER_ROLE, ownerPassword);
            for (var service : servicePasswords.entrySet()) {
                upsertRole(admin, service.getKey(), service.getValue());
            }
            if (!exists(admin, "select 1 from pg_database where datname = ?", DATABASE)) {
                execute(admin, "create database " + DATABASE + " owner " + OWNER_ROLE);
            }
            execute(admin, "revoke all on database " + DATABASE + " from public");
            for (String role : servicePasswords.keySet()) {
                execute(admin, "grant connect on database " + DATABASE + " to " + role);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare database roles: " + e.getMessage(), e);
        }
        Migrations.migrate(server.jdbcUrl(DATABASE), OWNER_ROLE, ownerPassword);
    }

    private static void upsertRole(Connection admin, String role, String password) throws SQLException {
        String verb = exists(admin, "select 1 from pg_roles where rolname = ?", role) ? "alter" : "create";
        try (Statement statement = admin.createStatement()) {
            // role names are our constants; the password is a literal because DDL takes no bind parameters
            statement.execute(verb + " role " + role + " login password '" + password.replace("'", "''") + "'");
        }
    }

    private static boolean exists(Connection admin, String query, String name) throws SQLException {
        try (PreparedStatement statement = admin.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void execute(Connection admin, String sql) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute(sql);
        }
    }
}
