package city.alpr.query.exports;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.common.problem.ProblemException;
import city.alpr.common.problem.ProblemType;
import city.alpr.localstack.StackDatabase;
import city.alpr.query.support.Fixtures;
import city.alpr.query.support.Stack;
import city.alpr.query.support.TownPolicy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Evidence exports under the Town policy with the Sheriff's Office (000 §4): R12, R13. */
@QuarkusTest
@TestProfile(TownPolicy.class)
class ExportTest {

    @BeforeEach
    void prepare() {
        Fixtures.prepare();
    }

    private static final String CASE = "SCSO-2026-3301";

    /** A read that a hotlist entry flagged, as ingest would have, and the alert that flagged it. */
    record Flagged(UUID read, UUID alert) {
    }

    static Flagged flaggedRead(String plate) {
        UUID entry = Fixtures.watch("stolen-vehicle", plate, "SCSO-2026-0100");
        OffsetDateTime at = minutesAgo(10);
        UUID read = storeRead(plate, NORTH_CAMERA, at);
        return new Flagged(read, Fixtures.raiseAlert(read, at, NORTH_CAMERA, entry));
    }

    /** An export of reads for a criminal investigation with its case number. */
    static Map<String, Object> export(UUID... reads) {
        return export("criminal-investigation", CASE, null, reads);
    }

    /** A hotlist response's export of the read of the alert it answers. */
    static Map<String, Object> answering(Flagged flagged, UUID... reads) {
        return export("hotlist-response", null, flagged.alert(), reads.length == 0 ? new UUID[] { flagged.read() } : reads);
    }

