package io.cxmeter.ticket.followups;

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
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reports follow-ups opened and resolved ({@code follow_up_event}, written by the database in the
 * follow-up's transaction) to survey-service for the tenant's webhooks, at least once: a round leases
 * the due rows ({@code FOR UPDATE SKIP LOCKED}, their next attempt moved past the call's timeout), so
 * replicas share the work and no lock is held during the call; rows survey-service took are deleted,
 * the others tried again with back-off.
 */
@ApplicationScoped
public class FollowUpEventRelay {

    private static final Logger LOG = Logger.getLogger(FollowUpEventRelay.class);
    private static final int BATCH = 500;
    private static final double LEASE_SECONDS = 60;
    private static final String SERVICE = "ticket-service";

    private static final String LEASE = """
            WITH due AS (SELECT id FROM follow_up_event WHERE next_attempt_at <= now()
                         ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
            UPDATE follow_up_event e SET next_attempt_at = now() + make_interval(secs => $2)
            FROM due WHERE e.id = due.id
            RETURNING e.id, e.tenant_id, e.event_type, e.event_key, e.customer_id, e.occurred_at, e.data, e.attempts""";

    @Inject
    Pool pool;

    @Inject
    FollowUpEventsConfig config;

    @Inject
    @RestClient
    SurveyWebhookEventClient surveys;

    private InternalTokenMinter minter;

    @PostConstruct
    void init() {
        if (config.enabled()) {
            minter = InternalTokenMinter.forPeerCalls(config.signingKey(), SERVICE);
        }
    }

    @Scheduled(every = "${cxmeter.follow-up-events.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = RelayDisabled.class)
    Uni<Void> tick() {
        return relayOnce().onFailure().invoke(e -> LOG.warnf("Reporting follow-up events failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One round: the due events reported, per tenant; how many survey-service took. */
    public Uni<Integer> relayOnce() {
        return pool.withTransaction(connection -> connection.preparedQuery(LEASE).execute(Tuple.of(BATCH, LEASE_SECONDS)))
                .flatMap(leased -> {
                    Map<String, List<Row>> byTenant = new LinkedHashMap<>();
                    leased.forEach(row -> byTenant.computeIfAbsent(row.getString("tenant_id"), key -> new ArrayList<>()).add(row));
                    return Multi.createFrom().iterable(byTenant.entrySet())
                            .onItem().transformToUniAndConcatenate(batch -> report(batch.getKey(), batch.getValue()))
                            .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
                });
    }

    private Uni<Integer> report(String tenantId, List<Row> rows) {
        List<SurveyWebhookEventClient.Event> events = new ArrayList<>(rows.size());
        Long[] ids = new Long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            ids[i] = row.getLong("id");
            events.add(new SurveyWebhookEventClient.Event(row.getString("event_type"), row.getString("event_key"),
                    row.getString("customer_id"), row.getOffsetDateTime("occurred_at").toInstant(),
                    ((JsonObject) row.getValue("data")).getMap()));
        }
        String token = minter.mintPeerCall(SERVICE, tenantId, null);
        return surveys.report("Bearer " + token, new SurveyWebhookEventClient.Batch(events))
                .flatMap(taken -> pool.preparedQuery("DELETE FROM follow_up_event WHERE id = ANY ($1)").execute(Tuple.of(ids))
                        .map(done -> rows.size()))
                .onFailure().recoverWithUni(failure -> {
                    int attempts = rows.stream().mapToInt(row -> row.getInteger("attempts")).max().orElse(0) + 1;
                    long seconds = Backoff.seconds(attempts, config.maxBackoff());
                    LOG.warnf("%d follow-up events not yet taken by survey-service (attempt %d, next in %d s): %s",
                            rows.size(), attempts, seconds, failure.toString());
                    return pool.preparedQuery("UPDATE follow_up_event SET attempts = $2, next_attempt_at = $3 WHERE id = ANY ($1)")
                            .execute(Tuple.of(ids, attempts, OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(seconds)))
                            .map(done -> 0);
                });
    }

    /** Lets tests and single-purpose deployments switch the relay off. */
    @ApplicationScoped
    public static class RelayDisabled implements Scheduled.SkipPredicate {

        @Inject
        FollowUpEventsConfig config;

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.enabled();
        }
    }
}
