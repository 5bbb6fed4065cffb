package io.cxmeter.metrics.facts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.cxmeter.metrics.facts.AggregateUpdate.Episode;
import io.cxmeter.metrics.rollup.Delta;
import io.cxmeter.metrics.rollup.Grain;
import io.cxmeter.metrics.rollup.Layout;
import io.cxmeter.metrics.rollup.RollupKey;
import io.cxmeter.metrics.rollup.RollupWriter;
import io.cxmeter.metrics.rollup.Rollups;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Applies aggregate updates to the facts and keeps the rollups equal to the sum of the facts: an
 * update takes away what the aggregate contributed before and adds what it contributes now, in the
 * caller's transaction. Rollup rows are added to in SQL, never read back, so batches (and replicas)
 * apply in parallel; the version row of an aggregate, locked while its update is applied, keeps two
 * deliveries of the same aggregate apart.
 */
@ApplicationScoped
public class FactStore {

    /**
     * Records each update's version unless a newer one was applied, and answers the updates that got
     * through: they are the ones to apply. The row lock it takes keeps two deliveries of one aggregate
     * from applying at once; rows are locked in key order, so concurrent batches cannot deadlock.
     * {@code created} tells a first sight of the aggregate (a row just inserted has no xmax) from an
     * update: only an update has facts to take away.
     */
    /**
     * The key under which an erased customer's tombstone is kept: a one-way hash of tenant and id, a
     * suppression record that still stops an older update from bringing the customer back without
     * storing who it was.
     */
    static final String ERASED_KEY = "'erased:' || encode(sha256(convert_to($1 || ':' || %s, 'UTF8')), 'hex')";

    private static final String GATE = """
            INSERT INTO aggregate_version (tenant_id, source, aggregate_id, version, deleted)
            SELECT $1, u.source, u.aggregate_id, u.version, u.deleted
            FROM unnest($2::text[], $3::text[], $4::int8[], $5::bool[]) WITH ORDINALITY AS u(source, aggregate_id, version, deleted, ord)
            WHERE NOT EXISTS (SELECT 1 FROM aggregate_version e
                              WHERE u.source = 'customer' AND e.tenant_id = $1 AND e.source = 'customer'
                                AND e.aggregate_id = """ + ERASED_KEY.formatted("u.aggregate_id") + """
                                AND e.version >= u.version)
            ORDER BY u.ord
            ON CONFLICT (tenant_id, source, aggregate_id) DO UPDATE SET version = EXCLUDED.version, deleted = EXCLUDED.deleted
            WHERE aggregate_version.version <= EXCLUDED.version
            RETURNING source, aggregate_id, xmax = 0 AS created""";

    private static final String DELETE_CONTRIBUTIONS = """
            DELETE FROM contribution c USING unnest($2::text[], $3::text[]) AS k(source, aggregate_id)
            WHERE c.tenant_id = $1 AND c.source = k.source AND c.aggregate_id = k.aggregate_id
            RETURNING c.family, c.scope, c.at, c.channel, c.team, c.agent, c.touchpoint, c.locale, c.customer_id, c.c, c.h""";

    private static final String DELETE_CUSTOMER_INTERACTIONS = """
            DELETE FROM contribution c WHERE c.tenant_id = $1 AND c.customer_id = ANY($2)
              AND (c.source = 'engagement' OR c.family = 'interaction')
            RETURNING c.source, c.aggregate_id, c.family, c.scope, c.at, c.channel, c.team, c.agent, c.touchpoint, c.locale, c.customer_id, c.c, c.h""";

    private static final String INSERT_CONTRIBUTIONS = """
            INSERT INTO contribution (tenant_id, source, aggregate_id, family, scope, at, channel, team, agent, touchpoint,
                                      locale, customer_id, c, h, priority, tags)
            SELECT $1, u.source, u.aggregate_id, u.family, u.scope, u.at, u.channel, u.team, u.agent, u.touchpoint, u.locale,
                   u.customer_id, ($13::float8[])[u.c_from:u.c_to], u.h, u.priority, string_to_array(nullif(u.tags, ''), chr(31))
            FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[],
                   $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $14::int4[], $15::int4[], $16::jsonb[],
                   $17::text[], $18::text[])
                   AS u(source, aggregate_id, family, scope, at, channel, team, agent, touchpoint, locale, customer_id,
                        c_from, c_to, h, priority, tags)""";

    /**
     * Everything one batch changes: the updates of aggregates (an erased customer is a removal of it)
     * and the customers erased, whose engagement events and interactions are removed as well and whose
     * other facts no longer name them.
     */
    public record Changes(List<AggregateUpdate> updates, List<String> erasedCustomers) {

