package io.cxmeter.ticket.triggers;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.cxmeter.internalauth.InternalTokenMinter;
import io.cxmeter.outbox.Backoff;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reports noted status changes to survey-service, at least once: one call per tenant with the
 * tickets as they stand now (channel, team, agent) and their customers' contact details (the
 * customer's {@code email}, {@code name} and {@code locale} attributes). A round leases the due
 * rows ({@code FOR UPDATE SKIP LOCKED}, then moves their next attempt past the call's timeout) so
 * replicas share the work and no lock is held during the call; a reported row is deleted only if no
 * newer change replaced it meanwhile. While survey-service is down, rows are tried again with back-off.
 */
@ApplicationScoped
public class StateChangeRelay {

    private static final Logger LOG = Logger.getLogger(StateChangeRelay.class);
    private static final int BATCH = 500;
    /** Longer than a call may take (the client's read timeout): a lease outlives the call it covers. */
    private static final double LEASE_SECONDS = 60;
    private static final String SERVICE = "ticket-service";

    private static final String LEASE = """
            WITH due AS (
                SELECT tenant_id, ticket_key FROM ticket_state_change WHERE next_attempt_at <= now()
                ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
            UPDATE ticket_state_change c SET next_attempt_at = now() + make_interval(secs => $2)
            FROM due WHERE c.tenant_id = due.tenant_id AND c.ticket_key = due.ticket_key
            RETURNING c.tenant_id, c.ticket_key""";

    private static final String READ = """
            SELECT c.tenant_id, c.zone, c.ticket_key, c.version, c.resolved, c.resolved_at, c.recorded_at, c.attempts,
                   t.channel, t.team, COALESCE(t.assignee, t.first_reply_agent) AS agent_id, t.customer_id,
                   cu.attributes ->> 'email' AS email, cu.attributes ->> 'name' AS name, cu.attributes ->> 'locale' AS locale
            FROM ticket_state_change c
            LEFT JOIN ticket t ON t.tenant_id = c.tenant_id AND t.ticket_key = c.ticket_key
            LEFT JOIN customer cu ON cu.tenant_id = t.tenant_id AND cu.customer_key = t.customer_id
            WHERE (c.tenant_id, c.ticket_key) IN (SELECT * FROM unnest($1::text[], $2::text[]))
            ORDER BY c.recorded_at""";

    @Inject
    Pool pool;

    @Inject
    StateChangeConfig config;

    @Inject
    @RestClient
    SurveyTicketStateClient surveys;

    private InternalTokenMinter minter;

    @PostConstruct
    void init() {
        if (config.enabled()) {
            minter = InternalTokenMinter.forPeerCalls(config.signingKey(), SERVICE);
        }
    }

    @Scheduled(every = "${cxmeter.state-changes.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = RelayDisabled.class)
    Uni<Void> tick() {
        return relayOnce().onFailure().invoke(e -> LOG.warnf("Reporting ticket status changes failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One round: the due changes reported, per tenant; how many survey-service took. */
    public Uni<Integer> relayOnce() {
        return pool.withTransaction(connection -> connection.preparedQuery(LEASE).execute(Tuple.of(BATCH, LEASE_SECONDS)))
                .flatMap(leased -> {
                    if (leased.size() == 0) {
                        return Uni.createFrom().item(0);
                    }
                    List<String> tenants = new ArrayList<>();
                    List<String> keys = new ArrayList<>();
                    leased.forEach(row -> {
                        tenants.add(row.getString("tenant_id"));
                        keys.add(row.getString("ticket_key"));
                    });
                    return pool.preparedQuery(READ).execute(Tuple.of(tenants.toArray(String[]::new), keys.toArray(String[]::new)))
                            .flatMap(this::reportAll);
                });
    }

    private Uni<Integer> reportAll(Iterable<Row> rows) {
        Map<List<String>, List<Row>> byTenant = new LinkedHashMap<>();
        rows.forEach(row -> byTenant.computeIfAbsent(List.of(row.getString("tenant_id"), row.getString("zone")),
                key -> new ArrayList<>()).add(row));
        return Multi.createFrom().iterable(byTenant.entrySet())
                .onItem().transformToUniAndConcatenate(batch -> report(batch.getKey().get(0), batch.getKey().get(1),
                        batch.getValue()))
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
    }

    private Uni<Integer> report(String tenantId, String zone, List<Row> rows) {
        List<SurveyTicketStateClient.TicketState> tickets = new ArrayList<>(rows.size());
        String[] keys = new String[rows.size()];
        Integer[] versions = new Integer[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            keys[i] = row.getString("ticket_key");
            versions[i] = row.getInteger("version");
            OffsetDateTime resolvedAt = row.getOffsetDateTime("resolved_at");
            tickets.add(new SurveyTicketStateClient.TicketState(row.getString("ticket_key"), row.getBoolean("resolved"),
                    resolvedAt == null ? null : resolvedAt.toInstant(), row.getOffsetDateTime("recorded_at").toInstant(),
                    row.getString("channel"), row.getString("team"), row.getString("agent_id"), row.getString("customer_id"),
                    row.getString("email"), row.getString("name"), row.getString("locale")));
        }
        String token = minter.mintPeerCall(SERVICE, tenantId, zone);
        return surveys.report("Bearer " + token, new SurveyTicketStateClient.Batch(tickets))
                .flatMap(outcome -> pool.preparedQuery("""
                        DELETE FROM ticket_state_change c USING unnest($2::text[], $3::int[]) AS r(key, version)
                        WHERE c.tenant_id = $1 AND c.ticket_key = r.key AND c.version = r.version""")
                        .execute(Tuple.of(tenantId, keys, versions)).map(done -> rows.size()))
                .onFailure().recoverWithUni(failure -> {
                    int attempts = rows.stream().mapToInt(row -> row.getInteger("attempts")).max().orElse(0) + 1;
                    long seconds = Backoff.seconds(attempts, config.maxBackoff());
                    LOG.warnf("%d ticket status changes not yet taken by survey-service (attempt %d, next in %d s): %s",
                            rows.size(), attempts, seconds, failure.toString());
                    return pool.preparedQuery("""
                            UPDATE ticket_state_change c SET attempts = $4, next_attempt_at = $5
                            FROM unnest($2::text[], $3::int[]) AS r(key, version)
                            WHERE c.tenant_id = $1 AND c.ticket_key = r.key AND c.version = r.version""")
                            .execute(Tuple.of(tenantId, keys, versions, attempts,
                                    OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(seconds)))
                            .map(done -> 0);
                });
    }

    /** Lets tests and single-purpose deployments switch the relay off. */
    @ApplicationScoped
    public static class RelayDisabled implements Scheduled.SkipPredicate {

        @Inject
        StateChangeConfig config;

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.enabled();
        }
    }
}
