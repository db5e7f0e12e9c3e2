package city.alpr.k8s;

import java.io.UncheckedIOException;
import java.util.List;

import city.alpr.localstack.MissingPrerequisite;

/** A program the manifest checks run; a missing one is a {@link MissingPrerequisite}. */
enum RequiredTool {
    KUBECTL("kubectl", "version", "--client");

    private final List<String> probe;
    private Boolean available;

    RequiredTool(String... probe) {
        this.probe = List.of(probe);
    }

    String command() {
        return probe.getFirst();
    }

    synchronized void require() {
        if (available == null) {
            available = answers();
        }
        if (!available) {
            MissingPrerequisite.report(command() + " is not on the PATH, so the Kubernetes manifest checks that need it"
                    + " cannot run");
        }
    }

    private boolean answers() {
        try {
            return new ExternalCommand(probe, Repository.k8s()).run().succeeded();
        } catch (UncheckedIOException e) {
            return false;
        }
    }
}
