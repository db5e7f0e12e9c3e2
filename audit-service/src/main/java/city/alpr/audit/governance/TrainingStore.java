package city.alpr.audit.governance;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The training records (training_record); query-service reads them to refuse users without a current one. */
@ApplicationScoped
public class TrainingStore {

    /** Records a completed training. */
    public Uni<Training> record(SqlClient client, NewTraining training, String recordedBy) {
        return client.preparedQuery("""
                insert into training_record (username, course, completed_at, expires_at, recorded_by)
                values ($1, $2, $3, $4, $5) returning\s""" + Training.COLUMNS)
                .execute(Tuple.of(training.username(), training.course(), training.completedAt().atOffset(ZoneOffset.UTC),
                        training.expiresAt().atOffset(ZoneOffset.UTC), recordedBy))
                .map(rows -> Training.from(rows.iterator().next()));
    }

    /** The newest records (at most 1000), of one user if {@code username} is given, or only those valid now. */
    public Uni<List<Training>> newest(SqlClient client, String username, boolean currentOnly) {
        return client.preparedQuery("select " + Training.COLUMNS + """
                 from training_record
                where ($1::text is null or username = $1)
                  and ($2 = false or (completed_at <= now() and expires_at > now()))
                order by recorded_at desc, id desc limit 1000""")
                .execute(Tuple.of(username, currentOnly))
                .map(rows -> {
                    List<Training> records = new ArrayList<>();
                    rows.forEach(row -> records.add(Training.from(row)));
                    return records;
                });
    }
}
