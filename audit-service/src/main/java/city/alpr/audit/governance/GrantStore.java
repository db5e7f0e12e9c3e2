package city.alpr.audit.governance;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The contractor grants (contractor_grant); query-service reads them when the contractor accesses data. */
@ApplicationScoped
public class GrantStore {

    /** Records a grant. */
    public Uni<ContractorGrant> create(SqlClient client, UUID id, NewGrant grant, String grantedBy) {
        return client.preparedQuery("""
                insert into contractor_grant (id, username, case_number, document_reference, starts_at, ends_at,
                                              granted_by)
                values ($1, $2, $3, $4, $5, $6, $7) returning\s""" + ContractorGrant.COLUMNS)
                .execute(Tuple.tuple().addUUID(id).addString(grant.username()).addString(grant.caseNumber())
                        .addString(grant.documentReference()).addOffsetDateTime(grant.startsAt().atOffset(ZoneOffset.UTC))
                        .addOffsetDateTime(grant.endsAt().atOffset(ZoneOffset.UTC)).addString(grantedBy))
                .map(rows -> ContractorGrant.from(rows.iterator().next()));
    }

    /** The newest grants (at most 1000), or only those in force now. */
    public Uni<List<ContractorGrant>> newest(SqlClient client, boolean activeOnly) {
        return client.preparedQuery("select " + ContractorGrant.COLUMNS + """
                 from contractor_grant
                where $1 = false or (revoked_at is null and starts_at <= now() and ends_at > now())
                order by granted_at desc limit 1000""")
                .execute(Tuple.of(activeOnly))
                .map(rows -> {
                    List<ContractorGrant> grants = new ArrayList<>();
                    rows.forEach(row -> grants.add(ContractorGrant.from(row)));
                    return grants;
                });
    }

    /** Revokes a grant now; a problem if there is no such grant or it is revoked already. */
    public Uni<ContractorGrant> revoke(SqlClient client, UUID id, String revokedBy) {
        return client.preparedQuery("""
                update contractor_grant set revoked_by = $2, revoked_at = now()
                 where id = $1 and revoked_at is null
                returning\s""" + ContractorGrant.COLUMNS)
                .execute(Tuple.of(id, revokedBy))
                .chain(rows -> rows.iterator().hasNext()
                        ? Uni.createFrom().item(ContractorGrant.from(rows.iterator().next()))
                        : client.preparedQuery("select 1 from contractor_grant where id = $1").execute(Tuple.of(id))
                                .<ContractorGrant> map(found -> {
                                    throw found.iterator().hasNext()
                                            ? new ProblemException(ProblemType.CONFLICT, "grant " + id + " is already revoked")
                                            : ProblemException.notFound("no contractor grant " + id);
                                }));
    }
}
