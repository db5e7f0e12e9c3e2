package city.alpr.query.exports;

import static city.alpr.query.support.Fixtures.NORTH_CAMERA;
import static city.alpr.query.support.Fixtures.SOUTH_CAMERA;
import static city.alpr.query.support.Fixtures.minutesAgo;
import static city.alpr.query.support.Fixtures.storeRead;
import static city.alpr.query.support.Stack.AUDITOR;
import static city.alpr.query.support.Stack.MANAGER;
import static city.alpr.query.support.Stack.OFFICER;
import static city.alpr.query.support.Stack.as;
import static city.alpr.query.support.Stack.lastAudit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.localstack.StackDatabase;
import city.alpr.query.support.Fixtures;
import city.alpr.query.support.TownPolicy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** Evidence exports under the Town policy with the Sheriff's Office (000 §4): R12, R13. */
@QuarkusTest
@TestProfile(TownPolicy.class)
class ExportTest {

    @BeforeEach
    void prepare() {
        Fixtures.prepare();
    }

    /** A read that a hotlist entry flagged, as ingest would have. */
    static UUID flaggedRead(String plate) {
        String hotlist = as(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("name", "Export " + UUID.randomUUID(), "kind", "stolen-vehicle"))
                .post("/v1/hotlists").then().statusCode(201).extract().path("id");
        String entry = as(OFFICER).contentType(ContentType.JSON)
                .body(List.of(Map.of("plate", plate, "source", "NCIC", "reason", "Stolen", "owner", "Dispatch",
                        "expiresAt", OffsetDateTime.now().plusDays(1).withNano(0).toString())))
                .post("/v1/hotlists/{id}/entries", hotlist).then().statusCode(201).extract().path("[0].id");
        OffsetDateTime at = minutesAgo(10);
        UUID read = storeRead(plate, NORTH_CAMERA, at);
        Fixtures.raiseAlert(read, at, NORTH_CAMERA, UUID.fromString(entry));
        return read;
    }