    static Map<String, Object> export(String purpose, String caseNumber, UUID alertId, UUID... reads) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("purpose", purpose);
        if (caseNumber != null) {
            body.put("caseNumber", caseNumber);
        }
        if (alertId != null) {
            body.put("alertId", alertId.toString());
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
    void officerExportsReadsAsASignedPackageAnyoneCanCheck_R12_R13() throws Exception {
        UUID first = flaggedRead("1EXP101").read();
        UUID second = storeRead("1EXP102", SOUTH_CAMERA, minutesAgo(11));
        String id = create(export(first, second));
        Map<String, Object> logged = lastAudit();
        assertEquals("read.export", logged.get("action"));
        assertEquals("2", logged.get("result_count"));
        assertEquals(id, logged.get("target"));
        assertTrue(logged.get("data_elements").toString().contains(first.toString()));

        Map<String, byte[]> files = unzip(download(id));
        assertEquals("export.download", lastAudit().get("action"));
        assertTrue(files.keySet().containsAll(List.of("reads.csv", "reads.json", "images/" + first + "-plate.jpg",
                "manifest.json", "manifest.sig", "signing-key.pem")), files.keySet().toString());
        String csv = new String(files.get("reads.csv"), StandardCharsets.UTF_8);
        assertTrue(csv.contains("1EXP101"));
        assertTrue(csv.contains("South bridge"), "each read with the site sealed with it");
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
                .body("custody.holder", contains(OFFICER, OFFICER, null))
                .body("custody[2].detail", containsString("District Attorney"))
                .body("manifest.exportId", equalTo(id)).body("readCount", equalTo(2));
        as(OFFICER).contentType(ContentType.JSON).body(Map.of("recipient", "Someone else"))
                .post("/v1/exports/{id}/transfers", id).then().statusCode(403)
                .body("detail", containsString("left this system's custody"));
    }

    @Test
    void verificationFindsEveryKindOfTampering_R13() throws Exception {
        Flagged flagged = flaggedRead("1EXP201");
        String id = create(answering(flagged));
        byte[] original = download(id);
        as(AUDITOR).contentType("application/zip").body(original).post("/v1/exports/verify")
                .then().statusCode(200).body("valid", equalTo(true)).body("exportId", equalTo(id));
        as(OFFICER).get("/v1/exports/{id}", id).then().body("custody.event", hasItem("verified"));

        Map<String, byte[]> files = unzip(original);
        Map<String, byte[]> edited = new LinkedHashMap<>(files);
        edited.put("reads.csv", new String(files.get("reads.csv"), StandardCharsets.UTF_8)
                .replace("1EXP201", "1EXP209").getBytes(StandardCharsets.UTF_8));
        assertEquals(id, as(AUDITOR).contentType("application/zip").body(original).post("/v1/exports/verify")
                .then().extract().path("exportId"));
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
        Flagged other = flaggedRead("1EXP302");
        as(OFFICER).contentType(ContentType.JSON).body(answering(other, plain)).post("/v1/exports")
                .then().statusCode(403).body("violations[0].field", equalTo("readIds[0]"));
        Map<String, Object> logged = lastAudit();
        assertEquals("read.export", logged.get("action"));
        assertEquals("refused", logged.get("outcome"));

        as(OFFICER).contentType(ContentType.JSON).body(export("criminal-investigation", null, null, plain))
                .post("/v1/exports").then().statusCode(400).body("violations[0].field", equalTo("caseNumber"));
        create(export(plain));
        assertEquals("granted", lastAudit().get("outcome"));
    }

    @Test
    void aHotlistResponseExportsOnlyTheReadOfTheAlertItAnswers_R12_R29() {
        Flagged answered = flaggedRead("1EXP701");
        Flagged otherHit = flaggedRead("1EXP702");
        create(answering(answered));
        Map<String, Object> logged = lastAudit();
        assertEquals("hotlist-response", logged.get("purpose"));
        assertTrue(logged.get("data_elements").toString().contains(answered.alert().toString()));

        as(OFFICER).contentType(ContentType.JSON).body(answering(answered, otherHit.read())).post("/v1/exports")
                .then().statusCode(403).body("violations[0].field", equalTo("readIds[0]"));
        as(OFFICER).contentType(ContentType.JSON).body(answering(answered, answered.read(), otherHit.read()))
                .post("/v1/exports").then().statusCode(403).body("violations[0].field", equalTo("readIds[1]"));
        as(OFFICER).contentType(ContentType.JSON).body(export("hotlist-response", null, null, answered.read()))
                .post("/v1/exports").then().statusCode(400).body("violations[0].field", equalTo("alertId"));
        assertEquals("refused", lastAudit().get("outcome"));
    }

    @Test
    void aHitJudgedAMisreadNoLongerFlagsTheRead_R7_R12() {
        Flagged flagged = flaggedRead("1EXP601");
        StackDatabase.execute("update hotlist_alert set disposition = 'misread', disposed_by = 'officer', "
                + "disposed_at = now() where read_id = ?", flagged.read());
        as(OFFICER).contentType(ContentType.JSON).body(answering(flagged)).post("/v1/exports")
                .then().statusCode(403).body("violations[0].field", equalTo("readIds[0]"));
    }

    @Test
    void anotherOfficerNeitherSeesAnExportNorRecordsItsCustody_R13() {
        UUID theirs = UUID.randomUUID();
        StackDatabase.execute("""
                insert into evidence_export (id, created_by, agency, purpose, case_number, read_count,
                                             manifest_sha256, signature, package_sha256, package_expires_at)
                values (?, 'detective', 'Santa Clara County Sheriff''s Office', 'criminal-investigation', 'X-2', 1,
                        'h', 's', 'p', now() + interval '1 day')""", theirs);
        StackDatabase.execute("insert into custody_event (export_id, seq, event, actor, agency, holder) values "
                + "(?, 1, 'created', 'detective', 'Santa Clara County Sheriff''s Office', 'detective')", theirs);

        as(OFFICER).get("/v1/exports/{id}", theirs).then().statusCode(403);
        assertEquals("export.view", lastAudit().get("action"));
        assertEquals("refused", lastAudit().get("outcome"));
        as(OFFICER).contentType(ContentType.JSON).body(Map.of("recipient", "A friend")).post("/v1/exports/{id}/transfers",
                theirs).then().statusCode(403).body("detail", containsString("current holder"));
        assertEquals("refused", lastAudit().get("outcome"));
        as(MANAGER).contentType(ContentType.JSON).body(Map.of("recipient", "A friend"))
                .post("/v1/exports/{id}/transfers", theirs).then().statusCode(403);
        assertEquals(1, StackDatabase.count("select count(*) from custody_event where export_id = ?", theirs),
                "the chain of custody is untouched");
        as(MANAGER).get("/v1/exports/{id}", theirs).then().statusCode(200).body("createdBy", equalTo("detective"));
    }

    @Test
    void aHandOverToAColleagueMakesThemTheHolder_R13() {
        String id = create(export(storeRead("1EXP801", NORTH_CAMERA, minutesAgo(9))));
        as(OFFICER).contentType(ContentType.JSON).body(Map.of("recipient", "Det. Ortiz", "recipientUsername", "detective"))
                .post("/v1/exports/{id}/transfers", id).then().statusCode(201).body("holder", equalTo("detective"));
        as(OFFICER).contentType(ContentType.JSON).body(Map.of("recipient", "Someone else"))
                .post("/v1/exports/{id}/transfers", id).then().statusCode(403).body("detail", containsString("detective"));
    }

    @Test
    void twoHandOversAtOnceCannotBothLeaveTheHolder_R13() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = create(export(storeRead("1EXP9" + round + "1", NORTH_CAMERA, minutesAgo(9))));
            String token = Stack.token(OFFICER);
            CountDownLatch start = new CountDownLatch(1);
            List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
            List<Thread> handOvers = new ArrayList<>();
            for (String colleague : List.of("detective", "sergeant")) {
                handOvers.add(Thread.ofVirtual().start(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    statuses.add(given().auth().oauth2(token).contentType(ContentType.JSON)
                            .body(Map.of("recipient", colleague, "recipientUsername", colleague))
                            .post("/v1/exports/{id}/transfers", id).statusCode());
                }));
            }
            start.countDown();
            for (Thread handOver : handOvers) {
                handOver.join();
            }
            assertEquals(List.of(201, 403), statuses.stream().sorted().toList(),
                    "one hand-over by the holder; the other finds the package already handed on");
            assertEquals(2, StackDatabase.count("select count(*) from custody_event where export_id = ?::uuid", id),
                    "created, and one transfer");
        }
    }

    @Test
    void onlySwornOfficersExportOrDownload_R12() {
        UUID read = storeRead("1EXP401", NORTH_CAMERA, minutesAgo(10));
        as(MANAGER).contentType(ContentType.JSON).body(export(read)).post("/v1/exports")
                .then().statusCode(403);
        assertEquals("refused", lastAudit().get("outcome"));
        String id = create(export(read));
        as(MANAGER).get("/v1/exports/{id}/package", id).then().statusCode(403);
        assertEquals("export.download", lastAudit().get("action"));
        assertEquals("refused", lastAudit().get("outcome"));
        UUID managers = UUID.randomUUID();
        StackDatabase.execute("""
                insert into evidence_export (id, created_by, agency, purpose, case_number, read_count,
                                             manifest_sha256, signature, package_sha256, sealed_package,
                                             package_expires_at)
                values (?, 'manager', 'The Town', 'prosecution', 'X-1', 1, 'h', 's', 'p', '\\x00',
                        now() + interval '1 day')""", managers);
        as(OFFICER).get("/v1/exports/{id}/package", managers).then().statusCode(403)
                .body("detail", containsString("only the officer who created"));
        assertEquals("refused", lastAudit().get("outcome"), "downloading another's package is refused and logged");
    }

    @Test
    void badExportRequestsNameTheFieldAndCreateNothing_R3_R15() {
        UUID read = storeRead("1EXP501", NORTH_CAMERA, minutesAgo(10));
        UUID unknown = UUID.randomUUID();
        long exportsBefore = StackDatabase.count("select count(*) from evidence_export");
        as(OFFICER).contentType(ContentType.JSON).body(export(read, unknown))
                .post("/v1/exports").then().statusCode(400).body("violations[0].field", equalTo("readIds[1]"));
        as(OFFICER).contentType(ContentType.JSON).body(export(read, read))
                .post("/v1/exports").then().statusCode(400).body("violations[0].message", containsString("more than once"));
        UUID[] tooMany = new UUID[101];
        for (int i = 0; i < tooMany.length; i++) {
            tooMany[i] = UUID.randomUUID();
        }
        as(OFFICER).contentType(ContentType.JSON).body(export(tooMany))
                .post("/v1/exports").then().statusCode(400).body("violations[0].message", containsString("no bulk export"));
        as(OFFICER).contentType(ContentType.JSON).body(Map.of("purpose", "hotlist-response", "readIds", List.of()))
                .post("/v1/exports").then().statusCode(400).body("violations[0].field", equalTo("readIds"));
        as(OFFICER).get("/v1/exports/{id}/package", UUID.randomUUID()).then().statusCode(404);
        assertEquals(exportsBefore, StackDatabase.count("select count(*) from evidence_export"),
                "a refused export leaves no package");
    }

    @Test
    void aPackageWhoseEntriesAndCentralDirectoryDisagreeIsNotIntact_R13() throws Exception {
        String id = create(export(storeRead("1ZIP101", NORTH_CAMERA, minutesAgo(8))));
        byte[] genuine = download(id);
        Map<String, byte[]> tampered = new LinkedHashMap<>(unzip(genuine));
        tampered.put("reads.csv", new String(tampered.get("reads.csv"), StandardCharsets.UTF_8)
                .replace("1ZIP101", "1ZIP666").getBytes(StandardCharsets.UTF_8));
        byte[] crafted = shadowed(genuine, zip(tampered));

        assertTrue(new String(unzip(crafted).get("reads.csv"), StandardCharsets.UTF_8).contains("1ZIP101"),
                "a reader that follows the entries sees the genuine files");
        assertTrue(new String(byDirectory(crafted, "reads.csv"), StandardCharsets.UTF_8).contains("1ZIP666"),
                "unzip and file managers, which follow the central directory, show the tampered ones");

        as(AUDITOR).contentType("application/zip").body(crafted).post("/v1/exports/verify")
                .then().statusCode(200).body("valid", equalTo(false))
                .body("problems[0]", containsString("not a well-formed package"));
        assertEquals("export.verify", lastAudit().get("action"));
        as(AUDITOR).contentType("application/zip").body(genuine).post("/v1/exports/verify")
                .then().body("valid", equalTo(true));
    }

    @Test
    void aFewHundredKilobytesCannotMakeTheServiceInflateWithoutEnd_R13() throws Exception {
        byte[] bomb = zeros("reads.csv", 600_000_000L);
        assertTrue(bomb.length < 1_000_000, "the crafted file is " + bomb.length + " bytes");
        as(OFFICER).contentType("application/zip").body(bomb).post("/v1/exports/verify")
                .then().statusCode(200).body("valid", equalTo(false))
                .body("problems[0]", containsString("unpacks to 600000000 bytes"));

        byte[] lying = declaredSize(bomb, 1_000);
        as(OFFICER).contentType("application/zip").body(lying).post("/v1/exports/verify")
                .then().statusCode(200).body("valid", equalTo(false))
                .body("problems[0]", containsString("unpacks to more than the 1000 bytes"));
    }

    @Test
    void anyEditOfAPackageGetsAVerdictAndOnlyAnIntactOneIsRecorded_R13() throws Exception {
        String id = create(export(storeRead("1FUZ101", NORTH_CAMERA, minutesAgo(9))));
        byte[] genuine = download(id);
        PackageMutations edits = new PackageMutations(genuine);
        Random random = new Random(13);
        long custody = StackDatabase.count("select count(*) from custody_event where export_id = ?::uuid", id);
        int intact = 0;
        for (int i = 0; i < 40; i++) {
            byte[] upload = i == 0 ? genuine : edits.apply(PackageMutations.randomProgram(random));
            var answer = as(AUDITOR).contentType("application/zip").body(upload).post("/v1/exports/verify");
            assertEquals(200, answer.statusCode(), "edit " + i + ": " + answer.asString());
            if (answer.jsonPath().getBoolean("valid")) {
                intact++;
                custody++;
                assertEquals(edits.files().keySet(), unzip(upload).keySet(), "edit " + i);
            }
            assertEquals(custody, StackDatabase.count("select count(*) from custody_event where export_id = ?::uuid",
                    id), "only an intact package is recorded as verified (edit " + i + ")");
        }
        assertTrue(intact >= 1 && intact < 5, intact + " of 40 intact");
    }

    @Inject
    PackageVerifier verifier;

    @Inject
    VerificationSlots slots;

    @Test
    void onlyAFewVerificationsRunAtOnceAndTheRestAreToldToComeBack_R13() {
        int taken = 0;
        while (slots.takeCheck()) {
            taken++;
        }
        try {
            assertEquals(2, taken, "alpr.exports.verify-concurrency");
            as(AUDITOR).contentType("application/zip").body(new byte[] { 'P', 'K' }).post("/v1/exports/verify")
                    .then().statusCode(429).header("Retry-After", "5");
            assertEquals("export.verify", lastAudit().get("action"));
            assertEquals("refused", lastAudit().get("outcome"));
        } finally {
            for (int i = 0; i < taken; i++) {
                slots.releaseCheck();
            }
        }
        as(AUDITOR).contentType("application/zip").body(new byte[] { 'P', 'K' }).post("/v1/exports/verify")
                .then().statusCode(200).body("valid", equalTo(false));
    }

    @Test
    void onlyAFewUploadsArriveAtOnceAndOneThatStopsArrivingIsABadRequest_R3_R13() {
        int taken = 0;
        while (slots.takeUpload()) {
            taken++;
        }
        try {
            assertEquals(8, taken, "alpr.exports.verify-uploads");
            as(AUDITOR).contentType("application/zip").body(new byte[] { 'P', 'K' }).post("/v1/exports/verify")
                    .then().statusCode(429);
            assertEquals("refused", lastAudit().get("outcome"));
        } finally {
            for (int i = 0; i < taken; i++) {
                slots.releaseUpload();
            }
        }
        ProblemException cut = assertThrows(ProblemException.class,
                () -> verifier.verify(new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("the client went away");
                    }
                }));
        assertEquals(ProblemType.MALFORMED_BODY, cut.type());
        assertTrue(slots.takeUpload(), "the failed upload gave its place back");
        slots.releaseUpload();
    }

    @Test
    void slowUploadsDoNotHoldTheVerificationsOfOthers_R13() throws Exception {
        String id = create(export(storeRead("1ZIP301", NORTH_CAMERA, minutesAgo(8))));
        byte[] genuine = download(id);
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> trickling = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            trickling.add(Thread.ofVirtual().start(() -> verifier.verify(new InputStream() {
                @Override
                public int read() {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return -1;
                }
            })));
        }
        try {
            as(AUDITOR).contentType("application/zip").body(genuine).post("/v1/exports/verify")
                    .then().statusCode(200).body("valid", equalTo(true));
        } finally {
            release.countDown();
            for (Thread thread : trickling) {
                thread.join();
            }
        }
    }

    @Test
    void aPackageThatHidesFilesInCommentsOrExtraFieldsIsNotIntact_R13() throws Exception {
        String id = create(export(storeRead("1ZIP401", NORTH_CAMERA, minutesAgo(8))));
        byte[] genuine = download(id);
        Map<String, byte[]> files = unzip(genuine);

        // a Unicode path field, which unzip and libarchive take as the file's name, swapping what they show
        byte[] renamed = zip(files, entry -> {
            if (entry.getName().equals("reads.json")) {
                entry.setExtra(unicodePath("reads.csv"));
            }
        });
        as(AUDITOR).contentType("application/zip").body(renamed).post("/v1/exports/verify")
                .then().statusCode(200).body("valid", equalTo(false))
                .body("problems[0]", containsString("extra field"));

        // an entry's comment, where a second directory and a ZIP64 record can hide from some tools and not others
        byte[] commented = zip(files, entry -> {
            if (entry.getName().equals("signing-key.pem")) {
                entry.setComment("PK\u0001\u0002 a second directory would start here");
            }
        });
        as(AUDITOR).contentType("application/zip").body(commented).post("/v1/exports/verify")
                .then().statusCode(200).body("valid", equalTo(false))
                .body("problems[0]", containsString("comment"));
        as(AUDITOR).contentType("application/zip").body(zip(files, entry -> {
        })).post("/v1/exports/verify").then().body("valid", equalTo(true));
    }

    /** An Info-ZIP Unicode Path extra field (0x7075) naming {@code name}. */
    private static byte[] unicodePath(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer field = ByteBuffer.allocate(4 + 5 + utf8.length).order(ByteOrder.LITTLE_ENDIAN);
        field.putShort((short) 0x7075).putShort((short) (5 + utf8.length)).put((byte) 1).putInt(0).put(utf8);
        return field.array();
    }

    /**
     * The genuine package's entries, junk, then the tampered package's entries and a central directory naming those:
     * one file that reads as two packages.
     */
    static byte[] shadowed(byte[] genuine, byte[] tampered) {
        int genuineEntries = ByteBuffer.wrap(genuine).order(ByteOrder.LITTLE_ENDIAN).getInt(genuine.length - 22 + 16);
        byte[] junk = "junk between the two".getBytes(StandardCharsets.US_ASCII);
        int shift = genuineEntries + junk.length;
        ByteBuffer shifted = ByteBuffer.wrap(tampered.clone()).order(ByteOrder.LITTLE_ENDIAN);
        int end = tampered.length - 22;
        int directory = shifted.getInt(end + 16);
        for (int at = directory; at < end;) {
            shifted.putInt(at + 42, shifted.getInt(at + 42) + shift);
            at += 46 + Short.toUnsignedInt(shifted.getShort(at + 28)) + Short.toUnsignedInt(shifted.getShort(at + 30))
                    + Short.toUnsignedInt(shifted.getShort(at + 32));
        }
        shifted.putInt(end + 16, directory + shift);
        ByteArrayOutputStream crafted = new ByteArrayOutputStream();
        crafted.write(genuine, 0, genuineEntries);
        crafted.writeBytes(junk);
        crafted.writeBytes(shifted.array());
        return crafted.toByteArray();
    }

    /** A file as unzip reads it: through the central directory. */
    static byte[] byDirectory(byte[] zip, String name) throws IOException {
        Path file = Files.createTempFile("crafted", ".zip");
        try {
            Files.write(file, zip);
            try (ZipFile archive = new ZipFile(file.toFile())) {
                return archive.getInputStream(archive.getEntry(name)).readAllBytes();
            }
        } finally {
            Files.delete(file);
        }
    }

    /** A package of one file of zeros, which deflates to almost nothing. */
    static byte[] zeros(String name, long bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry(name));
            byte[] chunk = new byte[1 << 20];
            for (long written = 0; written < bytes; written += chunk.length) {
                zip.write(chunk, 0, (int) Math.min(chunk.length, bytes - written));
            }
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    /** The same file, its central directory claiming its first entry unpacks to {@code size} bytes. */
    static byte[] declaredSize(byte[] zip, int size) {
        ByteBuffer patched = ByteBuffer.wrap(zip.clone()).order(ByteOrder.LITTLE_ENDIAN);
        int directory = patched.getInt(zip.length - 22 + 16);
        patched.putInt(directory + 24, size);
        return patched.array();
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
        return zip(files, entry -> {
        });
    }

    /** The files zipped, each entry shaped by {@code shape} before it is written. */
    static byte[] zip(Map<String, byte[]> files, Consumer<ZipEntry> shape) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (var file : files.entrySet()) {
                ZipEntry entry = new ZipEntry(file.getKey());
                shape.accept(entry);
                out.putNextEntry(entry);
                out.write(file.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
