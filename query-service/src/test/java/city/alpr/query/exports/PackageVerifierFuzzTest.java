package city.alpr.query.exports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;

import city.alpr.common.reads.ReadDetails;
import city.alpr.query.QueryConfig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * R13, fuzzed: any upload to the package verifier gets a verdict, never an exception, within a bounded unpacking;
 * and a verdict of intact means what it says: both views of the ZIP (the entries one after the other, as a streaming
 * reader sees them, and the central directory, as unzip shows them) hold exactly the files of the genuine package.
 * Coverage-guided by Jazzer over {@link PackageMutations}' edit programs of a genuine package, so that the fuzzer
 * reaches the checks behind the first record; {@code ./mvnw verify} replays the seeds and fixed-seed programs, then
 * fuzzes for a few seconds; the README says how to fuzz longer.
 */
class PackageVerifierFuzzTest {

    /** Far below the service's 512 MiB, so that each input is quick; the bound itself is what is checked. */
    private static final long UNPACK_AT_MOST = 8L << 20;
    private static final UUID EXPORT = UUID.fromString("0b6f3c2e-4a1d-4e5f-9a7b-2c3d4e5f6a7b");
    private static final PackageVerifier VERIFIER;
    private static final PackageMutations MUTATIONS;

    static {
        try {
            QueryConfig config = config(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
            ManifestSigner signer = new ManifestSigner(config);
            ObjectMapper json = new ObjectMapper();
            VERIFIER = new PackageVerifier(new VerificationSlots(config), config, signer, json);
            MUTATIONS = new PackageMutations(genuine(json, signer).zip());
        } catch (GeneralSecurityException | IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest
    void r13_anyUploadGetsAVerdictAndIntactMeansEveryToolSeesTheGenuineFiles(byte[] program) throws IOException {
        check(program);
    }

    /** @return whether the upload the program describes was found intact */
    private static boolean check(byte[] program) throws IOException {
        byte[] upload = MUTATIONS.apply(program);
        Optional<PackageVerifier.Checked> checked = VERIFIER.verify(new ByteArrayInputStream(upload));
        assertTrue(checked.isPresent(), "one verification at a time always finds a slot");
        EvidencePackage.Inspection inspection = checked.get().inspection();
        assertEquals(EvidencePackage.sha256(upload), checked.get().packageSha256());
        assertNotNull(inspection.problems());
        if (program.length == 0) {
            assertEquals(List.of(), inspection.problems(), "the genuine package is intact");
        }
        if (!inspection.problems().isEmpty()) {
            return false;
        }
        assertEquals(EXPORT, inspection.exportId());
        assertSameFiles(MUTATIONS.files(), PackageMutations.streamingView(upload), "the entries");
        Path scratch = Files.createTempFile("alpr-fuzz-", ".zip");
        try {
            assertSameFiles(MUTATIONS.files(), PackageMutations.directoryView(upload, scratch), "the central directory");
        } finally {
            Files.delete(scratch);
        }
        return true;
    }

    /** Without the fuzzer: the same property over a few thousand random edit programs, the same on every run. */
    @Test
    void r13_fixedSeedEditsOfAGenuinePackageGetAVerdict() throws IOException {
        Random random = new Random(20_261_201L);
        int refused = 0;
        for (int i = 0; i < 2_000; i++) {
            refused += check(PackageMutations.randomProgram(random)) ? 0 : 1;
        }
        assertTrue(refused > 1_900, "nearly every edit is found: " + refused + " of 2000");
    }

    private static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> seen, String view) {
        assertEquals(expected.keySet(), seen.keySet(), view + " name other files than the genuine package");
        expected.forEach((name, bytes) -> assertArrayEquals(bytes, seen.get(name), view + " show another " + name));
    }

    /** A package of one read with two images, as the service builds it, signed with the test key. */
    private static EvidencePackage.Built genuine(ObjectMapper json, ManifestSigner signer) {
        UUID read = UUID.fromString("5e0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b");
        OffsetDateTime at = OffsetDateTime.parse("2026-11-23T06:15:00Z");
        ReadDetails details = new ReadDetails("7ABC123", "7ABC123", "CA", 0.94, new ReadDetails.Location(33.6, -117.28),
                new ReadDetails.Vehicle("Toyota", "Silver", "Sedan"), "CAM-E01", at.toInstant().toString(),
                new ReadDetails.Site("Clinton Keith at Palomar", 33.6, -117.28), null, null, List.of());
        byte[] jpeg = "\u00ff\u00d8\u00ff\u00e0 a plate crop \u00ff\u00d9".getBytes(StandardCharsets.ISO_8859_1);
        byte[] png = "\u0089PNG\r\n\u001a\n an overview ".repeat(40).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("exportId", EXPORT.toString());
        header.put("createdBy", "officer");
        header.put("purpose", "criminal-investigation");
        return EvidencePackage.build(json, signer, header, List.of(new EvidencePackage.ExportedRead(read, at, "CAM-E01",
                details, true, null, List.of(new EvidencePackage.Image("plate", "image/jpeg", jpeg),
                        new EvidencePackage.Image("overview", "image/png", png)))));
    }

    /** The settings the verifier reads, with a key pair of this run. */
    private static QueryConfig config(KeyPair keys) {
        QueryConfig.Exports exports = (QueryConfig.Exports) Proxy.newProxyInstance(
                PackageVerifierFuzzTest.class.getClassLoader(), new Class<?>[] { QueryConfig.Exports.class },
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "signingKey" -> Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded());
                    case "verifyingKey" -> Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
                    case "verifyConcurrency" -> 1;
                    case "verifyUploads" -> 1;
                    case "verifyMaxUnpacked" -> UNPACK_AT_MOST;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (QueryConfig) Proxy.newProxyInstance(PackageVerifierFuzzTest.class.getClassLoader(),
                new Class<?>[] { QueryConfig.class }, (proxy, method, arguments) -> {
                    if (method.getName().equals("exports")) {
                        return exports;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void r13_theGenuinePackageOfTheseTestsIsIntact() throws IOException {
        assertTrue(check(new byte[0]), "as the service writes it, deflated with data descriptors");
        assertTrue(check(new byte[] { 1 }), "its files stored");
        assertFalse(check(new byte[] { 2 }), "an empty upload");
        assertFalse(MUTATIONS.files().isEmpty());
        assertTrue(MUTATIONS.files().containsKey(EvidencePackage.MANIFEST));
    }
}
