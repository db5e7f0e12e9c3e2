package city.alpr.query.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import city.alpr.common.access.Access;
import city.alpr.common.access.Gate;
import city.alpr.common.audit.Granted;
import city.alpr.common.policy.Role;
import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.Violation;
import city.alpr.common.vehicles.VehicleCodes;
import city.alpr.query.QueryConfig;
import city.alpr.query.search.ReadSearch.Criteria;
import city.alpr.query.search.SearchRequest.Area;
import city.alpr.query.search.SearchRequest.Match;
import city.alpr.query.search.SearchRequest.VehicleQuery;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

@Path("/v1/searches")
@Tag(name = "Search")
@Authenticated
@SecurityRequirement(name = "keycloak")
public class SearchResource {

    static final Set<Role> SEARCHERS = Set.of(Role.CITY_MANAGER, Role.SHERIFF_OFFICER, Role.CONTRACTOR);
    private static final int DEFAULT_PAGE_SIZE = 50;

    private final Gate gate;
    private final ReadSearch search;
    private final CameraSites sites;
    private final Duration longestRange;
    private final Duration longestPlatelessRange;

    SearchResource(Gate gate, ReadSearch search, CameraSites sites, QueryConfig config) {
        this.gate = gate;
        this.search = search;
        this.sites = sites;
        this.longestRange = Duration.ofDays(config.policy().retentionDays() + 1L);
        this.longestPlatelessRange = config.search().maxPlatelessRange();
    }

    @POST
    @Operation(summary = "Search plate reads for a stated purpose", description = "Exact, look-alike (OCR confusions) or partial (wildcards * and ?) plate; time range; "
            + "cameras; area. Every search is logged with its purpose, case number and result count in "
            + "the same transaction (R9, R16).")
    @APIResponse(responseCode = "200", description = "A page of reads, newest first")
    @APIResponse(responseCode = "400", description = "Invalid search, or purpose/case number missing or not allowed")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Role, training, grant or policy does not permit this search")
    public Uni<SearchPage> search(@Valid @NotNull SearchRequest request) {
        Criteria criteria = criteria(request);
        Access access = Access.toReadData("read.search", SEARCHERS, request.purpose(), request.caseNumber(),
                request.alertId(), null, dataElements(request), null);
        return gate.perform(access, (connection, actor) -> narrowed(connection, criteria, request)
                .chain(narrowed -> search.search(connection, narrowed, actor))
                .map(page -> Granted.of(page, page.reads().size())));
    }

    @GET
    @Path("/vehicle-vocabulary")
    @Operation(summary = "The vocabulary of a vehicle description: NCIC's make, colour and body style codes")
    @APIResponse(responseCode = "200", description = "The codes of each attribute, with what each stands for")
    @APIResponse(responseCode = "401", description = "No valid token")
    public Map<String, List<VehicleCodes.Code>> vehicleVocabulary() {
        Map<String, List<VehicleCodes.Code>> vocabulary = new LinkedHashMap<>();
        for (VehicleCodes.Attribute attribute : VehicleCodes.Attribute.values()) {
            vocabulary.put(attribute.field(), attribute.codes());
        }
        return vocabulary;
    }

