package io.cxmeter.survey.followups;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.cxmeter.internalauth.InternalTokenMinter;
import io.cxmeter.outbox.Backoff;
import io.cxmeter.survey.responses.ResponseStore;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Opens the follow-up ticket of each negative response in ticket-service. A follow-up is written
 * with its response, so it is never lost; this relay tries it until ticket-service answers (a response
 * is accepted even while ticket-service is down), backing off per follow-up, and ticket-service opens
 * one ticket per response however often it is asked.
 */
@ApplicationScoped
public class FollowUpRelay {

    private static final Logger LOG = Logger.getLogger(FollowUpRelay.class);
    private static final int BATCH = 50;
    private static final String SERVICE = "survey-service";

    private static final String CLAIM = """
            SELECT tenant_id, survey_id, response_key, score, channel, customer_id, agent_id, ticket_id, zone, attempts
            FROM follow_up WHERE follow_up_ticket_id IS NULL AND next_attempt_at <= now()
            ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED""";

    @Inject
    Pool pool;

    @Inject
    FollowUpConfig config;

    @Inject
    @RestClient
    TicketFollowUpClient tickets;

    private InternalTokenMinter minter;

    @PostConstruct
    void init() {
        if (config.enabled()) {
            // ticket-service takes /internal calls signed with the producers' key, for the services' audience.
            minter = InternalTokenMinter.forPeerCalls(config.signingKey(), SERVICE);
        }
    }

    @Scheduled(every = "${cxmeter.follow-ups.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = RelayDisabled.class)
    Uni<Void> tick() {
        return relayOnce().onFailure().invoke(e -> LOG.warnf("Opening follow-up tickets failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One round: every due follow-up tried once; the number of tickets opened. */
    public Uni<Integer> relayOnce() {
        return pool.withTransaction(connection -> connection.preparedQuery(CLAIM).execute(Tuple.of(BATCH))
                .flatMap(rows -> {
                    List<Row> due = new java.util.ArrayList<>();
                    rows.forEach(due::add);
                    return Multi.createFrom().iterable(due)
                            .onItem().transformToUniAndConcatenate(row -> open(connection, row))
                            .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
                }));
    }

    private Uni<Integer> open(SqlConnection connection, Row row) {
        String responseId = ResponseStore.aggregate(row.getUUID("survey_id"), row.getString("response_key"));
        Double score = row.getDouble("score");
        TicketFollowUpClient.Request request = new TicketFollowUpClient.Request(responseId, row.getUUID("survey_id").toString(),
                score == null ? null : (int) Math.round(score), row.getString("channel"), row.getString("customer_id"),
                row.getString("agent_id"), row.getString("ticket_id"));
        // The token names the tenant and its zone, as the gateway's would: the ticket's events are cut in that zone.
        String token = minter.mintPeerCall(SERVICE, row.getString("tenant_id"), row.getString("zone"));
        Tuple key = Tuple.of(row.getString("tenant_id"), row.getUUID("survey_id"), row.getString("response_key"));
        return tickets.open("Bearer " + token, request)
                .flatMap(answer -> connection.preparedQuery("UPDATE follow_up SET follow_up_ticket_id = $4"
                        + " WHERE tenant_id = $1 AND survey_id = $2 AND response_key = $3")
                        .execute(Tuple.of(key.getValue(0), key.getValue(1), key.getValue(2), answer.ticketId())).map(done -> 1))
                .onFailure().recoverWithUni(failure -> {
                    int attempts = row.getInteger("attempts") + 1;
                    long seconds = Backoff.seconds(attempts, config.maxBackoff());
                    LOG.warnf("Follow-up of response %s not opened yet (attempt %d, next in %d s): %s", responseId, attempts,
                            seconds, failure.toString());
                    return connection.preparedQuery("UPDATE follow_up SET attempts = $4, next_attempt_at = $5"
                            + " WHERE tenant_id = $1 AND survey_id = $2 AND response_key = $3")
                            .execute(Tuple.of(key.getValue(0), key.getValue(1), key.getValue(2), attempts,
                                    OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(seconds)))
                            .map(done -> 0);
                });
    }

    /** Lets tests and single-purpose deployments switch the relay off. */
    @ApplicationScoped
    public static class RelayDisabled implements Scheduled.SkipPredicate {

        @Inject
        FollowUpConfig config;

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.enabled();
        }
    }
}
