package city.alpr.ingest.cameras;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class CameraRepository implements PanacheRepositoryBase<Camera, String> {

    public Uni<List<Camera>> listAllById() {
        return listAll(Sort.by("id"));
    }
}
