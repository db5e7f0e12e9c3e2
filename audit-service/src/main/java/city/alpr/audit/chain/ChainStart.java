package city.alpr.audit.chain;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Where the chain starts: after the last record the log's own retention removed (its anchor), or at the beginning,
 * where the first record's previous hash is 32 zero bytes.
 */
record ChainStart(long seq, byte[] hash) {

    static Uni<ChainStart> of(SqlClient client) {
        return client.query("select through_seq, through_hash from audit_expiry order by id desc limit 1").execute()
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return new ChainStart(0, new byte[32]);
                    }
                    Row anchor = rows.iterator().next();
                    return new ChainStart(anchor.getLong("through_seq"), anchor.getBuffer("through_hash").getBytes());
                });
    }
}
