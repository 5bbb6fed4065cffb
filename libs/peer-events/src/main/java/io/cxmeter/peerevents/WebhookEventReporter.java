package io.cxmeter.peerevents;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.cxmeter.internalauth.InternalTokenMinter;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reports a table of waiting events to survey-service's webhook intake, at least once. A round
 * leases the due rows ({@code FOR UPDATE SKIP LOCKED}, their next attempt moved past the call's
 * timeout), so replicas share the work and no lock is held during the call; the rows survey-service
 * took are acknowledged, the others tried again with a back-off of 2, 4, 8 … seconds up to a maximum.
 * The table has {@code id bigint}, {@code tenant_id}, {@code attempts} and {@code next_attempt_at}.
 */
public final class WebhookEventReporter {

    private static final Logger LOG = Logger.getLogger(WebhookEventReporter.class);
    private static final int BATCH = 500;
    private static final double LEASE_SECONDS = 60;

    /**
     * Where the events wait: the table, which of its rows still wait ({@code waiting}, SQL), what
     * acknowledges taken rows ({@code acknowledge}, SQL with {@code $1} their ids), and the event a
     * row is.
     */
    public record Source(String what, String table, String waiting, String acknowledge, Function<Row, SurveyWebhookEvents.Event> event) {
    }

    private final Pool pool;
    private final SurveyWebhookEvents surveys;
    private final InternalTokenMinter minter;
    private final String service;
    private final Source source;
    private final Duration maxBackoff;
    private final String lease;

    /** {@code service} names the caller in its producer-signed token. */
    public WebhookEventReporter(Pool pool, SurveyWebhookEvents surveys, String signingKey, String service, Source source,
            Duration maxBackoff) {
        this.pool = pool;
        this.surveys = surveys;
        this.minter = InternalTokenMinter.forPeerCalls(signingKey, service);
        this.service = service;
        this.source = source;
        this.maxBackoff = maxBackoff;
        // UPDATE … RETURNING hands rows back in no set order: they are read back in the order they were
        // written (ids follow the writes), so each tenant's events are reported in the order they happened.
        this.lease = "WITH due AS (SELECT id FROM " + source.table() + " WHERE " + source.waiting()
                + " AND next_attempt_at <= now() ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED),"
                + " leased AS (UPDATE " + source.table() + " e SET next_attempt_at = now() + make_interval(secs => $2)"
                + " FROM due WHERE e.id = due.id RETURNING e.*) SELECT * FROM leased ORDER BY id";
    }

    /** One round: the due events reported, per tenant; how many survey-service took. */
    public Uni<Integer> reportOnce() {
        return pool.withTransaction(connection -> connection.preparedQuery(lease).execute(Tuple.of(BATCH, LEASE_SECONDS)))
                .flatMap(leased -> {
                    Map<String, List<Row>> byTenant = new LinkedHashMap<>();
                    leased.forEach(row -> byTenant.computeIfAbsent(row.getString("tenant_id"), key -> new ArrayList<>()).add(row));
                    return Multi.createFrom().iterable(byTenant.entrySet())
                            .onItem().transformToUniAndConcatenate(batch -> report(batch.getKey(), batch.getValue()))
                            .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
                });
    }

    private Uni<Integer> report(String tenantId, List<Row> rows) {
        Long[] ids = rows.stream().map(row -> row.getLong("id")).toArray(Long[]::new);
        List<SurveyWebhookEvents.Event> events = rows.stream().map(source.event()).toList();
        String token = minter.mintPeerCall(service, tenantId, null);
        return surveys.report("Bearer " + token, new SurveyWebhookEvents.Batch(events))
                .flatMap(taken -> pool.preparedQuery(source.acknowledge()).execute(Tuple.of(ids)).map(done -> rows.size()))
                .onFailure().recoverWithUni(failure -> {
                    int attempts = rows.stream().mapToInt(row -> row.getInteger("attempts")).max().orElse(0) + 1;
                    long seconds = Math.min(maxBackoff.toSeconds(), 1L << Math.min(attempts, 16));
                    LOG.warnf("%d %s not yet taken by survey-service (attempt %d, next in %d s): %s", rows.size(), source.what(),
                            attempts, seconds, failure.toString());
                    return pool.preparedQuery("UPDATE " + source.table() + " SET attempts = $2, next_attempt_at = $3 WHERE id = ANY ($1)")
                            .execute(Tuple.of(ids, attempts, OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(seconds)))
                            .map(done -> 0);
                });
    }
}
