package city.alpr.common.audit;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Appends to the access log (R16, R17). Callers pass the connection of the transaction that performs the access,
 * so the record commits with the access or neither does; the database chains each record to the one before.
 */
@ApplicationScoped
public class AuditLog {

    private static final String APPEND = """
            insert into audit_event (service, action, outcome, username, agency, role, purpose, case_number,
                                     data_elements, result_count, target, reason, client_address)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)""";

    private final String service;

    public AuditLog(@ConfigProperty(name = "quarkus.application.name") String service) {
        this.service = service;
    }

    /**
     * Appends the record inside the caller's transaction. Services may only insert into the log, not read it, so
     * the sequence number it gets stays with the database.
     */
    public Uni<Void> append(SqlClient transaction, AuditRecord record) {
        Actor actor = record.actor();
        Tuple values = Tuple.tuple().addString(service).addString(record.action()).addString(record.outcome().column())
                .addString(actor.username()).addString(actor.agency()).addString(actor.role())
                .addString(record.purpose()).addString(record.caseNumber())
                .addValue(new JsonObject(record.dataElements() == null ? Map.of() : record.dataElements()))
                .addInteger(record.resultCount()).addString(record.target()).addString(record.reason())
                .addString(record.clientAddress());
        return transaction.preparedQuery(APPEND).execute(values).replaceWithVoid();
    }
}
