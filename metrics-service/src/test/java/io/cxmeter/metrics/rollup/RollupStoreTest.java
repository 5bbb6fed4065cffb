package io.cxmeter.metrics.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.cxmeter.metrics.facts.Contribution;
import io.cxmeter.metrics.facts.Counters.Ticket;
import io.cxmeter.metrics.facts.Dimension;
import io.cxmeter.metrics.facts.Family;
import io.cxmeter.metrics.facts.Filter;
import io.cxmeter.metrics.facts.Histogram;
import io.cxmeter.metrics.rollup.RollupReader.Period;
import io.cxmeter.metrics.rollup.RollupReader.Query;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The rollup store on its own, below ingestion and the engine: contributions summed into deltas are
 * added by {@link RollupWriter} and read back by {@link RollupReader} for periods made of whole
 * buckets, which read no contribution (edges are covered through ingestion, e.g. EdgeSumsTest). Each
 * test has a tenant of its own.
 */
@QuarkusTest
class RollupStoreTest {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant MARCH_10 = Instant.parse("2026-03-10T00:00:00Z");
    private static final Instant MARCH_11 = Instant.parse("2026-03-11T00:00:00Z");
    private static final Instant MARCH_12 = Instant.parse("2026-03-12T00:00:00Z");

    @Inject
    Pool pool;

    @Inject
    RollupReader reader;

    /** A ticket created at {@code at} and first answered {@code frtSeconds} later, by {@code agent}. */
    private static Contribution ticket(String at, String channel, String agent, double frtSeconds) {
        State state = new State().add(Ticket.CREATED, 1).add(Ticket.FRT_N, 1).add(Ticket.FRT_SUM, frtSeconds)
                .record(Histogram.FRT, Sketch.bin(frtSeconds), 1);
        return new Contribution(Family.TICKET, "", Instant.parse(at), channel, "tier-1", agent, null, null, null, state);
    }

    private String tenant(ZoneId zone) {
        String tenant = "store-" + UUID.randomUUID();
        pool.preparedQuery("INSERT INTO tenant_calendar (tenant_id, zone, layout) VALUES ($1, $2, $3)")
                .execute(Tuple.of(tenant, zone.getId(), Rollups.LAYOUT)).await().indefinitely();
        return tenant;
    }

    private void write(String tenant, ZoneId zone, int sign, Contribution... contributions) {
        Map<RollupKey, Delta> deltas = new HashMap<>();
        for (Contribution c : contributions) {
            Rollups.add(deltas, c, sign, zone, Rollups.GRAINS);
        }
        pool.withTransaction(connection -> RollupWriter.add(connection, tenant, deltas)).await().indefinitely();
    }

    private PeriodSums read(String tenant, ZoneId zone, Dimension groupBy, List<Histogram> histograms, Period... periods) {
        return reader.read(new Query(tenant, zone, Family.TICKET, null, groupBy, Filter.NONE, List.of(periods), histograms,
                Layout.size(Family.TICKET))).await().indefinitely();
    }

    @Test
    void wholeBucketsAnswerTheSumsOfTheirFactsPerGroup() {
        String tenant = tenant(UTC);
        write(tenant, UTC, 1,
                ticket("2026-03-10T09:00:00Z", "email", "A1", 60),
                ticket("2026-03-10T15:00:00Z", "chat", "A2", 120),
                ticket("2026-03-11T08:00:00Z", "email", "A1", 30));
        Period day = new Period(0, MARCH_10, MARCH_11);
        Period twoDays = new Period(1, MARCH_10, MARCH_12);
        Period month = new Period(2, Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"));

        PeriodSums byChannel = read(tenant, UTC, Dimension.CHANNEL, List.of(), day, twoDays, month);
        assertEquals(1, byChannel.get(0, "email").count(Ticket.CREATED));
        assertEquals(1, byChannel.get(0, "chat").count(Ticket.CREATED));
        for (int period : new int[] {1, 2}) {
            assertEquals(2, byChannel.get(period, "email").count(Ticket.CREATED));
            assertEquals(90.0, byChannel.get(period, "email").get(Ticket.FRT_SUM), 1e-9);
            assertEquals(120.0, byChannel.get(period, "chat").get(Ticket.FRT_SUM), 1e-9);
        }
        // Histograms are read only when named.
        assertTrue(byChannel.get(1, "email").histogram(Histogram.FRT).isEmpty());

        PeriodSums total = read(tenant, UTC, null, List.of(Histogram.FRT), twoDays);
        State all = total.get(1, RollupReader.ALL);
        assertEquals(3, all.count(Ticket.CREATED));
        assertEquals(210.0, all.get(Ticket.FRT_SUM), 1e-9);
        assertEquals(Map.of(Sketch.bin(30), 1L, Sketch.bin(60), 1L, Sketch.bin(120), 1L), all.histogram(Histogram.FRT));
    }

    @Test
    void aFactTakenBackLeavesNoGroupBehind() {
        String tenant = tenant(UTC);
        Contribution chat = ticket("2026-03-10T15:00:00Z", "chat", "A2", 120);
        write(tenant, UTC, 1, ticket("2026-03-10T09:00:00Z", "email", "A1", 60), chat);
        // The ticket moved to another channel: its old contribution is taken back, the new one added.
        write(tenant, UTC, -1, chat);
        write(tenant, UTC, 1, ticket("2026-03-10T15:00:00Z", "email", "A2", 120));

        PeriodSums byChannel = read(tenant, UTC, Dimension.CHANNEL, List.of(), new Period(0, MARCH_10, MARCH_11));
        assertEquals(2, byChannel.get(0, "email").count(Ticket.CREATED));
        assertNull(byChannel.groups(0).get("chat"), "a rollup row summing to zero is no group");
    }

    @Test
    void clearingRemovesEveryRowOfTheTenantOnly() {
        String tenant = tenant(UTC);
        String other = tenant(UTC);
        Contribution email = ticket("2026-03-10T09:00:00Z", "email", "A1", 60);
        write(tenant, UTC, 1, email);
        write(other, UTC, 1, email);

        pool.withTransaction(connection -> RollupWriter.clear(connection, tenant)).await().indefinitely();

        Period day = new Period(0, MARCH_10, MARCH_11);
        assertTrue(read(tenant, UTC, null, List.of(), day).groups(0).isEmpty());
        assertEquals(1, read(other, UTC, null, List.of(), day).get(0, RollupReader.ALL).count(Ticket.CREATED));
    }

    @Test
    void bucketsCutInAnotherZoneAreNotReadTheTotalsComeFromHours() {
        // The tenant's days are cut in Paris; a read in UTC must not take them for UTC days.
        String tenant = tenant(PARIS);
        write(tenant, PARIS, 1,
                ticket("2026-03-10T12:00:00Z", "email", "A1", 60),
                // 00:30 on 03-11 in Paris, still 03-10 in UTC.
                ticket("2026-03-10T23:30:00Z", "email", "A1", 30));

        Period utcDay = new Period(0, MARCH_10, MARCH_11);
        assertEquals(2, read(tenant, UTC, null, List.of(), utcDay).get(0, RollupReader.ALL).count(Ticket.CREATED));
        Period parisDay = new Period(0, Instant.parse("2026-03-09T23:00:00Z"), Instant.parse("2026-03-10T23:00:00Z"));
        assertEquals(1, read(tenant, PARIS, null, List.of(), parisDay).get(0, RollupReader.ALL).count(Ticket.CREATED));
    }
}