    static Map<String, Object> export(String purpose, String caseNumber, UUID... reads) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("purpose", purpose);
        if (caseNumber != null) {
            body.put("caseNumber", caseNumber);
        }
        body.put("readIds", List.of(reads).stream().map(UUID::toString).toList());
        return body;
    }

    static String create(Map<String, Object> body) {
        return as(OFFICER).contentType(ContentType.JSON).body(body).post("/v1/exports")
                .then().statusCode(201).extract().path("id");
    }

    static byte[] download(String exportId) {
        return as(OFFICER).get("/v1/exports/{id}/package", exportId)
                .then().statusCode(200).contentType("application/zip").extract().asByteArray();
    }

    @Test
    void officerExportsFlaggedReadsAsASignedPackageAnyoneCanCheck_R12_R13() throws Exception {
        UUID first = flaggedRead("1EXP101");
        UUID second = flaggedRead("1EXP102");
        String id = create(export("hotlist-response", null, first, second));
        Map<String, Object> logged = lastAudit();
        assertEquals("read.export", logged.get("action"));
        assertEquals("2", logged.get("result_count"));
        assertEquals(id, logged.get("target"));
        assertTrue(logged.get("data_elements").toString().contains(first.toString()));

        Map<String, byte[]> files = unzip(download(id));
        assertEquals("export.download", lastAudit().get("action"));
        assertTrue(files.keySet().containsAll(List.of("reads.csv", "reads.json", "images/" + first + "-plate.jpg",
                "manifest.json", "manifest.sig", "signing-key.pem")), files.keySet().toString());
        assertTrue(new String(files.get("reads.csv"), StandardCharsets.UTF_8).contains("1EXP101"));
        assertEquals(Fixtures.PLATE_JPEG.length, files.get("images/" + second + "-plate.jpg").length);

        JsonNode manifest = new ObjectMapper().readTree(files.get("manifest.json"));
        assertEquals(id, manifest.path("exportId").asText());
        assertEquals(OFFICER, manifest.path("createdBy").asText());
        assertEquals("Santa Clara County Sheriff's Office", manifest.path("agency").asText());
        for (JsonNode file : manifest.path("files")) {
            assertEquals(file.path("sha256").asText(), sha256(files.get(file.path("path").asText())),
                    file.path("path").asText());
        }
        String pem = given().get("/v1/exports/signing-key").then().statusCode(200).extract().asString();
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder()
                .decode(pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")))));
        ed25519.update(files.get("manifest.json"));
        assertTrue(ed25519.verify(Base64.getDecoder().decode(files.get("manifest.sig"))), "the manifest is signed");

        as(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("recipient", "Santa Clara County District Attorney", "note", "receipt 4471"))
                .post("/v1/exports/{id}/transfers", id).then().statusCode(201).body("event", equalTo("transferred"));
        as(MANAGER).get("/v1/exports/{id}", id).then().statusCode(200)
                .body("custody.event", contains("created", "downloaded", "transferred"))
                .body("custody[2].detail", containsString("District Attorney"))
                .body("manifest.exportId", equalTo(id)).body("readCount", equalTo(2));
    }

    @Test
    void verificationFindsEveryKindOfTampering_R13() throws Exception {
        String id = create(export("hotlist-response", null, flaggedRead("1EXP201")));
        byte[] original = download(id);
        as(AUDITOR).contentType("application/zip").body(original).post("/v1/exports/verify")
                .then().statusCode(200).body("valid", equalTo(true)).body("exportId", equalTo(id));
        as(OFFICER).get("/v1/exports/{id}", id).then().body("custody.event", hasItem("verified"));

        Map<String, byte[]> files = unzip(original);
        Map<String, byte[]> edited = new LinkedHashMap<>(files);
        edited.put("reads.csv", new String(files.get("reads.csv"), StandardCharsets.UTF_8)
                .replace("1EXP201", "1EXP209").getBytes(StandardCharsets.UTF_8));
        as(AUDITOR).contentType("application/zip").body(zip(edited)).post("/v1/exports/verify")
                .then().statusCode(200).body("valid", equalTo(false))
                .body("problems", contains("reads.csv does not match its SHA-256 in the manifest"));

        Map<String, byte[]> removed = new LinkedHashMap<>(files);
        removed.remove("reads.json");
        removed.put("notes.txt", "added later".getBytes(StandardCharsets.UTF_8));
        as(AUDITOR).contentType("application/zip").body(zip(removed)).post("/v1/exports/verify")
                .then().body("valid", equalTo(false))
                .body("problems", contains("reads.json is listed in the manifest but missing",
                        "notes.txt is not listed in the manifest"));

        Map<String, byte[]> reSigned = new LinkedHashMap<>(edited);
        reSigned.put("manifest.json", new String(files.get("manifest.json"), StandardCharsets.UTF_8)
                .replace(sha256(files.get("reads.csv")), sha256(edited.get("reads.csv"))).getBytes(StandardCharsets.UTF_8));
        as(AUDITOR).contentType("application/zip").body(zip(reSigned)).post("/v1/exports/verify")
                .then().body("valid", equalTo(false))
                .body("problems", hasItem(containsString("not a valid signature")))
                .body("problems", hasItem(containsString("differs from the one recorded")));

        as(AUDITOR).contentType("application/zip").body("not a zip".getBytes(StandardCharsets.UTF_8))
                .post("/v1/exports/verify").then().statusCode(200).body("valid", equalTo(false));
        assertEquals("export.verify", lastAudit().get("action"));
    }

    @Test
    void unflaggedReadsAreExportedOnlyForACriminalInvestigationWithCaseNumber_R12() {
        UUID plain = storeRead("1EXP301", SOUTH_CAMERA, minutesAgo(12));
        as(OFFICER).contentType(ContentType.JSON).body(export("hotlist-response", null, plain)).post("/v1/exports")
                .then().statusCode(403).body("violations[0].field", equalTo("readIds[0]"))
                .body("detail", containsString("criminal investigation"));
        Map<String, Object> logged = lastAudit();
        assertEquals("read.export", logged.get("action"));
        assertEquals("refused", logged.get("outcome"));

        as(OFFICER).contentType(ContentType.JSON).body(export("criminal-investigation", null, plain))
                .post("/v1/exports").then().statusCode(400).body("violations[0].field", equalTo("caseNumber"));
        create(export("criminal-investigation", "SCSO-2026-3301", plain));
        assertEquals("granted", lastAudit().get("outcome"));
    }

    @Test
    void aHitJudgedAMisreadNoLongerFlagsTheRead_R7_R12() {
        UUID read = flaggedRead("1EXP601");
        StackDatabase.execute("update hotlist_alert set disposition = 'misread', disposed_by = 'officer', "
                + "disposed_at = now() where read_id = ?", read);
        as(OFFICER).contentType(ContentType.JSON).body(export("hotlist-response", null, read)).post("/v1/exports")
                .then().statusCode(403).body("violations[0].field", equalTo("readIds[0]"));
    }

    @Test
    void onlySwornOfficersExportOrDownload_R12() {
        UUID read = flaggedRead("1EXP401");
        as(MANAGER).contentType(ContentType.JSON).body(export("hotlist-response", null, read)).post("/v1/exports")
                .then().statusCode(403);
        assertEquals("refused", lastAudit().get("outcome"));
        String id = create(export("hotlist-response", null, read));
        as(MANAGER).get("/v1/exports/{id}/package", id).then().statusCode(403);
        assertEquals("export.download", lastAudit().get("action"));
        assertEquals("refused", lastAudit().get("outcome"));
        UUID managers = UUID.randomUUID();
        StackDatabase.execute("""
                insert into evidence_export (id, created_by, agency, purpose, case_number, read_count, manifest,
                                             manifest_sha256, signature, package_sha256, sealed_package,
                                             package_expires_at)
                values (?, 'manager', 'The Town', 'prosecution', 'X-1', 1, '{}', 'h', 's', 'p', '\\x00',
                        now() + interval '1 day')""", managers);
        as(OFFICER).get("/v1/exports/{id}/package", managers).then().statusCode(403)
                .body("detail", containsString("only the officer who created"));
        assertEquals("refused", lastAudit().get("outcome"), "downloading another's package is refused and logged");
    }

    @Test
    void badExportRequestsNameTheFieldAndCreateNothing_R3_R15() {
        UUID read = flaggedRead("1EXP501");
        UUID unknown = UUID.randomUUID();
        as(OFFICER).contentType(ContentType.JSON).body(export("hotlist-response", null, read, unknown))
                .post("/v1/exports").then().statusCode(400).body("violations[0].field", equalTo("readIds[1]"));
        as(OFFICER).contentType(ContentType.JSON).body(export("hotlist-response", null, read, read))
                .post("/v1/exports").then().statusCode(400).body("violations[0].message", containsString("more than once"));
        UUID[] tooMany = new UUID[101];
        for (int i = 0; i < tooMany.length; i++) {
            tooMany[i] = UUID.randomUUID();
        }
        as(OFFICER).contentType(ContentType.JSON).body(export("hotlist-response", null, tooMany))
                .post("/v1/exports").then().statusCode(400).body("violations[0].message", containsString("no bulk export"));
        as(OFFICER).contentType(ContentType.JSON).body(Map.of("purpose", "hotlist-response", "readIds", List.of()))
                .post("/v1/exports").then().statusCode(400).body("violations[0].field", equalTo("readIds"));
        as(OFFICER).get("/v1/exports/{id}/package", UUID.randomUUID()).then().statusCode(404);
        assertEquals(0, StackDatabase.count("select count(*) from evidence_export where manifest::text like ?",
                "%" + unknown + "%"), "a refused export leaves no package");
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    static byte[] zip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (var file : files.entrySet()) {
                out.putNextEntry(new ZipEntry(file.getKey()));
                out.write(file.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
