package city.alpr.audit.governance;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import city.alpr.common.policy.PublicAgencies;
import io.vertx.mutiny.sqlclient.Row;

/** An agency the custodian may share data with (R14; CS3 §1, §6; Civil Code 1798.90.55). */
@Schema(description = "A registered law-enforcement or prosecutorial agency")
public record Agency(String id, String name, String kind, String state, String level,
        @Schema(description = "A state or local agency: a public agency under Civil Code 1798.90.5") boolean publicAgency,
        boolean active, String registeredBy, Instant registeredAt) {

    static final String COLUMNS = "id, name, kind, state, level, active, registered_by, registered_at";

    static Agency from(Row row) {
        String level = row.getString("level");
        return new Agency(row.getString("id"), row.getString("name"), row.getString("kind"), row.getString("state"),
                level, PublicAgencies.isPublic(level), row.getBoolean("active"),
                row.getString("registered_by"),
                row.getOffsetDateTime("registered_at").toInstant());
    }
}
