package city.alpr.query.support;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.common.crypto.DataKey;
import city.alpr.common.crypto.MasterKey;
import city.alpr.common.plates.PlateText;
import city.alpr.common.reads.ReadDetails;
import city.alpr.common.reads.ReadEnvelope;
import city.alpr.common.vehicles.VehicleCodes;
import city.alpr.localstack.StackDatabase;
import io.restassured.http.ContentType;

/**
 * The records this service reads but other services write: reads stored exactly as ingest seals them, cameras,
 * training records, contractor grants, law-enforcement requests and agencies, written straight to the database.
 */
public final class Fixtures {

    /** A JPEG's first bytes; this service hands images back as they were sealed. */
    public static final byte[] PLATE_JPEG = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4 };
    public static final String NORTH_CAMERA = "CAM-Q-N1";
    public static final String SOUTH_CAMERA = "CAM-Q-S1";
    public static final double NORTH_LATITUDE = 33.6400;
    public static final double SOUTH_LATITUDE = 33.5600;
    public static final double LONGITUDE = -117.2800;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static boolean prepared;

    private Fixtures() {
    }

    /** Cameras, and current training for everyone but the recruit; once per stack. */
    public static synchronized void prepare() {
        if (prepared && StackDatabase.count("select count(*) from camera where id = ?", NORTH_CAMERA) == 1) {
            return;
        }
        StackDatabase.execute("insert into camera (id, gateway_id, site, latitude, longitude) values (?, 'gateway-east', "
                + "'North gate', ?, ?) on conflict do nothing", NORTH_CAMERA, NORTH_LATITUDE, LONGITUDE);
        StackDatabase.execute("insert into camera (id, gateway_id, site, latitude, longitude) values (?, 'gateway-west', "
                + "'South bridge', ?, ?) on conflict do nothing", SOUTH_CAMERA, SOUTH_LATITUDE, LONGITUDE);
        for (String user : new String[] { Stack.MANAGER, Stack.OFFICER, Stack.SERGEANT, Stack.AUDITOR,
                Stack.CONTRACTOR }) {
            StackDatabase.execute("insert into training_record (username, course, completed_at, expires_at, recorded_by) "
                    + "values (?, 'ALPR use and privacy', now() - interval '10 days', now() + interval '355 days', "
                    + "'manager')", user);
        }
        prepared = true;
    }

    /**
     * Stores a read as ingest would: sealed details (with its camera, the camera's site and the capture time) and
     * image, keyed plate hashes and trigram buckets.
     */
    public static UUID storeRead(String plate, String cameraId, OffsetDateTime capturedAt) {
        boolean south = cameraId.equals(SOUTH_CAMERA);
        return storeRead(plate, cameraId, capturedAt, new ReadDetails.Site(south ? "South bridge" : "North gate",
                south ? SOUTH_LATITUDE : NORTH_LATITUDE, LONGITUDE));
    }

    /** As {@link #storeRead(String, String, OffsetDateTime)}, taken while the camera stood at this site. */
    public static UUID storeRead(String plate, String cameraId, OffsetDateTime capturedAt, ReadDetails.Site site) {
        return storeRead(plate, cameraId, capturedAt, site, new ReadDetails.Vehicle("Toyota", "Silver", "Sedan"));
    }

    /** As {@link #storeRead(String, String, OffsetDateTime)}, of a vehicle so described. */
    public static UUID storeRead(String plate, String cameraId, OffsetDateTime capturedAt, ReadDetails.Vehicle vehicle) {
        boolean south = cameraId.equals(SOUTH_CAMERA);
        return storeRead(plate, cameraId, capturedAt, new ReadDetails.Site(south ? "South bridge" : "North gate",
                south ? SOUTH_LATITUDE : NORTH_LATITUDE, LONGITUDE), vehicle);
    }

    private static UUID storeRead(String plate, String cameraId, OffsetDateTime capturedAt, ReadDetails.Site site,
            ReadDetails.Vehicle vehicle) {
        UUID id = UUID.randomUUID();
        LocalDate day = capturedAt.atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        try (Connection connection = StackDatabase.superuser()) {
            execute(connection, "select ensure_partitions(?, ?)", day, day);
            DataKey key = dayKey(connection, day);
            String normalized = PlateText.normalize(plate);
            String lookAlike = PlateText.lookAlike(normalized);
            ReadDetails details = new ReadDetails(plate, normalized, "CA", 0.93, null, vehicle, cameraId,
                    capturedAt.toInstant().toString(), site, null, null, List.of());
            Integer[] buckets = Arrays.stream(key.trigramBuckets(PlateText.trigrams(lookAlike))).boxed()
                    .toArray(Integer[]::new);
            Array bucketArray = connection.createArrayOf("smallint", buckets);
            Array vehicleArray = connection.createArrayOf("smallint", Arrays.stream(key.vehicleBuckets(
                    VehicleCodes.terms(vehicle.make(), vehicle.color(), vehicle.type()))).boxed().toArray(Integer[]::new));
            execute(connection, """
                    insert into plate_read (id, captured_at, received_at, camera_id, gateway_id, gateway_read_id,
                                            plate_index, plate_lookalike_index, plate_trigram_buckets, sealed_details,
                                            vehicle_buckets)
                    values (?, ?, now(), ?, 'gateway-east', ?, ?, ?, ?, ?, ?)""",
                    id, capturedAt, cameraId, "fixture-" + id, key.plateIndex(normalized), key.plateIndex(lookAlike),
                    bucketArray, ReadEnvelope.seal(JSON, key, id, ReadEnvelope.DETAILS, details), vehicleArray);
            execute(connection, "insert into read_image (read_id, captured_at, kind, media_type, sealed_bytes) "
                    + "values (?, ?, 'plate', 'image/jpeg', ?)", id, capturedAt,
                    key.seal(PLATE_JPEG, ReadEnvelope.context(id, "plate")));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    /** Raises an alert for a read as ingest's matching does. */
    public static UUID raiseAlert(UUID readId, OffsetDateTime capturedAt, String cameraId, UUID entryId) {
        return raiseAlert(readId, capturedAt, cameraId, entryId, "plate");
    }

    /** As {@link #raiseAlert(UUID, OffsetDateTime, String, UUID)}, matched this way (plate, look-alike, candidate). */
    public static UUID raiseAlert(UUID readId, OffsetDateTime capturedAt, String cameraId, UUID entryId,
            String matchKind) {
        UUID id = UUID.randomUUID();
        StackDatabase.execute("""
                insert into hotlist_alert (id, captured_at, read_id, camera_id, entry_id, hotlist_id, match_kind)
                select ?, ?, ?, ?, e.id, e.hotlist_id, ? from hotlist_entry e where e.id = ?""",
                id, capturedAt, readId, cameraId, matchKind, entryId);
        return id;
    }

    /**
     * A hotlist of the kind with one entry watching the plate for the case, added by the officer through the API as
     * a person types it (under an on-request policy within an approved request for the case); answers the entry id.
     */
    public static UUID watch(String kind, String plate, String caseNumber) {
        String hotlist = Stack.as(Stack.OFFICER).contentType(ContentType.JSON)
                .body(Map.of("name", kind + " " + UUID.randomUUID(), "kind", kind))
                .post("/v1/hotlists").then().statusCode(201).extract().path("id");
        String entry = Stack.as(Stack.OFFICER).contentType(ContentType.JSON).body(List.of(entry(plate, caseNumber)))
                .post("/v1/hotlists/{id}/entries", hotlist).then().statusCode(201).extract().path("[0].id");
        return UUID.fromString(entry);
    }

    /** An entry as a person types it: a purpose of either policy, a case number, a week. */
    public static Map<String, Object> entry(String plate, String caseNumber) {
        return Map.of("plate", plate, "region", "CA", "source", "NCIC", "reason", "Reported stolen",
                "purpose", "criminal-investigation", "caseNumber", caseNumber,
                "expiresAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(7).withNano(0).toString());
    }

    /** The custodian's approval of a law-enforcement request for a case, as Wildomar's policy needs (R10). */
    public static void approveRequest(String caseNumber) {
        StackDatabase.execute("""
                insert into law_enforcement_request (id, case_number, purpose, justification, requested_by, agency,
                                                     decided_by, decided_at, approved, expires_at)
                values (?, ?, 'criminal-investigation', 'Fixture', 'officer', 'Riverside County Sheriff''s Office',
                        'manager', now(), true, now() + interval '30 days')""", UUID.randomUUID(), caseNumber);
    }

    public static void grantContractor(String caseNumber) {
        StackDatabase.execute("""
                insert into contractor_grant (id, username, case_number, document_reference, starts_at, ends_at, granted_by)
                values (?, 'contractor', ?, 'Letter CM-2026-17', now() - interval '1 hour', now() + interval '7 days',
                        'manager')""", UUID.randomUUID(), caseNumber);
    }

    public static OffsetDateTime minutesAgo(long minutes) {
        return OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(minutes).withNano(0);
    }

    private static DataKey dayKey(Connection connection, LocalDate day) throws SQLException {
        MasterKey master = MasterKey.fromBase64(Stack.config("alpr.crypto.master-key"));
        execute(connection, "insert into data_key (day, wrapped_key) values (?, ?) on conflict do nothing", day,
                master.newWrappedDataKey(day));
        try (PreparedStatement statement = connection.prepareStatement("select wrapped_key from data_key where day = ?")) {
            statement.setObject(1, day);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return master.unwrap(day, rows.getBytes(1));
            }
        }
    }

    private static void execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            StackDatabase.bind(statement, parameters);
            statement.execute();
        }
    }
}
