package city.alpr.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A local run's secrets file: what it holds is kept, and a secret added since is generated once and kept. */
class StackSecretsTest {

    @Test
    void aSecretsFileFromBeforeTheRealmSigningKeyGetsOneAndKeepsItAndEverySecretItHad(@TempDir Path state)
            throws Exception {
        Path file = state.resolve("secrets.properties");
        StackSecrets.loadOrCreate(file);
        Properties older = load(file);
        older.remove("realm-signing-key");
        try (Writer writer = Files.newBufferedWriter(file)) {
            older.store(writer, "written before the realm had a signing key of the stack's");
        }

        StackSecrets upgraded = StackSecrets.loadOrCreate(file);
        assertEquals(older.getProperty("officer"), upgraded.officerPassword(), "the secrets it had are kept");
        assertEquals(older.getProperty("master-key"), upgraded.masterKey());
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(upgraded.realmSigningKey())));
        assertEquals(2048, key.getModulus().bitLength(), "the realm's signing key is an RSA-2048 key");
        assertEquals(upgraded, StackSecrets.loadOrCreate(file), "and from then on it is kept, with all the others");
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }
}