        /** Changes in the order their events were received. */
        public static final class Collector {

            private final List<AggregateUpdate> updates = new ArrayList<>();
            private final List<String> erased = new ArrayList<>();

            public void update(AggregateUpdate update) {
                updates.add(update);
            }

            /**
             * Erases the customer: the changes collected so far forget it (its engagement and
             * interactions go, nothing else names it), as the erasure does with what was stored before it.
             */
            public void erase(String customerId, AggregateUpdate removal) {
                updates.removeIf(u -> u.source() == AggregateUpdate.Source.ENGAGEMENT
                        && u.contributions().stream().allMatch(c -> customerId.equals(c.customerId())));
                updates.replaceAll(u -> u.forgetting(customerId));
                erased.add(customerId);
                updates.add(removal);
            }

            public Changes changes() {
                return new Changes(updates, erased);
            }
        }
    }

    /** Applies the changes; the number of aggregate updates applied (late, older ones are skipped). */
    public Uni<Integer> apply(SqlConnection connection, String tenantId, ZoneId zone, Changes changes) {
        Map<String, AggregateUpdate> latest = new java.util.TreeMap<>();
        for (AggregateUpdate update : changes.updates()) {
            latest.merge(key(update.source().wire(), update.aggregateId()), update,
                    (a, b) -> b.version() >= a.version() ? b : a);
        }
        if (latest.isEmpty() && changes.erasedCustomers().isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return calendar(connection, tenantId, zone)
                .flatMap(ignored -> fresh(connection, tenantId, latest))
                .flatMap(applied -> write(connection, tenantId, zone, applied, changes.erasedCustomers())
                        .map(done -> applied.updates().size()));
    }

    /**
     * The updates that got through the gate (not older than what was applied before, now recorded as
     * applied, in key order), and which of them are the first sight of their aggregate.
     */
    private record Applied(List<AggregateUpdate> updates, java.util.Set<String> created) {

        static final Applied NONE = new Applied(List.of(), java.util.Set.of());

        /** The updates of aggregates seen before: only they have facts to take away. */
        List<AggregateUpdate> seenBefore() {
            return updates.stream().filter(u -> !created.contains(key(u.source().wire(), u.aggregateId()))).toList();
        }
    }

    private Uni<Applied> fresh(SqlConnection connection, String tenantId, Map<String, AggregateUpdate> latest) {
        if (latest.isEmpty()) {
            return Uni.createFrom().item(Applied.NONE);
        }
        List<AggregateUpdate> updates = new ArrayList<>(latest.values());
        return connection.preparedQuery(GATE).execute(Tuple.of(tenantId,
                updates.stream().map(u -> u.source().wire()).toArray(String[]::new),
                updates.stream().map(AggregateUpdate::aggregateId).toArray(String[]::new),
                updates.stream().map(AggregateUpdate::version).toArray(Long[]::new),
                updates.stream().map(AggregateUpdate::deleted).toArray(Boolean[]::new))).map(rows -> {
                    java.util.Set<String> through = new java.util.HashSet<>();
                    java.util.Set<String> created = new java.util.HashSet<>();
                    rows.forEach(row -> {
                        String key = key(row.getString("source"), row.getString("aggregate_id"));
                        through.add(key);
                        if (row.getBoolean("created")) {
                            created.add(key);
                        }
                    });
                    return new Applied(updates.stream().filter(u -> through.contains(key(u.source().wire(), u.aggregateId())))
                            .toList(), created);
                });
    }

    private Uni<Void> write(SqlConnection connection, String tenantId, ZoneId zone, Applied applied, List<String> erased) {
        Map<RollupKey, Delta> deltas = new HashMap<>();
        List<AggregateUpdate> seenBefore = applied.seenBefore();
        Uni<Void> removed = seenBefore.isEmpty() ? Uni.createFrom().voidItem()
                : connection.preparedQuery(DELETE_CONTRIBUTIONS).execute(Tuple.of(tenantId,
                        seenBefore.stream().map(u -> u.source().wire()).toArray(String[]::new),
                        seenBefore.stream().map(AggregateUpdate::aggregateId).toArray(String[]::new)))
                        .invoke(rows -> rows.forEach(row -> Rollups.add(deltas, contribution(row), -1, zone, Rollups.GRAINS)))
                        .replaceWithVoid();
        return removed.flatMap(ignored -> forget(connection, tenantId, zone, erased, deltas))
                .flatMap(ignored -> insertContributions(connection, tenantId, applied.updates(), zone, deltas))
                .flatMap(ignored -> episodes(connection, tenantId, applied.updates(), seenBefore))
                .flatMap(ignored -> customers(connection, tenantId, applied.updates(), seenBefore))
                .flatMap(ignored -> RollupWriter.add(connection, tenantId, deltas));
    }

    /**
     * What erasing the customers removes beyond the customer itself (a removal update): their engagement
     * and interactions, taken out of the rollups too, and the version rows of their engagement, whose
     * ids name them; the customer's tombstone is kept under a hash of the id ({@link #ERASED_KEY}). Their other facts (a response's score) stay, no longer linked to them; a
     * customer's own facts are its versions' to keep or remove (see {@link AggregateUpdate#forgetting}).
     */
    private Uni<Void> forget(SqlConnection connection, String tenantId, ZoneId zone, List<String> erased,
            Map<RollupKey, Delta> deltas) {
        if (erased.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] customers = erased.toArray(String[]::new);
        return connection.preparedQuery(DELETE_CUSTOMER_INTERACTIONS).execute(Tuple.of(tenantId, customers))
                .flatMap(rows -> {
                    List<String> engagements = new ArrayList<>();
                    rows.forEach(row -> {
                        Rollups.add(deltas, contribution(row), -1, zone, Rollups.GRAINS);
                        if (AggregateUpdate.Source.ENGAGEMENT.wire().equals(row.getString("source"))) {
                            engagements.add(row.getString("aggregate_id"));
                        }
                    });
                    return engagements.isEmpty() ? Uni.createFrom().voidItem() : connection.preparedQuery("""
                            DELETE FROM aggregate_version
                            WHERE tenant_id = $1 AND source = 'engagement' AND aggregate_id = ANY($2)""")
                            .execute(Tuple.of(tenantId, engagements.toArray(String[]::new))).replaceWithVoid();
                })
                .flatMap(ignored -> connection.preparedQuery("""
                        UPDATE contribution SET customer_id = NULL
                        WHERE tenant_id = $1 AND customer_id = ANY($2)
                          AND NOT (source = 'customer' AND aggregate_id = customer_id)""")
                        .execute(Tuple.of(tenantId, customers)))
                // The customer's tombstone named them: it is kept under a hash of the id instead.
                .flatMap(ignored -> connection.preparedQuery("""
                        WITH tomb AS (
                            DELETE FROM aggregate_version
                            WHERE tenant_id = $1 AND source = 'customer' AND aggregate_id = ANY($2) AND deleted
                            RETURNING aggregate_id, version)
                        INSERT INTO aggregate_version (tenant_id, source, aggregate_id, version, deleted)
                        SELECT $1, 'customer', """ + ERASED_KEY.formatted("tomb.aggregate_id") + """
                        , version, true FROM tomb
                        ON CONFLICT (tenant_id, source, aggregate_id)
                        DO UPDATE SET version = greatest(aggregate_version.version, EXCLUDED.version)""")
                        .execute(Tuple.of(tenantId, customers)).replaceWithVoid());
    }

    private Uni<Void> insertContributions(SqlConnection connection, String tenantId, List<AggregateUpdate> applied, ZoneId zone,
            Map<RollupKey, Delta> deltas) {
        int n = applied.stream().mapToInt(u -> u.contributions().size()).sum();
        if (n == 0) {
            return Uni.createFrom().voidItem();
        }
        String[] source = new String[n];
        String[] aggregate = new String[n];
        String[] family = new String[n];
        String[] scope = new String[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        String[] channel = new String[n];
        String[] team = new String[n];
        String[] agent = new String[n];
        String[] touchpoint = new String[n];
        String[] locale = new String[n];
        String[] customer = new String[n];
        String[] priority = new String[n];
        String[] tags = new String[n];
        Double[] counters = new Double[applied.stream().flatMap(u -> u.contributions().stream())
                .mapToInt(c -> Layout.size(c.family())).sum()];
        Integer[] countersFrom = new Integer[n];
        Integer[] countersTo = new Integer[n];
        JsonObject[] histograms = new JsonObject[n];
        int i = 0;
        int offset = 0;
        for (AggregateUpdate update : applied) {
            for (Contribution c : update.contributions()) {
                source[i] = update.source().wire();
                aggregate[i] = update.aggregateId();
                family[i] = c.family().wire();
                scope[i] = c.scope();
                at[i] = utc(c.at());
                channel[i] = c.channel();
                team[i] = c.team();
                agent[i] = c.agent();
                touchpoint[i] = c.touchpoint();
                locale[i] = c.locale();
                customer[i] = c.customerId();
                priority[i] = c.priority();
                tags[i] = tags(c.tags());
                Layout.Packed packed = Layout.pack(c.family(), c.state());
                packed.countersInto(counters, offset);
                countersFrom[i] = offset + 1;
                offset += Layout.size(c.family());
                countersTo[i] = offset;
                histograms[i] = c.state().histogramsJson();
                Rollups.add(deltas, c, packed, 1, zone, Rollups.GRAINS);
                i++;
            }
        }
        return connection.preparedQuery(INSERT_CONTRIBUTIONS).execute(Tuple.wrap(new ArrayList<>(Arrays.asList(tenantId,
                source, aggregate, family, scope, at, channel, team, agent, touchpoint, locale, customer, counters, countersFrom,
                countersTo, histograms, priority, tags))))
                .replaceWithVoid();
    }

    private Uni<Void> episodes(SqlConnection connection, String tenantId, List<AggregateUpdate> applied,
            List<AggregateUpdate> seenBefore) {
        List<AggregateUpdate> tickets = tickets(applied);
        if (tickets.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<AggregateUpdate> known = tickets(seenBefore);
        List<Object[]> rows = new ArrayList<>();
        for (AggregateUpdate ticket : tickets) {
            for (Episode e : ticket.episodes()) {
                rows.add(new Object[] {ticket.aggregateId(), utc(e.resolvedAt()), utc(e.reopenedAt()), e.seconds(), e.channel(),
                    e.team(), e.agent(), utc(e.assignedAt()), e.assignee(), e.firstContact(), e.businessSeconds(),
                    utc(e.previousResolvedAt()), e.priority(), tags(e.tags())});
            }
        }
        Uni<Void> removed = known.isEmpty() ? Uni.createFrom().voidItem()
                : connection.preparedQuery("DELETE FROM ticket_episode WHERE tenant_id = $1 AND ticket_id = ANY($2)")
                        .execute(Tuple.of(tenantId, known.stream().map(AggregateUpdate::aggregateId).toArray(String[]::new)))
                        .replaceWithVoid();
        return removed.flatMap(ignored -> rows.isEmpty() ? Uni.createFrom().voidItem() : connection.preparedQuery("""
                        INSERT INTO ticket_episode (tenant_id, ticket_id, resolved_at, reopened_at, seconds, channel, team, agent,
                                                    assigned_at, assignee, first_contact, business_seconds, previous_resolved_at,
                                                    priority, tags)
                        SELECT $1, u.ticket_id, u.resolved_at, u.reopened_at, u.seconds, u.channel, u.team, u.agent, u.assigned_at,
                               u.assignee, u.first_contact, u.business_seconds, u.previous_resolved_at, u.priority,
                               string_to_array(nullif(u.tags, ''), chr(31))
                        FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[], $5::float8[], $6::text[],
                               $7::text[], $8::text[], $9::timestamptz[], $10::text[], $11::bool[], $12::float8[],
                               $13::timestamptz[], $14::text[], $15::text[])
                               AS u(ticket_id, resolved_at, reopened_at, seconds, channel, team, agent, assigned_at, assignee,
                                    first_contact, business_seconds, previous_resolved_at, priority, tags)""")
                        .execute(Tuple.wrap(new ArrayList<>(Arrays.asList(tenantId,
                                column(rows, 0, String[]::new), column(rows, 1, OffsetDateTime[]::new),
                                column(rows, 2, OffsetDateTime[]::new), column(rows, 3, Double[]::new),
                                column(rows, 4, String[]::new), column(rows, 5, String[]::new), column(rows, 6, String[]::new),
                                column(rows, 7, OffsetDateTime[]::new), column(rows, 8, String[]::new),
                                column(rows, 9, Boolean[]::new), column(rows, 10, Double[]::new),
                                column(rows, 11, OffsetDateTime[]::new), column(rows, 12, String[]::new),
                                column(rows, 13, String[]::new)))))
                        .replaceWithVoid());
    }

    private Uni<Void> customers(SqlConnection connection, String tenantId, List<AggregateUpdate> applied,
            List<AggregateUpdate> seenBefore) {
        List<AggregateUpdate> customers = customers(applied);
        if (customers.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<AggregateUpdate> known = customers(seenBefore);
        List<AggregateUpdate> present = customers.stream().filter(u -> !u.deleted() && u.customer() != null).toList();
        Uni<Void> removed = known.isEmpty() ? Uni.createFrom().voidItem()
                : connection.preparedQuery("DELETE FROM customer_fact WHERE tenant_id = $1 AND customer_id = ANY($2)")
                        .execute(Tuple.of(tenantId, known.stream().map(AggregateUpdate::aggregateId).toArray(String[]::new)))
                        .replaceWithVoid();
        return removed.flatMap(ignored -> present.isEmpty() ? Uni.createFrom().voidItem() : connection.preparedQuery("""
                        INSERT INTO customer_fact (tenant_id, customer_id, since, churned_at, referred)
                        SELECT $1, u.* FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[], $5::bool[]) AS u""")
                        .execute(Tuple.of(tenantId,
                                present.stream().map(AggregateUpdate::aggregateId).toArray(String[]::new),
                                present.stream().map(u -> utc(u.customer().since())).toArray(OffsetDateTime[]::new),
                                present.stream().map(u -> utc(u.customer().churnedAt())).toArray(OffsetDateTime[]::new),
                                present.stream().map(u -> u.customer().referred()).toArray(Boolean[]::new)))
                        .replaceWithVoid());
    }

    private static List<AggregateUpdate> tickets(List<AggregateUpdate> updates) {
        return updates.stream().filter(u -> u.source() == AggregateUpdate.Source.TICKET).toList();
    }

    private static List<AggregateUpdate> customers(List<AggregateUpdate> updates) {
        return updates.stream().filter(u -> u.source() == AggregateUpdate.Source.CUSTOMER).toList();
    }

    /**
     * Makes sure the tenant's rollups are cut in {@code zone} and by the current layout ({@link Rollups#LAYOUT}):
     * the first batch of a tenant records both; a batch in another zone (the tenant changed its time zone),
     * or the first after the layout changed, recuts them from the facts.
     */
    private Uni<Void> calendar(SqlConnection connection, String tenantId, ZoneId zone) {
        return connection.preparedQuery("SELECT zone, layout FROM tenant_calendar WHERE tenant_id = $1").execute(Tuple.of(tenantId))
                .flatMap(rows -> {
                    Row stored = rows.size() == 0 ? null : rows.iterator().next();
                    if (stored != null && zone.getId().equals(stored.getString("zone")) && stored.getShort("layout") == Rollups.LAYOUT) {
                        return Uni.createFrom().voidItem();
                    }
                    Uni<Void> recorded = connection.preparedQuery("""
                            INSERT INTO tenant_calendar (tenant_id, zone, layout) VALUES ($1, $2, $3)
                            ON CONFLICT (tenant_id) DO UPDATE SET zone = EXCLUDED.zone, layout = EXCLUDED.layout""")
                            .execute(Tuple.of(tenantId, zone.getId(), Rollups.LAYOUT)).replaceWithVoid();
                    return stored == null ? recorded : recorded.flatMap(ignored -> recut(connection, tenantId, zone));
                });
    }

    /** Rebuilds every rollup row of the tenant from its contributions, in one transaction. */
    private Uni<Void> recut(SqlConnection connection, String tenantId, ZoneId zone) {
        // A zone or layout change is rare: it takes the tenant's lock so that two batches do not both recut.
        return connection.preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))").execute(Tuple.of(tenantId))
                .flatMap(locked -> RollupWriter.clear(connection, tenantId))
                .flatMap(ignored -> connection.preparedQuery("""
                        SELECT family, scope, at, channel, team, agent, touchpoint, locale, customer_id, c, h
                        FROM contribution WHERE tenant_id = $1""").execute(Tuple.of(tenantId)))
                .flatMap(rows -> {
                    Map<RollupKey, Delta> deltas = new HashMap<>();
                    rows.forEach(row -> Rollups.add(deltas, contribution(row), 1, zone, Rollups.GRAINS));
                    return RollupWriter.add(connection, tenantId, deltas);
                });
    }

    static Contribution contribution(Row row) {
        return new Contribution(Family.fromWire(row.getString("family")), row.getString("scope"),
                row.getOffsetDateTime("at").toInstant(), row.getString("channel"), row.getString("team"),
                row.getString("agent"), row.getString("touchpoint"), row.getString("locale"), row.getString("customer_id"),
                Layout.decode(Family.fromWire(row.getString("family")), row.getArrayOfDoubles("c"), (JsonObject) row.getValue("h")));
    }

    static Grain grain(short code) {
        return Arrays.stream(Grain.values()).filter(g -> g.code() == code).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static <T> T[] column(List<Object[]> rows, int index, java.util.function.IntFunction<T[]> array) {
        T[] out = array.apply(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out[i] = (T) rows.get(i)[index];
        }
        return out;
    }

    /** A fact's tags as one text (unit separators between them), made an array in SQL; null without tags. */
    private static String tags(List<String> tags) {
        return tags == null || tags.isEmpty() ? null : String.join("\u001f", tags);
    }

    private static String key(String source, String id) {
        return source + "\u0000" + id;
    }

    static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
