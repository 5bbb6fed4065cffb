package io.cxmeter.ticket.erasure;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.problem.ProblemException;
import io.cxmeter.ticket.customers.CustomerStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A customer's erasure everywhere, from one call: ticket-service erases at once, in the request's
 * transaction, and records the erasure as a durable work item ({@link ErasureRelay} carries it to
 * survey-service and waits for metrics-service to apply it) and as the receipt the tenant polls.
 */
@ApplicationScoped
public class CustomerErasures {

    static final String TICKET = "ticket-service";
    static final String SURVEY = "survey-service";
    static final String METRICS = "metrics-service";

    @Inject
    Pool pool;

    @Inject
    CustomerStore customers;

    public Uni<ErasureView> request(String tenantId, String customerKey) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return pool.withTransaction(connection -> customers.erase(connection, tenantId, customerKey)
                .flatMap(eventId -> connection.preparedQuery("""
                        INSERT INTO customer_erasure (id, tenant_id, customer_key, outbox_event_id, requested_at, next_attempt_at)
                        VALUES ($1, $2, $3, $4, $5, $5) RETURNING *""")
                        .execute(Tuple.of(id, tenantId, customerKey, eventId, now))))
                .map(rows -> view(rows.iterator().next()));
    }

    public Uni<ErasureView> get(String tenantId, UUID id) {
        return pool.preparedQuery("SELECT * FROM customer_erasure WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("No erasure " + id + ".");
                    }
                    return view(rows.iterator().next());
                });
    }

    static ErasureView view(Row row) {
        OffsetDateTime survey = row.getOffsetDateTime("survey_erased_at");
        OffsetDateTime metrics = row.getOffsetDateTime("metrics_erased_at");
        Map<String, String> services = new LinkedHashMap<>();
        services.put(TICKET, "done");
        services.put(SURVEY, survey == null ? "pending" : "done");
        services.put(METRICS, metrics == null ? "pending" : "done");
        boolean done = survey != null && metrics != null;
        return new ErasureView(row.getUUID("id").toString(), row.getString("customer_key"), done ? "done" : "pending",
                services, row.getOffsetDateTime("requested_at").toInstant(),
                done ? (survey.isAfter(metrics) ? survey : metrics).toInstant() : null);
    }
}
