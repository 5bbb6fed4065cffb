package io.cxmeter.metrics.query;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.metrics.facts.Counters;
import io.cxmeter.metrics.facts.Family;
import io.cxmeter.metrics.facts.SlaTarget;
import io.cxmeter.metrics.rollup.Layout;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * SLA targets at risk: open instances whose target elapses within a while of now, soonest first. An
 * open instance is counted as breached at the instant its target elapses, ahead of time (the ticket's
 * next change re-derives it if it closes in time), so these are the SLA facts dated between now and
 * the horizon, read by time from the contributions' index.
 */
@ApplicationScoped
public class SlaAtRisk {

    /** Answers list at most this many. */
    public static final int LIMIT = 500;

    /** One open target and when it breaches. */
    public record Item(String ticketId, String target, Instant breachesAt, String agent, String team, String channel) {
    }

    @Inject
    Pool pool;

    public Uni<List<Item>> within(String tenantId, Instant now, long seconds) {
        StringBuilder target = new StringBuilder("CASE");
        for (SlaTarget name : SlaTarget.values()) {
            target.append(" WHEN c.c[").append(Layout.sqlPosition(Family.SLA, name.breached())).append("] = 1 THEN '")
                    .append(name.wire()).append("'");
        }
        target.append(" END");
        String sql = "SELECT c.aggregate_id, " + target + " AS target, c.at, c.agent, c.team, c.channel FROM contribution c"
                + " WHERE c.tenant_id = $1 AND c.family = 'sla' AND c.at > $2 AND c.at <= $3"
                + " AND c.c[" + Layout.sqlPosition(Family.SLA, Counters.Sla.BREACHED) + "] = 1 ORDER BY c.at, c.aggregate_id LIMIT $4";
        return pool.preparedQuery(sql).execute(Tuple.of(tenantId, now.atOffset(ZoneOffset.UTC),
                now.plusSeconds(seconds).atOffset(ZoneOffset.UTC), LIMIT)).map(rows -> {
                    List<Item> out = new ArrayList<>();
                    for (Row row : rows) {
                        OffsetDateTime at = row.getOffsetDateTime("at");
                        out.add(new Item(row.getString("aggregate_id"), row.getString("target"), at.toInstant(),
                                row.getString("agent"), row.getString("team"), row.getString("channel")));
                    }
                    return out;
                });
    }
}
