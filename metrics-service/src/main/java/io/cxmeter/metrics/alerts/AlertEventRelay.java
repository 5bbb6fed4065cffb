package io.cxmeter.metrics.alerts;

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
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reports alert transitions to survey-service, which delivers them to the tenant's webhooks
 * ({@code alert.fired}, {@code alert.resolved}) and e-mails the rule's recipients. At least once: a
 * round leases the waiting rows ({@code FOR UPDATE SKIP LOCKED}, their next attempt moved past the
 * call's timeout), so replicas share the work and no lock is held during the call; each event's key
 * is its row id, so survey-service makes one message of it however often it is reported.
 */
@ApplicationScoped
public class AlertEventRelay {

    private static final Logger LOG = Logger.getLogger(AlertEventRelay.class);
    private static final int BATCH = 200;
    private static final double LEASE_SECONDS = 60;
    private static final String SERVICE = "metrics-service";

    private static final String LEASE = """
            WITH due AS (SELECT id FROM alert_event WHERE reported_at IS NULL AND next_attempt_at <= now()
                         ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
            UPDATE alert_event e SET next_attempt_at = now() + make_interval(secs => $2)
            FROM due WHERE e.id = due.id
            RETURNING e.id, e.tenant_id, e.event_type, e.occurred_at, e.data, e.attempts""";

    @Inject
    Pool pool;

    @Inject
    AlertsConfig config;

    @Inject
    @RestClient
    SurveyWebhookEventClient surveys;

    private InternalTokenMinter minter;

    @PostConstruct
    void init() {
        if (config.report()) {
            minter = InternalTokenMinter.forPeerCalls(config.signingKey(), SERVICE);
        }
    }

    @Scheduled(every = "${cxmeter.alerts.report-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = RelayOff.class)
    Uni<Void> tick() {
        return relayOnce().onFailure().invoke(e -> LOG.warnf("Reporting alert transitions failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One round: the waiting transitions reported, per tenant; how many survey-service took. */
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
            events.add(new SurveyWebhookEventClient.Event(row.getString("event_type"), "alert-event-" + ids[i], null,
                    row.getOffsetDateTime("occurred_at").toInstant(), ((JsonObject) row.getValue("data")).getMap()));
        }
        String token = minter.mintPeerCall(SERVICE, tenantId, null);
        return surveys.report("Bearer " + token, new SurveyWebhookEventClient.Batch(events))
                .flatMap(taken -> pool.preparedQuery("UPDATE alert_event SET reported_at = now() WHERE id = ANY ($1)")
                        .execute(Tuple.of(ids)).map(done -> rows.size()))
                .onFailure().recoverWithUni(failure -> {
                    int attempts = rows.stream().mapToInt(row -> row.getInteger("attempts")).max().orElse(0) + 1;
                    long seconds = Math.min(config.maxBackoff().toSeconds(), 1L << Math.min(attempts, 16));
                    LOG.warnf("%d alert transitions not yet taken by survey-service (attempt %d, next in %d s): %s",
                            rows.size(), attempts, seconds, failure.toString());
                    return pool.preparedQuery("UPDATE alert_event SET attempts = $2, next_attempt_at = $3 WHERE id = ANY ($1)")
                            .execute(Tuple.of(ids, attempts, OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(seconds)))
                            .map(done -> 0);
                });
    }

    /** Lets tests and single-purpose deployments switch reporting off. */
    @ApplicationScoped
    public static class RelayOff implements Scheduled.SkipPredicate {

        @Inject
        AlertsConfig config;

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.report();
        }
    }
}
