package city.alpr.audit.report;

import java.time.Instant;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import city.alpr.audit.AuditConfig;
import city.alpr.audit.access.Staff;
import city.alpr.common.access.Access;
import city.alpr.common.access.Gate;
import city.alpr.common.audit.Granted;
import city.alpr.common.policy.PolicyConfig.PolicyProfile;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * The compliance report (R18): for each part of the policy, its live evidence read from the database as it is now
 * (the oldest read held and the last purge for retention, the last verification and checkpoint for the log...) and
 * what needs attention.
 */
@Path("/v1/audit/report")
@Tag(name = "Compliance audits")
@Authenticated
@SecurityRequirement(name = "keycloak")
public class ReportResource {

    private final Gate gate;
    private final ReportStore store;
    private final AuditConfig config;

    ReportResource(Gate gate, ReportStore store, AuditConfig config) {
        this.gate = gate;
        this.store = store;
        this.config = config;
    }

    @GET
    @Operation(summary = "The compliance report: live evidence for each part of the policy in force")
    @APIResponse(responseCode = "200", description = "The report")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not compliance staff or the custodian")
    public Uni<ComplianceReport> report() {
        PolicyProfile policy = config.policy();
        return gate.perform(Access.toRecords("audit.report.view", Staff.OVERSIGHT, Map.of(), null),
                (connection, actor) -> store.now(connection).chain(now -> Multi.createFrom().items(Section.values())
                        .onItem().transformToUniAndConcatenate(section -> evidence(connection, section, now)
                                .map(evidence -> new ReportSection(section.id, section.title, section.requirements,
                                        policy.citations().get(section.id), section.law, evidence,
                                        evidence.attention(now, config.report()))))
                        .collect().asList())
                        .map(sections -> Granted.of(new ComplianceReport(Instant.now(), config.activePolicy(),
                                policy.title(), sections), sections.size())));
    }

    private Uni<Evidence> evidence(SqlClient client, Section section, Instant now) {
        Uni<? extends Evidence> evidence = switch (section) {
            case RETENTION -> store.retention(client, config.policy().retentionDays());
            case ACCESS_LOG -> store.accessLog(client, config.log().retentionYears());
            case PURPOSE -> store.purpose(client, now);
            case TRAINING -> store.training(client, now);
            case ACCESS_CONTROL -> store.accessControl(client, now);
            case EXPORTS -> store.exports(client, now);
            case SHARING -> store.sharing(client, now);
            case HOTLISTS -> store.hotlists(client, now);
            case AUDITS -> store.audits(client, now);
            case BREACHES -> store.breaches(client);
        };
        return evidence.map(Evidence.class::cast);
    }
}
