package io.cxmeter.ticket.customers;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.events.CustomerErased;
import io.cxmeter.events.CustomerUpserted;
import io.cxmeter.events.EngagementRecorded;
import io.cxmeter.events.Topic;
import io.cxmeter.imports.ImportResult;
import io.cxmeter.outbox.Outbox;
import io.cxmeter.ticket.followups.FollowUpStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;

/** Customers, their purchases and engagement events; every change with its outbox event. */
@ApplicationScoped
public class CustomerStore {


    private static final String UPSERT = """
            INSERT INTO customer (id, tenant_id, customer_key, since, churned_at, referred, attributes, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
            ON CONFLICT (tenant_id, customer_key) DO UPDATE SET since = EXCLUDED.since, churned_at = EXCLUDED.churned_at,
                referred = EXCLUDED.referred, attributes = EXCLUDED.attributes, updated_at = EXCLUDED.updated_at
            RETURNING customer_key, id, (xmax = 0) AS inserted""";

    private static final String INSERT_PURCHASES = """
            INSERT INTO purchase (customer_id, seq, tenant_id, amount, at)
            SELECT u.customer_id, u.seq, $1, u.amount, u.at
            FROM unnest($2::uuid[], $3::int[], $4::numeric[], $5::timestamptz[]) AS u(customer_id, seq, amount, at)""";

    private static final String INSERT_ENGAGEMENT = """
            INSERT INTO engagement_event (tenant_id, customer_key, type, at) VALUES ($1, $2, $3, $4)
            ON CONFLICT DO NOTHING RETURNING customer_key""";

    @Inject
    Pool pool;

    @Inject
    Outbox outbox;

    @Inject
    FollowUpStore followUps;



    public Uni<ImportResult> write(SqlConnection connection, String tenantId, List<CustomerDraft> customers) {
        return write(connection, tenantId, outbox.zone(), customers);
    }

    /** As above, with events in the tenant's time zone {@code zone} (work that outlives its request). */
    public Uni<ImportResult> write(SqlConnection connection, String tenantId, String zone, List<CustomerDraft> customers) {
        OffsetDateTime now = now();
        List<Tuple> rows = customers.stream().map(c -> Tuple.wrap(new ArrayList<>(Arrays.asList(UUID.randomUUID(),
                tenantId, c.id(), utc(c.since()), utc(c.churnedAt()), c.referred(), new JsonObject(c.attributes()), now))))
                .toList();
        return connection.preparedQuery(UPSERT).executeBatch(rows).flatMap(result -> {
            Map<String, UUID> ids = new HashMap<>();
            int created = 0;
            for (RowSet<Row> each = result; each != null; each = each.next()) {
                Row row = each.iterator().next();
                ids.put(row.getString("customer_key"), row.getUUID("id"));
                created += row.getBoolean("inserted") ? 1 : 0;
            }
            ImportResult written = new ImportResult(created, customers.size() - created);
            List<CustomerUpserted> messages = customers.stream().map(CustomerStore::event).toList();
            return connection.preparedQuery("DELETE FROM purchase WHERE customer_id = ANY($1)")
                    .execute(Tuple.of(ids.values().toArray(UUID[]::new)))
                    .flatMap(ignored -> connection.preparedQuery(INSERT_PURCHASES).execute(purchaseRows(tenantId, customers, ids)))
                    .flatMap(ignored -> outbox.add(connection, tenantId, messages, now, zone))
                    .map(ignored -> written);
        });
    }

    /** Stores the events not stored before; only those go to the outbox. */
    public Uni<ImportResult> record(SqlConnection connection, String tenantId, List<CustomerLines.Engagement> events) {
        return record(connection, tenantId, outbox.zone(), events);
    }

    /** As above, with events in the tenant's time zone {@code zone}. */
    public Uni<ImportResult> record(SqlConnection connection, String tenantId, String zone,
            List<CustomerLines.Engagement> events) {
        List<Tuple> rows = events.stream().map(e -> Tuple.of(tenantId, e.customerId(), e.type(), utc(e.at()))).toList();
        return connection.preparedQuery(INSERT_ENGAGEMENT).executeBatch(rows).flatMap(result -> {
            List<EngagementRecorded> fresh = new ArrayList<>();
            int i = 0;
            for (RowSet<Row> each = result; each != null; each = each.next(), i++) {
                if (each.rowCount() > 0) {
                    CustomerLines.Engagement e = events.get(i);
                    fresh.add(new EngagementRecorded(e.customerId(), e.type(), e.at()));
                }
            }
            ImportResult written = new ImportResult(fresh.size(), events.size() - fresh.size());
            return outbox.add(connection, tenantId, fresh, now(), zone).map(ignored -> written);
        });
    }

    public Uni<CustomerDraft> find(String tenantId, String key) {
        return pool.withConnection(connection -> connection
                .preparedQuery("SELECT id, customer_key, since, churned_at, referred, attributes FROM customer"
                        + " WHERE tenant_id = $1 AND customer_key = $2")
                .execute(Tuple.of(tenantId, key))
                .flatMap(rows -> rows.size() == 0 ? Uni.createFrom().nullItem() : withPurchases(connection, rows.iterator().next())));
    }

