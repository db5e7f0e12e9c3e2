package city.alpr.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The secrets of a local stack: generated on first use, never committed. A local run keeps them in its state
 * directory (readable by the owner only) so that the data it kept stays readable; tests generate fresh ones.
 * A state directory written before a secret existed gets that secret added on the next start.
 *
 * @param keycloakAdminPassword the password of Keycloak's administrator {@value KeycloakServer#ADMIN} (master realm),
 *        whose changes to the realm the access log records like anyone's
 * @param realmSigningKey the RSA key Keycloak signs the realm's tokens with ({@link KeycloakServer#newSigningKey()}):
 *        the stack's own rather than one Keycloak makes up at each start, so that a rotation can keep it published
 *        ({@link KeycloakServer#restartWithRotatedSigningKey(String)})
 */
public record StackSecrets(String superuserPassword, String ownerPassword, String ingestPassword,
        String queryPassword, String auditPassword, String retentionPassword, String masterKey, String exportSigningKey,
        String exportVerifyingKey, String checkpointSigningKey, String checkpointVerifyingKey, String gatewayEastSecret,
        String gatewayWestSecret, String managerPassword, String officerPassword, String sergeantPassword,
        String recruitPassword,
        String auditorPassword, String contractorPassword, String deputyPassword, String lockoutDrillPassword,
        String auditEventsSecret, String keycloakAdminPassword, String realmSigningKey) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static StackSecrets generate() {
        return from(new Properties());
    }

    public static StackSecrets loadOrCreate(Path file) throws IOException {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            }
        }
        int known = properties.size();
        StackSecrets secrets = from(properties);
        if (properties.size() != known) {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(file)) {
                properties.store(writer, "Generated secrets of the local ALPR stack; delete the state directory to reset");
            }
        }
        return secrets;
    }

    /** The login password of each service's database role. */
    public Map<String, String> servicePasswords() {
        return Map.of(AlprDatabase.INGEST_ROLE, ingestPassword, AlprDatabase.QUERY_ROLE, queryPassword,
                AlprDatabase.AUDIT_ROLE, auditPassword, AlprDatabase.RETENTION_ROLE, retentionPassword);
    }

    private static StackSecrets from(Properties properties) {
        addSigningKeyPair(properties, "export");
        addSigningKeyPair(properties, "checkpoint");
        return new StackSecrets(get(properties, "superuser", StackSecrets::random),
                get(properties, "owner", StackSecrets::random), get(properties, "ingest", StackSecrets::random),
                get(properties, "query", StackSecrets::random), get(properties, "audit", StackSecrets::random),
                get(properties, "retention", StackSecrets::random),
                get(properties, "master-key", StackSecrets::newMasterKey),
                properties.getProperty("export-signing-key"), properties.getProperty("export-verifying-key"),
                properties.getProperty("checkpoint-signing-key"), properties.getProperty("checkpoint-verifying-key"),
                get(properties, "gateway-east", StackSecrets::random),
                get(properties, "gateway-west", StackSecrets::random), get(properties, "manager", StackSecrets::random),
                get(properties, "officer", StackSecrets::random), get(properties, "sergeant", StackSecrets::random),
                get(properties, "recruit", StackSecrets::random),
                get(properties, "auditor", StackSecrets::random),
                get(properties, "contractor", StackSecrets::random), get(properties, "deputy", StackSecrets::random),
                get(properties, "lockout-drill", StackSecrets::random),
                get(properties, "audit-events", StackSecrets::random),
                get(properties, "keycloak-admin", StackSecrets::random),
                get(properties, "realm-signing-key", KeycloakServer::newSigningKey));
    }

    private static String get(Properties properties, String key, Supplier<String> generator) {
        String value = properties.getProperty(key);
        if (value == null) {
            value = generator.get();
            properties.setProperty(key, value);
        }
        return value;
    }

    /** 32 random bytes, base64: an AES-256 key-encryption key. */
    private static String newMasterKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /**
     * An Ed25519 key pair under {@code <use>-signing-key} and {@code <use>-verifying-key}, unless both are there:
     * evidence manifests and access-log checkpoints are signed with one, and anyone verifies them with the other.
     */
    private static void addSigningKeyPair(Properties properties, String use) {
        if (properties.getProperty(use + "-signing-key") != null && properties.getProperty(use + "-verifying-key") != null) {
            return;
        }
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable", e);
        }
        properties.setProperty(use + "-signing-key", Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        properties.setProperty(use + "-verifying-key", Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
    }

    private static String random() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
