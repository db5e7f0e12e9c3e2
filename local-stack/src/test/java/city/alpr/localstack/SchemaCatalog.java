package city.alpr.localstack;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What the migrations create, as sorted lines of text: tables and their columns (in order), constraints, indexes, triggers,
 * functions (with a digest of their bodies), ownership and grants, and the rows of the tables the migrations seed.
 * The daily partitions and the migration tool's own history are left out: they depend on the day and the run.
 */
final class SchemaCatalog {

    private static final String OURS = """
            with ours as (select c.oid as rel, c.relname as name, c.relkind::text as kind from pg_class c join pg_namespace n on n.oid = c.relnamespace
                           where n.nspname = 'public' and not c.relispartition
                             and c.relname not like 'flyway_schema_history%')""";

    private static final List<String> QUERIES = List.of(
            OURS + """
                    select 'relation ' || name || ' kind ' || kind || ' owner ' || pg_get_userbyid(c.relowner)
                           || coalesce(' partitioned by ' || pg_get_partkeydef(c.oid), '')
                      from ours join pg_class c on c.oid = rel where kind in ('r', 'p', 'v', 'm', 'S')""",
            OURS + """
                    select 'column ' || name || '.' || a.attname
                           || ' #' || row_number() over (partition by rel order by a.attnum)
                           || ' ' || format_type(a.atttypid, a.atttypmod)
                           || case when a.attnotnull then ' not null' else '' end
                           || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
                           || case a.attidentity when 'a' then ' identity always' when 'd' then ' identity by default'
                                                 else '' end
                           || case a.attgenerated when 's' then ' generated' else '' end
                      from ours join pg_attribute a on a.attrelid = rel
                      left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
                     where kind in ('r', 'p', 'v', 'm') and a.attnum > 0 and not a.attisdropped""",
            OURS + """
                    select 'constraint ' || name || '.' || k.conname || ' ' || pg_get_constraintdef(k.oid)
                      from ours join pg_constraint k on k.conrelid = rel""",
            OURS + """
                    select 'index ' || pg_get_indexdef(i.indexrelid)
                      from ours join pg_index i on i.indrelid = rel""",
            OURS + """
                    select 'trigger ' || pg_get_triggerdef(t.oid)
                      from ours join pg_trigger t on t.tgrelid = rel where not t.tgisinternal and t.tgparentid = 0""",
            OURS + """
                    select 'grant ' || name || ' to ' || case when g.grantee = 0 then 'public'
                                                                else pg_get_userbyid(g.grantee) end
                           || ' ' || g.privilege_type
                      from ours join pg_class c on c.oid = rel, aclexplode(c.relacl) g
                     where g.grantee <> c.relowner""",
            OURS + """
                    select 'grant ' || name || '.' || a.attname || ' to ' || pg_get_userbyid(g.grantee)
                           || ' ' || g.privilege_type
                      from ours join pg_attribute a on a.attrelid = rel, aclexplode(a.attacl) g
                     where a.attnum > 0 and not a.attisdropped""",
            """
                    select 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') returns '
                           || pg_get_function_result(p.oid) || ' language ' || l.lanname
                           || case when p.prosecdef then ' security definer' else '' end
                           || coalesce(' set ' || array_to_string(p.proconfig, ', '), '')
                           || ' owner ' || pg_get_userbyid(p.proowner) || ' body ' || md5(p.prosrc)
                      from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_language l on l.oid = p.prolang
                     where n.nspname = 'public'""",
            """
                    select 'grant function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') to '
                           || case when g.grantee = 0 then 'public' else pg_get_userbyid(g.grantee) end
                           || ' ' || g.privilege_type
                      from pg_proc p join pg_namespace n on n.oid = p.pronamespace,
                           aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) g
                     where n.nspname = 'public' and g.grantee <> p.proowner""",
            "select 'row retention_guard ' || row_to_json(r)::text from retention_guard r",
            "select 'row audit_service_role ' || row_to_json(r)::text from audit_service_role r");

    private SchemaCatalog() {
    }

    /** The catalog of the database this connection is to, one sorted line per object or grant. */
    static List<String> describe(Connection connection) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (String query : QUERIES) {
                try (ResultSet rows = statement.executeQuery(query)) {
                    while (rows.next()) {
                        lines.add(rows.getString(1));
                    }
                }
            }
        }
        lines.sort(null);
        return lines;
    }
}
