package city.alpr.audit.governance;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The registered agencies (agency); query-service reads them when it shares data. */
@ApplicationScoped
public class AgencyStore {

    /** Registers an agency, unless one with its id is registered already. */
    public Uni<Agency> register(SqlClient client, NewAgency agency, String registeredBy) {
        return client.preparedQuery("""
                insert into agency (id, name, kind, state, level, registered_by)
                values ($1, $2, $3, $4, $5, $6) on conflict (id) do nothing returning\s""" + Agency.COLUMNS)
                .execute(Tuple.of(agency.id(), agency.name(), agency.kind(), agency.state(), agency.level(), registeredBy))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw new ProblemException(ProblemType.CONFLICT, "agency " + agency.id() + " is registered already");
                    }
                    return Agency.from(rows.iterator().next());
                });
    }

    /** Every registered agency, by name. */
    public Uni<List<Agency>> all(SqlClient client) {
        return client.query("select " + Agency.COLUMNS + " from agency order by name").execute()
                .map(rows -> {
                    List<Agency> agencies = new ArrayList<>();
                    rows.forEach(row -> agencies.add(Agency.from(row)));
                    return agencies;
                });
    }

    /** Allows or stops sharing with an agency. */
    public Uni<Agency> setActive(SqlClient client, String id, boolean active) {
        return client.preparedQuery("update agency set active = $2 where id = $1 returning " + Agency.COLUMNS)
                .execute(Tuple.of(id, active))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ProblemException.notFound("no agency " + id);
                    }
                    return Agency.from(rows.iterator().next());
                });
    }
}
