package io.cxmeter.metrics.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class CoverTest {

    private static final ZoneId VILNIUS = ZoneId.of("Europe/Vilnius");
    private static final List<Grain> ALL = List.of(Grain.MONTH, Grain.DAY, Grain.HOUR);

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void aPeriodIsWholeBucketsAndRawEdges() {
        List<Cover.Piece> pieces = Cover.of(at("2026-03-02T10:20:00Z"), at("2026-03-05T09:00:00Z"), ZoneId.of("UTC"), ALL);
        assertEquals(List.of(
                new Cover.Piece(null, at("2026-03-02T10:20:00Z"), at("2026-03-02T11:00:00Z")),
                new Cover.Piece(Grain.HOUR, at("2026-03-02T11:00:00Z"), at("2026-03-03T00:00:00Z")),
                new Cover.Piece(Grain.DAY, at("2026-03-03T00:00:00Z"), at("2026-03-05T00:00:00Z")),
                new Cover.Piece(Grain.HOUR, at("2026-03-05T00:00:00Z"), at("2026-03-05T09:00:00Z"))), pieces);
    }

    @Test
    void aCumulativeReadUsesMonthsBackToTheBeginning() {
        List<Cover.Piece> pieces = Cover.of(null, at("2026-03-17T10:00:00Z"), VILNIUS, ALL);
        // Vilnius months start at 22:00Z the day before (UTC+2 in winter).
        assertEquals(new Cover.Piece(Grain.MONTH, null, at("2026-02-28T22:00:00Z")), pieces.get(0));
        assertEquals(new Cover.Piece(Grain.DAY, at("2026-02-28T22:00:00Z"), at("2026-03-16T22:00:00Z")), pieces.get(1));
        assertEquals(new Cover.Piece(Grain.HOUR, at("2026-03-16T22:00:00Z"), at("2026-03-17T10:00:00Z")), pieces.get(2));
        assertEquals(3, pieces.size());
    }

    @Test
    void wholeQuartersOfTheTenantsCalendarAreReadAsQuarters() {
        List<Grain> all = List.of(Grain.QUARTER, Grain.MONTH, Grain.DAY, Grain.HOUR);
        // From mid-February to mid-October in Vilnius (UTC+2 in winter, UTC+3 in summer): Q2 and Q3 whole.
        List<Cover.Piece> pieces = Cover.of(at("2026-02-15T10:00:00Z"), at("2026-10-15T10:00:00Z"), VILNIUS, all);
        assertEquals(List.of(
                new Cover.Piece(Grain.HOUR, at("2026-02-15T10:00:00Z"), at("2026-02-15T22:00:00Z")),
                new Cover.Piece(Grain.DAY, at("2026-02-15T22:00:00Z"), at("2026-02-28T22:00:00Z")),
                new Cover.Piece(Grain.MONTH, at("2026-02-28T22:00:00Z"), at("2026-03-31T21:00:00Z")),
                new Cover.Piece(Grain.QUARTER, at("2026-03-31T21:00:00Z"), at("2026-09-30T21:00:00Z")),
                new Cover.Piece(Grain.DAY, at("2026-09-30T21:00:00Z"), at("2026-10-14T21:00:00Z")),
                new Cover.Piece(Grain.HOUR, at("2026-10-14T21:00:00Z"), at("2026-10-15T10:00:00Z"))), pieces);
        // A quarter bucket runs from its first local midnight to the next quarter's, 91 days and an hour less
        // across the spring DST change.
        assertEquals(at("2025-12-31T22:00:00Z"), Grain.QUARTER.floor(at("2026-03-31T20:59:59Z"), VILNIUS));
        assertEquals(at("2026-03-31T21:00:00Z"), Grain.QUARTER.next(at("2025-12-31T22:00:00Z"), VILNIUS));
        assertEquals(at("2026-12-31T22:00:00Z"), Grain.QUARTER.next(at("2026-09-30T21:00:00Z"), VILNIUS));
    }

    @Test
    void piecesTileThePeriodExactlyInZonesWithHalfHourOffsets() {
        ZoneId india = ZoneId.of("Asia/Kolkata");
        Instant from = at("2026-01-30T07:13:00Z");
        Instant to = at("2026-04-02T19:48:00Z");
        List<Cover.Piece> pieces = Cover.of(from, to, india, ALL);
        Map<Instant, Instant> spans = new TreeMap<>();
        pieces.forEach(p -> spans.put(p.from(), p.to()));
        Instant cursor = from;
        for (Map.Entry<Instant, Instant> span : spans.entrySet()) {
            assertEquals(cursor, span.getKey(), "no gap or overlap");
            cursor = span.getValue();
        }
        assertEquals(to, cursor);
        // Local midnight is at :30 UTC, so day buckets start there; no raw edge spans two whole UTC hours.
        assertTrue(pieces.stream().anyMatch(p -> p.grain() == Grain.MONTH));
        assertTrue(pieces.stream().filter(p -> p.grain() == null)
                .allMatch(p -> java.time.Duration.between(p.from(), p.to()).toMinutes() < 120));
    }

    @Test
    void sketchQuantilesAreWithinOnePercent() {
        State state = new State();
        java.util.Random random = new java.util.Random(1);
        double[] values = new double[10_001];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.exp(random.nextDouble() * 12);
            state.record("d", Sketch.bin(values[i]), 1);
        }
        java.util.Arrays.sort(values);
        for (double q : new double[] {0.5, 0.9, 0.99}) {
            double exact = values[(int) Math.ceil(q * values.length) - 1];
            double approx = Sketch.quantile(state.histogram("d"), q);
            assertTrue(Math.abs(approx - exact) <= 0.01 * exact, q + ": " + approx + " vs " + exact);
        }
    }
}
