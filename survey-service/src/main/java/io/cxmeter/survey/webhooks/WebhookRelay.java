package io.cxmeter.survey.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.cxmeter.survey.delivery.Sealing;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Delivers due webhook messages: claims them with {@code FOR UPDATE SKIP LOCKED} (replicas share the
 * work, a message is tried by one at a time), signs each try (Standard Webhooks), POSTs it, and
 * records what the receiver answered. A 2xx is a success; anything else, no answer in time, or a
 * target that now resolves inward is a failure, tried again after the next pause of the retry
 * schedule until the schedule is used up: then the delivery has failed, and an endpoint that has not
 * taken a single delivery since that one started failing is disabled, with the reason.
 */
@ApplicationScoped
public class WebhookRelay {

    private static final Logger LOG = Logger.getLogger(WebhookRelay.class);
    private static final int ANSWER_EXCERPT = 1000;

    private static final String CLAIM = """
            SELECT d.tenant_id, d.id, d.endpoint_id, d.attempts, d.schedule_start, d.message_id, m.body, e.url,
                   e.secret_sealed, e.previous_secret_sealed, e.previous_secret_until
            FROM webhook_delivery d
            JOIN webhook_message m ON m.tenant_id = d.tenant_id AND m.id = d.message_id
            JOIN webhook_endpoint e ON e.tenant_id = d.tenant_id AND e.id = d.endpoint_id
            WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND e.enabled
            ORDER BY d.next_attempt_at LIMIT $1 FOR UPDATE OF d SKIP LOCKED""";

    /** One try's outcome: the receiver's status and answer, or why there was none. */
    record Outcome(Row delivery, OffsetDateTime at, Integer statusCode, int latencyMs, String answer, String error) {
        boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    @Inject
    Pool pool;

    @Inject
    WebhookConfig config;

    @Inject
    WebhookTargets targets;

