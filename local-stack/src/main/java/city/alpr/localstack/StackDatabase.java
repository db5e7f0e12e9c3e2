package city.alpr.localstack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The test stack's database as tests see it, through the {@code alpr-test.*} properties that
 * {@link AlprStackTestResource} hands out: as its superuser, to look behind a service's back or change data as
 * another service would, and as the service's own least-privilege role.
 */
public final class StackDatabase {

    private StackDatabase() {
    }

    public static Connection superuser() throws SQLException {
        return PostgresServer.connect(config("alpr-test.db-jdbc-url"), config("alpr-test.db-superuser"),
                config("alpr-test.db-superuser-password"));
    }

    /** Connects the way the service under test does, with its own role. */
    public static Connection asServiceRole() throws SQLException {
        return PostgresServer.connect(config("alpr-test.db-jdbc-url"), config("quarkus.datasource.username"),
                config("quarkus.datasource.password"));
    }

    /** The first column of the first row, as a number. */
    public static long count(String sql, Object... parameters) {
        try (Connection connection = superuser(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row as text, or null when there is no row. */
    public static String text(String sql, Object... parameters) {
        try (Connection connection = superuser(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row as bytes, or null when there is no row. */
    public static byte[] bytes(String sql, Object... parameters) {
        try (Connection connection = superuser(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void execute(String sql, Object... parameters) {
        try (Connection connection = superuser(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The newest access-log record, column name to value (text, or bytes for the hashes). */
    public static Map<String, Object> lastAudit() {
        try (Connection connection = superuser();
                PreparedStatement statement = connection.prepareStatement(
                        "select * from audit_event order by seq desc limit 1");
                ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) {
                throw new IllegalStateException("the access log is empty");
            }
            ResultSetMetaData meta = rows.getMetaData();
            Map<String, Object> record = new LinkedHashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                Object value = rows.getObject(i);
                record.put(meta.getColumnName(i), value == null ? null : value instanceof byte[] ? value : value.toString());
            }
            return record;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long lastAuditSeq() {
        return count("select coalesce(max(seq), 0) from audit_event");
    }

    public static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    public static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }
}
