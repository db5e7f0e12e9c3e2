package city.alpr.k8s;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import city.alpr.localstack.MissingPrerequisite;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed descriptors are what the services' builds generate now. */
class GeneratedDescriptorsAreCurrentTest {

    @ParameterizedTest
    @FieldSource("city.alpr.k8s.GeneratedDescriptors#SERVICES")
    void committedCopyIsWhatTheServiceBuildGenerates(String service) {
        if (!Files.exists(GeneratedDescriptors.generated(service))) {
            MissingPrerequisite.report(GeneratedDescriptors.generated(service) + " does not exist: build " + service
                    + " first (mvn -B -ntp package -DskipTests -pl " + service + " -am)");
        }

        List<String> differences = GeneratedDescriptors.differences(service);

        assertTrue(differences.isEmpty(), () -> GeneratedDescriptors.committed(service) + " is not what " + service
                + "'s build generates now (" + GeneratedDescriptors.generated(service) + "): "
                + String.join("; ", differences) + ". Refresh the committed copies with: "
                + GeneratedDescriptors.REFRESH_COMMAND);
    }
}