    /** Customers ordered by id, after {@code afterKey}; purchases are left out of listings. */
    public Uni<List<CustomerDraft>> page(String tenantId, String afterKey, int limit) {
        return pool.preparedQuery("SELECT customer_key, since, churned_at, referred, attributes FROM customer"
                + " WHERE tenant_id = $1 AND customer_key > $2 ORDER BY customer_key LIMIT $3")
                .execute(Tuple.of(tenantId, afterKey == null ? "" : afterKey, limit))
                .map(rows -> {
                    List<CustomerDraft> page = new ArrayList<>();
                    rows.forEach(row -> page.add(draft(row, null)));
                    return page;
                });
    }

    /**
     * Erases the customer from ticket-service: the customer with purchases and engagement events, the
     * link and subject of their tickets, their follow-ups with the notes taken, and every outbox event that names them (delivered ones are
     * deleted; waiting ones are dropped or lose the customer's id). Then tells metrics-service with a
     * {@code customer.erased} event, whose id it answers, found or not: the customer may be known to
     * the metrics only through other services' facts.
     */
    public Uni<UUID> erase(SqlConnection connection, String tenantId, String key) {
        Tuple args = Tuple.of(tenantId, key);
        return connection.preparedQuery("DELETE FROM customer WHERE tenant_id = $1 AND customer_key = $2").execute(args)
                .flatMap(ignored -> connection.preparedQuery(
                        "DELETE FROM engagement_event WHERE tenant_id = $1 AND customer_key = $2").execute(args))
                .flatMap(ignored -> connection.preparedQuery(
                        "UPDATE ticket SET customer_id = NULL, subject = NULL WHERE tenant_id = $1 AND customer_id = $2").execute(args))
                .flatMap(ignored -> followUps.eraseCustomer(connection, tenantId, key))
                .flatMap(ignored -> connection.preparedQuery("""
                        DELETE FROM outbox_event WHERE tenant_id = $1
                          AND (payload ->> 'customerId' = $2 OR (type = $3 AND aggregate_id = $2))
                          AND (published_at IS NOT NULL OR type <> $4)""").execute(Tuple.of(tenantId, key, Topic.CUSTOMER_UPSERTED.wire(), Topic.TICKET_UPSERTED.wire())))
                .flatMap(ignored -> connection.preparedQuery("""
                        UPDATE outbox_event SET payload = payload || '{"customerId": null, "subject": null}'
                        WHERE tenant_id = $1 AND published_at IS NULL AND payload ->> 'customerId' = $2""").execute(args))
                .flatMap(ignored -> outbox.addOne(connection, tenantId, new CustomerErased(key), now()));
    }

    /** The customer as metrics-service reads it: the relationship and purchases, never the tenant's attributes. */
    private static CustomerUpserted event(CustomerDraft c) {
        return new CustomerUpserted(c.id(), c.since(), c.churnedAt(), c.referred(), c.purchases() == null ? null
                : c.purchases().stream().map(p -> new CustomerUpserted.Purchase(p.amount(), p.at())).toList());
    }

    private Uni<CustomerDraft> withPurchases(SqlConnection connection, Row customer) {
        return connection.preparedQuery("SELECT amount, at FROM purchase WHERE customer_id = $1 ORDER BY at, seq")
                .execute(Tuple.of(customer.getUUID("id")))
                .map(rows -> {
                    List<CustomerDraft.Purchase> purchases = new ArrayList<>();
                    rows.forEach(row -> purchases.add(new CustomerDraft.Purchase(plain(row.getBigDecimal("amount")),
                            row.getOffsetDateTime("at").toInstant())));
                    return draft(customer, purchases);
                });
    }

    private static CustomerDraft draft(Row row, List<CustomerDraft.Purchase> purchases) {
        OffsetDateTime churned = row.getOffsetDateTime("churned_at");
        return new CustomerDraft(row.getString("customer_key"), row.getOffsetDateTime("since").toInstant(),
                churned == null ? null : churned.toInstant(), row.getBoolean("referred"), purchases,
                ((JsonObject) row.getValue("attributes")).getMap());
    }

    private static Tuple purchaseRows(String tenantId, List<CustomerDraft> customers, Map<String, UUID> ids) {
        List<UUID> owner = new ArrayList<>();
        List<Integer> seq = new ArrayList<>();
        List<Numeric> amount = new ArrayList<>();
        List<OffsetDateTime> at = new ArrayList<>();
        for (CustomerDraft customer : customers) {
            List<CustomerDraft.Purchase> purchases = customer.purchases() == null ? List.of() : customer.purchases();
            for (int i = 0; i < purchases.size(); i++) {
                owner.add(ids.get(customer.id()));
                seq.add(i);
                amount.add(Numeric.create(purchases.get(i).amount()));
                at.add(utc(purchases.get(i).at()));
            }
        }
        return Tuple.of(tenantId, owner.toArray(UUID[]::new), seq.toArray(Integer[]::new),
                amount.toArray(Numeric[]::new), at.toArray(OffsetDateTime[]::new));
    }

    /** 49.9000 reads back as 49.9 and 10.0000 as 10, as they were sent. */
    private static java.math.BigDecimal plain(java.math.BigDecimal amount) {
        java.math.BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private static OffsetDateTime utc(java.time.Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
