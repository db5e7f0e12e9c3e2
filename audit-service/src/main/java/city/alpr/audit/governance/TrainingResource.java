package city.alpr.audit.governance;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import city.alpr.audit.access.Staff;
import city.alpr.common.access.Access;
import city.alpr.common.access.Gate;
import city.alpr.common.audit.Granted;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.Violation;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * Training records (R11): the custodian records them, compliance staff read them, and query-service refuses a
 * user without a current one. A record is never changed; a new training is a new record.
 */
@Path("/v1/governance/training")
@Tag(name = "Governance")
@Authenticated
@SecurityRequirement(name = "keycloak")
public class TrainingResource {

    private final Gate gate;
    private final TrainingStore store;

    TrainingResource(Gate gate, TrainingStore store) {
        this.gate = gate;
        this.store = store;
    }

    @POST
    @Operation(summary = "Record a completed training (custodian)")
    @APIResponse(responseCode = "201", description = "The training record")
    @APIResponse(responseCode = "400", description = "Invalid record (each field named)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not the custodian")
    public Uni<Response> record(@Valid @NotNull NewTraining training) {
        List<Violation> violations = GovernanceRules.trainingViolations(training, Instant.now());
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        Map<String, Object> elements = Map.of("username", training.username(), "course", training.course(),
                "completedAt", training.completedAt().toString(), "expiresAt", training.expiresAt().toString());
        return gate.perform(Access.toRecords("governance.training.record", Staff.CUSTODIAN, elements, training.username()),
                (connection, actor) -> store.record(connection, training, actor.username())
                        .map(recorded -> new Granted<>(Response.status(Response.Status.CREATED).entity(recorded).build(),
                                1, String.valueOf(recorded.id()))));
    }

    @GET
    @Operation(summary = "Training records, newest first; username= for one person, current=true for those valid now")
    @APIResponse(responseCode = "200", description = "The records")
    @APIResponse(responseCode = "400", description = "Invalid username")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not compliance staff or the custodian")
    public Uni<List<Training>> list(
            @QueryParam("username") @Pattern(regexp = Usernames.FORMAT, message = Usernames.MESSAGE) String username,
            @QueryParam("current") boolean current) {
        Map<String, Object> elements = new HashMap<>();
        elements.put("current", current);
        if (username != null) {
            elements.put("username", username);
        }
        return gate.perform(Access.toRecords("governance.training.list", Staff.OVERSIGHT, elements, null),
                (connection, actor) -> store.newest(connection, username, current)
                        .map(records -> Granted.of(records, records.size())));
    }
}