    private Criteria criteria(SearchRequest request) {
        List<Violation> violations = new ArrayList<>();
        if (!request.to().isAfter(request.from())) {
            violations.add(Violation.of("to", "must be after from"));
        } else if (Duration.between(request.from(), request.to()).compareTo(longestRange) > 0) {
            violations.add(Violation.of("to", "the range may span at most " + longestRange.toDays()
                    + " days; nothing older than retention is held"));
        }
        Area area = request.area();
        if (area != null) {
            boolean circle = area.center() != null && area.radiusMeters() != null;
            boolean polygon = area.polygon() != null;
            if (circle == polygon || (!circle && (area.center() != null || area.radiusMeters() != null))) {
                violations.add(Violation.of("area", "must be either center with radiusMeters, or polygon"));
            }
        }
        String plate = null;
        Match match = Match.EXACT;
        PlatePattern pattern = null;
        if (request.plate() != null) {
            plate = request.plate().text();
            match = request.plate().matchOrDefault();
            boolean wildcards = plate.contains("*") || plate.contains("?");
            if (match == Match.PARTIAL) {
                pattern = PlatePattern.parse(plate);
                if (pattern == null) {
                    violations.add(Violation.of("plate.text", "a partial plate needs at least three consecutive "
                            + "known characters, counting its start or end when not a wildcard"));
                }
            } else if (wildcards) {
                violations.add(Violation.of("plate.text", "wildcards need match PARTIAL"));
            }
        }
        List<String> vehicleTerms = vehicleTerms(request.vehicle(), match, request.plate() != null, violations);
        if (request.plate() == null && ((request.cameraIds() == null && area == null)
                || Duration.between(request.from(), request.to()).compareTo(longestPlatelessRange) > 0)) {
            violations.add(Violation.of("plate", "is required unless the search names cameras or an area and spans "
                    + "at most " + longestPlatelessRange.toHours() + " hours; there is no bulk search"));
        }
        Cursor after = null;
        if (request.cursor() != null) {
            try {
                after = Cursor.decode(request.cursor());
            } catch (ProblemException e) {
                violations.addAll(e.violations());
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return new Criteria(request.from(), request.to(), plate, match, pattern, request.cameraIds(), area,
                vehicleTerms, request.pageSize() == null ? DEFAULT_PAGE_SIZE : request.pageSize(), after);
    }

    /**
     * Turns the camera and area filters into the camera ids to search: for an area, the cameras that stand or stood
     * in it; each read found is then judged by the position sealed with it. Without either filter, all cameras.
     */
    private Uni<Criteria> narrowed(SqlClient client, Criteria criteria, SearchRequest request) {
        if (request.cameraIds() == null && request.area() == null) {
            return Uni.createFrom().item(criteria);
        }
        return sites.positions(client).map(positions -> {
            Set<String> requested = request.cameraIds() == null ? positions.keySet() : new HashSet<>(request.cameraIds());
            List<String> cameras = positions.entrySet().stream()
                    .filter(camera -> requested.contains(camera.getKey()))
                    .filter(camera -> request.area() == null || camera.getValue().stream()
                            .anyMatch(position -> Geofence.contains(request.area(), position.latitude(), position.longitude())))
                    .map(Map.Entry::getKey).toList();
            return criteria.withCameras(cameras);
        });
    }

    /**
     * A description's terms in the one vocabulary; each field must be a code or word of it. A description narrows a
     * partial plate or a search without one: with a whole plate it has nothing left to narrow.
     */
    private static List<String> vehicleTerms(VehicleQuery vehicle, Match match, boolean plate,
            List<Violation> violations) {
        if (vehicle == null) {
            return List.of();
        }
        if (plate && match != Match.PARTIAL) {
            violations.add(Violation.of("vehicle", "narrows a partial plate or a search without one; search a whole "
                    + "plate by the plate"));
        }
        Map<VehicleCodes.Attribute, String> asked = new LinkedHashMap<>();
        asked.put(VehicleCodes.Attribute.MAKE, vehicle.make());
        asked.put(VehicleCodes.Attribute.COLOR, vehicle.color());
        asked.put(VehicleCodes.Attribute.BODY_TYPE, vehicle.bodyType());
        asked.forEach((attribute, value) -> {
            if (value != null && !value.isBlank() && attribute.code(value).isEmpty()) {
                violations.add(Violation.of("vehicle." + attribute.field(), "is not in the vocabulary: one of "
                        + attribute.codes().stream().map(code -> code.code() + " (" + code.name() + ")").toList()));
            }
        });
        if (asked.values().stream().allMatch(value -> value == null || value.isBlank())) {
            violations.add(Violation.of("vehicle", "names none of make, color and bodyType"));
        }
        return VehicleCodes.terms(vehicle.make(), vehicle.color(), vehicle.bodyType());
    }

    /** What the access log records of the search: the data elements queried (Civil Code 1798.90.52). */
    private static Map<String, Object> dataElements(SearchRequest request) {
        Map<String, Object> elements = new LinkedHashMap<>();
        if (request.plate() != null) {
            elements.put("plate", request.plate().text());
            elements.put("match", request.plate().matchOrDefault().name());
        }
        elements.put("from", String.valueOf(request.from()));
        elements.put("to", String.valueOf(request.to()));
        if (request.cameraIds() != null) {
            elements.put("cameraIds", request.cameraIds());
        }
        if (request.vehicle() != null) {
            elements.put("vehicle", VehicleCodes.terms(request.vehicle().make(), request.vehicle().color(),
                    request.vehicle().bodyType()));
        }
        Area area = request.area();
        if (area != null && area.polygon() != null) {
            elements.put("polygon", area.polygon().stream().map(p -> List.of(p.latitude(), p.longitude())).toList());
        } else if (area != null && area.center() != null) {
            elements.put("center", List.of(area.center().latitude(), area.center().longitude()));
            elements.put("radiusMeters", area.radiusMeters());
        }
        if (request.cursor() != null) {
            elements.put("cursor", request.cursor());
        }
        return elements;
    }
}
