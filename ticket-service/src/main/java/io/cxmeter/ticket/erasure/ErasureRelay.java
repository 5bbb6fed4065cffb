package io.cxmeter.ticket.erasure;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

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
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Carries each pending erasure to its end. survey-service is called until it answers (it erases the
 * customer's responses, comments, invitations and follow-ups; asking twice is harmless), backing off
 * per erasure while it is down. metrics-service has applied the erasure once the outbox relay has
 * delivered the {@code customer.erased} event; that event, the last place naming the customer, is
 * then deleted. When both are done the receipt forgets the customer's id. Several replicas share the
 * work: each claims its rows with SKIP LOCKED.
 */
@ApplicationScoped
public class ErasureRelay {

    private static final Logger LOG = Logger.getLogger(ErasureRelay.class);
    private static final int BATCH = 50;
    private static final String SERVICE = "ticket-service";

    private static final String CLAIM = """
            SELECT e.*, o.published_at AS event_published_at, o.zone
            FROM customer_erasure e LEFT JOIN outbox_event o ON o.id = e.outbox_event_id
            WHERE (e.survey_erased_at IS NULL OR e.metrics_erased_at IS NULL) AND e.next_attempt_at <= now()
            ORDER BY e.next_attempt_at LIMIT $1 FOR UPDATE OF e SKIP LOCKED""";

    @Inject
    Pool pool;

    @Inject
    ErasureConfig config;

    @Inject
    @RestClient
    SurveyErasureClient surveys;

    private InternalTokenMinter minter;

    @PostConstruct
    void init() {
        if (config.enabled()) {
            // survey-service takes /internal calls signed with the producers' key, for the services' audience.
            minter = InternalTokenMinter.forPeerCalls(config.signingKey(), SERVICE);
        }
    }

    @Scheduled(every = "${cxmeter.erasures.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = RelayDisabled.class)
    Uni<Void> tick() {
        return relayOnce().onFailure().invoke(e -> LOG.warnf("Carrying erasures on failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One round over the due erasures; how many were completed. */
    public Uni<Integer> relayOnce() {
        return pool.withTransaction(connection -> connection.preparedQuery(CLAIM).execute(Tuple.of(BATCH))
                .flatMap(rows -> {
                    List<Row> due = new ArrayList<>();
                    rows.forEach(due::add);
                    return Multi.createFrom().iterable(due)
                            .onItem().transformToUniAndConcatenate(row -> advance(connection, row))
                            .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
                }));
    }

    private Uni<Integer> advance(SqlConnection connection, Row row) {
        Uni<Boolean> survey = row.getOffsetDateTime("survey_erased_at") != null ? Uni.createFrom().item(true)
                : eraseInSurveys(connection, row);
        return survey.flatMap(surveyDone -> {
            boolean metricsDone = row.getOffsetDateTime("metrics_erased_at") != null
                    || row.getOffsetDateTime("event_published_at") != null;
            Uni<Void> metrics = row.getOffsetDateTime("metrics_erased_at") != null || !metricsDone
                    ? Uni.createFrom().voidItem()
                    : connection.preparedQuery("UPDATE customer_erasure SET metrics_erased_at = now() WHERE id = $1")
                            .execute(Tuple.of(row.getUUID("id")))
                            .flatMap(done -> connection.preparedQuery("DELETE FROM outbox_event WHERE id = $1")
                                    .execute(Tuple.of(row.getUUID("outbox_event_id"))))
                            .replaceWithVoid();
            return metrics.flatMap(done -> {
                if (surveyDone && metricsDone) {
                    return connection.preparedQuery("UPDATE customer_erasure SET customer_key = NULL WHERE id = $1")
                            .execute(Tuple.of(row.getUUID("id"))).map(cleared -> 1);
                }
                // Waiting for the outbox relay: look again soon, without counting it as a failed try.
                return surveyDone ? connection.preparedQuery("UPDATE customer_erasure SET next_attempt_at = now()"
                        + " + make_interval(secs => $2) WHERE id = $1")
                        .execute(Tuple.of(row.getUUID("id"), (double) config.interval().toMillis() / 1000)).map(later -> 0)
                        : Uni.createFrom().item(0);
            });
        });
    }

    /** Whether survey-service has erased the customer; on failure the erasure is tried again later. */
    private Uni<Boolean> eraseInSurveys(SqlConnection connection, Row row) {
        String token = minter.mintPeerCall(SERVICE, row.getString("tenant_id"), row.getString("zone"));
        return surveys.erase("Bearer " + token, new SurveyErasureClient.Request(row.getString("customer_key")))
                .flatMap(answer -> connection.preparedQuery("UPDATE customer_erasure SET survey_erased_at = now() WHERE id = $1")
                        .execute(Tuple.of(row.getUUID("id"))).map(done -> true))
                .onFailure().recoverWithUni(failure -> {
                    int attempts = row.getInteger("attempts") + 1;
                    long seconds = Backoff.seconds(attempts, config.maxBackoff());
                    LOG.warnf("Erasure %s not yet applied by survey-service (attempt %d, next in %d s): %s",
                            row.getUUID("id"), attempts, seconds, failure.toString());
                    return connection.preparedQuery("UPDATE customer_erasure SET attempts = $2, next_attempt_at = $3 WHERE id = $1")
                            .execute(Tuple.of(row.getUUID("id"), attempts, OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(seconds)))
                            .map(done -> false);
                });
    }

    /** Lets tests and single-purpose deployments switch the relay off. */
    @ApplicationScoped
    public static class RelayDisabled implements Scheduled.SkipPredicate {

        @Inject
        ErasureConfig config;

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.enabled();
        }
    }
}