    @Inject
    Sealing sealing;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Scheduled(every = "${cxmeter.webhooks.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = RelayDisabled.class)
    Uni<Void> tick() {
        return relayOnce().onFailure().invoke(e -> LOG.warnf("Delivering webhooks failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One round: every due delivery tried once, in parallel; the number that succeeded. */
    public Uni<Integer> relayOnce() {
        return pool.withTransaction(connection -> connection.preparedQuery(CLAIM).execute(Tuple.of(config.batchSize()))
                .flatMap(rows -> {
                    List<Row> due = new ArrayList<>();
                    rows.forEach(due::add);
                    return Multi.createFrom().iterable(due)
                            .onItem().transformToUni(row -> Uni.createFrom().item(() -> attempt(row))
                                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                            .merge(Math.max(1, due.size())).collect().asList()
                            .flatMap(outcomes -> Multi.createFrom().iterable(outcomes)
                                    .onItem().transformToUniAndConcatenate(outcome -> record(connection, outcome))
                                    .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue)));
                }));
    }

    /** One signed POST (blocking: runs on a worker thread). */
    private Outcome attempt(Row delivery) {
        OffsetDateTime at = WebhookEndpoints.now();
        long started = System.nanoTime();
        String url = delivery.getString("url");
        String refusal = targets.refusal(url);
        if (refusal != null) {
            return new Outcome(delivery, at, null, 0, null, "not sent: the endpoint " + refusal);
        }
        String tenantId = delivery.getString("tenant_id");
        List<String> secrets = new ArrayList<>(List.of(sealing.open(tenantId, delivery.getString("secret_sealed"))));
        OffsetDateTime previousUntil = delivery.getOffsetDateTime("previous_secret_until");
        if (delivery.getString("previous_secret_sealed") != null && previousUntil != null && previousUntil.isAfter(at)) {
            secrets.add(sealing.open(tenantId, delivery.getString("previous_secret_sealed")));
        }
        String messageId = "msg_" + delivery.getUUID("message_id");
        long timestamp = at.toEpochSecond();
        String body = delivery.getString("body");
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(config.timeout())
                .header("content-type", "application/json")
                .header("user-agent", "cxmeter-webhooks/1")
                .header("webhook-id", messageId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSigner.signature(secrets, messageId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String answer;
            try (InputStream in = response.body()) {
                answer = new String(in.readNBytes(ANSWER_EXCERPT), StandardCharsets.UTF_8);
            }
            return new Outcome(delivery, at, response.statusCode(), millis(started), answer, null);
        } catch (java.net.http.HttpTimeoutException e) {
            return new Outcome(delivery, at, null, millis(started), null, "no answer within " + config.timeout().toMillis() + " ms");
        } catch (IOException e) {
            return new Outcome(delivery, at, null, millis(started), null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(delivery, at, null, millis(started), null, "interrupted");
        }
    }

    private Uni<Integer> record(SqlConnection connection, Outcome outcome) {
        Row delivery = outcome.delivery();
        String tenantId = delivery.getString("tenant_id");
        UUID id = delivery.getUUID("id");
        UUID endpoint = delivery.getUUID("endpoint_id");
        int attempt = delivery.getInteger("attempts") + 1;
        Uni<?> logged = connection.preparedQuery("INSERT INTO webhook_attempt (tenant_id, delivery_id, attempt, attempted_at,"
                + " status_code, latency_ms, answer, error) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .execute(Tuple.tuple(java.util.Arrays.asList(tenantId, id, attempt, outcome.at(), outcome.statusCode(),
                        outcome.latencyMs(), outcome.answer(), outcome.error())));
        if (outcome.succeeded()) {
            return logged.flatMap(ignored -> connection.preparedQuery("UPDATE webhook_delivery SET status = 'succeeded',"
                    + " attempts = $3, next_attempt_at = NULL, completed_at = $4 WHERE tenant_id = $1 AND id = $2")
                    .execute(Tuple.of(tenantId, id, attempt, outcome.at())))
                    .flatMap(ignored -> connection.preparedQuery("UPDATE webhook_endpoint SET failing_since = NULL"
                            + " WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenantId, endpoint)))
                    .map(ignored -> 1);
        }
        int failures = attempt - delivery.getInteger("schedule_start");
        List<Duration> schedule = config.retrySchedule();
        String why = outcome.error() != null ? outcome.error() : "HTTP " + outcome.statusCode();
        Uni<?> failing = logged.flatMap(ignored -> connection.preparedQuery("UPDATE webhook_endpoint"
                + " SET failing_since = coalesce(failing_since, $3) WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, endpoint, outcome.at())));
        if (failures <= schedule.size()) {
            OffsetDateTime next = outcome.at().plus(schedule.get(failures - 1));
            LOG.debugf("Webhook delivery %s failed (try %d, next at %s): %s", id, attempt, next, why);
            return failing.flatMap(ignored -> connection.preparedQuery("UPDATE webhook_delivery SET attempts = $3,"
                    + " next_attempt_at = $4 WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenantId, id, attempt, next)))
                    .map(ignored -> 0);
        }
        LOG.infof("Webhook delivery %s of tenant %s failed for good after %d tries: %s", id, tenantId, attempt, why);
        return failing.flatMap(ignored -> connection.preparedQuery("UPDATE webhook_delivery SET status = 'failed', attempts = $3,"
                + " next_attempt_at = NULL, completed_at = $4 WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id, attempt, outcome.at())))
                // No delivery to the endpoint succeeded since this one began failing: the endpoint is down for good.
                .flatMap(ignored -> connection.preparedQuery("""
                        UPDATE webhook_endpoint SET enabled = false, disabled_at = $3, disabled_reason = $4, updated_at = $3
                        WHERE tenant_id = $1 AND id = $2 AND enabled AND failing_since <= (
                            SELECT min(attempted_at) FROM webhook_attempt WHERE tenant_id = $1 AND delivery_id = $5
                              AND attempt > $6)""")
                        .execute(Tuple.of(tenantId, endpoint, outcome.at(),
                                "a delivery failed through its whole retry schedule and none succeeded meanwhile;"
                                        + " the last try: " + why, id, delivery.getInteger("schedule_start"))))
                .map(ignored -> 0);
    }

    private static int millis(long startedNanos) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - startedNanos) / 1_000_000);
    }

    /** Lets tests and single-purpose deployments switch the relay off. */
    @ApplicationScoped
    public static class RelayDisabled implements Scheduled.SkipPredicate {

        @Inject
        WebhookConfig config;

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.enabled();
        }
    }
}
