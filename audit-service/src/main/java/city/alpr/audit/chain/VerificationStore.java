package city.alpr.audit.chain;

import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The record of each verification of the access log and what it found (audit_verification), for the report. */
@ApplicationScoped
public class VerificationStore {

    /** Records a verification. */
    public Uni<Void> record(SqlClient client, Verification result, String verifiedBy) {
        JsonArray breaks = new JsonArray();
        result.breaks().forEach(found -> breaks.add(JsonObject.mapFrom(found)));
        return client.preparedQuery("""
                insert into audit_verification (verified_at, verified_by, first_seq, last_seq, records, checkpoints,
                                                intact, problems, duration_ms)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9)""")
                .execute(Tuple.tuple().addValue(result.verifiedAt().atOffset(ZoneOffset.UTC))
                        .addString(verifiedBy).addLong(result.firstSeq()).addLong(result.lastSeq())
                        .addLong(result.records()).addInteger(result.checkpoints()).addBoolean(result.intact())
                        .addValue(breaks).addLong(result.durationMs()))
                .replaceWithVoid();
    }
}
