package io.cxmeter.metrics.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.cxmeter.metrics.facts.Histogram;

class CoverTest {

    private static final ZoneId VILNIUS = ZoneId.of("Europe/Vilnius");
    private static final List<Grain> ALL = List.of(Grain.MONTH, Grain.DAY, Grain.HOUR);

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void aPeriodIsWholeBucketsAndRawEdgesAddedOrSubtracted() {
        // [03-02 10:20, 03-05 09:00): three days minus the morning of the first (10 hours and 20 minutes of
        // facts, read as an hour minus 40 minutes), plus nine hours: 23 rows and a third of an hour's facts,
        // against 40 minutes, 13 hours, 2 days and 9 hours added.
        List<Cover.Piece> pieces = Cover.of(at("2026-03-02T10:20:00Z"), at("2026-03-05T09:00:00Z"), ZoneId.of("UTC"), ALL);
        assertEquals(List.of(
                new Cover.Piece(Grain.HOUR, at("2026-03-02T00:00:00Z"), at("2026-03-02T10:00:00Z"), -1),
                new Cover.Piece(null, at("2026-03-02T10:00:00Z"), at("2026-03-02T10:20:00Z"), -1),
                new Cover.Piece(Grain.DAY, at("2026-03-02T00:00:00Z"), at("2026-03-05T00:00:00Z")),
                new Cover.Piece(Grain.HOUR, at("2026-03-05T00:00:00Z"), at("2026-03-05T09:00:00Z"))), pieces);
        assertTiles(at("2026-03-02T10:20:00Z"), at("2026-03-05T09:00:00Z"), pieces);
    }

    @Test
    void thirtyDaysAreTheMonthMinusItsLastDay() {
        // A dashboard's 30 days: one month row and one day row a group instead of thirty day rows.
        List<Grain> grouped = List.of(Grain.MONTH, Grain.DAY);
        assertEquals(List.of(
                new Cover.Piece(Grain.MONTH, at("2026-08-01T00:00:00Z"), at("2026-09-01T00:00:00Z")),
                new Cover.Piece(Grain.DAY, at("2026-08-31T00:00:00Z"), at("2026-09-01T00:00:00Z"), -1)),
                Cover.of(at("2026-08-01T00:00:00Z"), at("2026-08-31T00:00:00Z"), ZoneId.of("UTC"), grouped));
        // From 10:00 to 10:00 (no hour rows for a group): the facts read are the 10 hours before each 10:00,
        // not the 14 after the first and the 10 before the last.
        List<Cover.Piece> unaligned = Cover.of(at("2026-08-01T10:00:00Z"), at("2026-08-31T10:00:00Z"), ZoneId.of("UTC"), grouped);
        assertTiles(at("2026-08-01T10:00:00Z"), at("2026-08-31T10:00:00Z"), unaligned);
        assertEquals(20, unaligned.stream().filter(p -> p.grain() == null)
                .mapToLong(p -> java.time.Duration.between(p.from(), p.to()).toHours()).sum());
        // August minus its last day: two rows a group.
        assertEquals(List.of(new Cover.Piece(Grain.MONTH, at("2026-08-01T00:00:00Z"), at("2026-09-01T00:00:00Z")),
                new Cover.Piece(Grain.DAY, at("2026-08-31T00:00:00Z"), at("2026-09-01T00:00:00Z"), -1)),
                unaligned.stream().filter(p -> p.grain() != null).toList());
    }

    @Test
    void anEdgeIsReadFromTheShorterSideOfItsDay() {
        // What EdgeSumsTest relies on, grouped (no hour rows): from 12:30 the rest of the day is read as
        // facts; from 08:30 the day minus the facts of its morning.
        List<Grain> grouped = List.of(Grain.MONTH, Grain.DAY);
        ZoneId utc = ZoneId.of("UTC");
        assertEquals(List.of(
                new Cover.Piece(null, at("2026-03-10T12:30:00Z"), at("2026-03-11T00:00:00Z")),
                new Cover.Piece(Grain.DAY, at("2026-03-11T00:00:00Z"), at("2026-03-12T00:00:00Z"))),
                Cover.of(at("2026-03-10T12:30:00Z"), at("2026-03-12T00:00:00Z"), utc, grouped));
        assertEquals(List.of(
                new Cover.Piece(null, at("2026-03-10T00:00:00Z"), at("2026-03-10T08:30:00Z"), -1),
                new Cover.Piece(Grain.DAY, at("2026-03-10T00:00:00Z"), at("2026-03-12T00:00:00Z"))),
                Cover.of(at("2026-03-10T08:30:00Z"), at("2026-03-12T00:00:00Z"), utc, grouped));
    }

    @Test
    void aCumulativeReadUsesMonthsBackToTheBeginning() {
        Instant to = at("2026-03-17T10:00:00Z");
        List<Cover.Piece> pieces = Cover.of(null, to, VILNIUS, ALL);
        // Vilnius months start at 22:00Z the day before (UTC+2 in winter); the 17th is past the middle of
        // March, so all months up to April minus the rest of March (days, then hours to midnight).
        assertEquals(new Cover.Piece(Grain.MONTH, null, at("2026-03-31T21:00:00Z")), pieces.get(0));
        assertTiles(null, to, pieces);
        assertTrue(pieces.stream().noneMatch(p -> p.grain() == null));
    }

    @Test
    void wholeQuartersOfTheTenantsCalendarAreReadAsQuarters() {
        List<Grain> all = List.of(Grain.QUARTER, Grain.MONTH, Grain.DAY, Grain.HOUR);
        // From mid-February to mid-October in Vilnius (UTC+2 in winter, UTC+3 in summer): Q2 and Q3 whole.
        Instant from = at("2026-02-15T10:00:00Z");
        Instant to = at("2026-10-15T10:00:00Z");
        List<Cover.Piece> pieces = Cover.of(from, to, VILNIUS, all);
        assertTrue(pieces.contains(new Cover.Piece(Grain.QUARTER, at("2026-03-31T21:00:00Z"), at("2026-09-30T21:00:00Z"))));
        assertTiles(from, to, pieces);
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
        assertTiles(from, to, pieces);
        // Local midnight is at :30 UTC, so day buckets start there; no raw edge spans two whole UTC hours.
        assertTrue(pieces.stream().anyMatch(p -> p.grain() == Grain.MONTH));
        assertTrue(pieces.stream().filter(p -> p.grain() == null)
                .allMatch(p -> java.time.Duration.between(p.from(), p.to()).toMinutes() < 120));
    }

    @Test
    void thirtyDaysUpToAnInstantReadWeeksAndAFewRowsAtEachEdge() {
        // The last 30 days up to 10:17:23: grouped (no hour rows) at most three hours of facts at each edge
        // (from 10:17 to 12:00 the six hours from 06:00 minus 06:00-10:17 would be more), the total under
        // half an hour; the days in between are weeks and days, not thirty day rows.
        Instant to = at("2026-09-17T10:17:23Z");
        Instant from = at("2026-08-18T10:17:23Z");
        List<Grain> grouped = List.of(Grain.QUARTER, Grain.MONTH, Grain.WEEK, Grain.DAY, Grain.SIX_HOURS);
        List<Cover.Piece> agent = Cover.of(from, to, ZoneId.of("UTC"), grouped);
        assertTiles(from, to, agent);
        assertTrue(rawSeconds(agent) <= 2 * 3 * 3600, agent::toString);
        assertTrue(agent.stream().filter(p -> p.grain() != null).count() <= 10, agent::toString);
        List<Cover.Piece> total = Cover.of(from, to, ZoneId.of("UTC"), RollupReader.ALL_GRAINS);
        assertTiles(from, to, total);
        assertTrue(rawSeconds(total) <= 2 * 1800, total::toString);
        assertTrue(total.stream().filter(p -> p.grain() != null).count() <= 14, total::toString);
    }

    @Test
    void sixHourAndWeekBucketsFollowTheLocalCalendarAcrossDstChanges() {
        // Vilnius springs forward on 2026-03-29 at 03:00 local (01:00Z): its first six hours last five.
        assertEquals(at("2026-03-28T22:00:00Z"), Grain.SIX_HOURS.floor(at("2026-03-29T02:59:59Z"), VILNIUS));
        assertEquals(at("2026-03-29T03:00:00Z"), Grain.SIX_HOURS.next(at("2026-03-28T22:00:00Z"), VILNIUS));
        assertEquals(at("2026-03-29T03:00:00Z"), Grain.SIX_HOURS.floor(at("2026-03-29T03:00:00Z"), VILNIUS));
        assertEquals(at("2026-03-29T21:00:00Z"), Grain.SIX_HOURS.next(at("2026-03-29T15:00:00Z"), VILNIUS));
        // And falls back on 2026-10-25 at 04:00 local (01:00Z): its first six hours last seven.
        assertEquals(at("2026-10-25T04:00:00Z"), Grain.SIX_HOURS.next(at("2026-10-24T21:00:00Z"), VILNIUS));
        // A week runs from Monday's local midnight: 2026-03-23 (UTC+2) to 2026-03-30 (UTC+3), 167 hours.
        assertEquals(at("2026-03-22T22:00:00Z"), Grain.WEEK.floor(at("2026-03-29T20:59:59Z"), VILNIUS));
        assertEquals(at("2026-03-29T21:00:00Z"), Grain.WEEK.next(at("2026-03-22T22:00:00Z"), VILNIUS));
        // Where midnight itself is skipped (Santiago, 2026-09-06), the day and its first six hours start at 01:00.
        ZoneId santiago = ZoneId.of("America/Santiago");
        Instant dayStart = Grain.DAY.floor(at("2026-09-06T12:00:00Z"), santiago);
        assertEquals(dayStart, Grain.SIX_HOURS.floor(dayStart.plusSeconds(60), santiago));
        assertTrue(!Grain.SIX_HOURS.floor(dayStart, santiago).isAfter(dayStart));
    }

    private static long rawSeconds(List<Cover.Piece> pieces) {
        return pieces.stream().filter(p -> p.grain() == null).mapToLong(p -> java.time.Duration.between(p.from(), p.to()).toSeconds())
                .sum();
    }

    @Test
    void sketchQuantilesAreWithinOnePercent() {
        State state = new State();
        java.util.Random random = new java.util.Random(1);
        double[] values = new double[10_001];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.exp(random.nextDouble() * 12);
            state.record(Histogram.FRT, Sketch.bin(values[i]), 1);
        }
        java.util.Arrays.sort(values);
        for (double q : new double[] {0.5, 0.9, 0.99}) {
            double exact = values[(int) Math.ceil(q * values.length) - 1];
            double approx = Sketch.quantile(state.histogram(Histogram.FRT), q);
            assertTrue(Math.abs(approx - exact) <= 0.01 * exact, q + ": " + approx + " vs " + exact);
        }
    }

    @Test
    void randomPeriodsAreCoveredExactlyOnceWhateverIsSubtracted() {
        java.util.Random random = new java.util.Random(7);
        List<ZoneId> zones = List.of(ZoneId.of("UTC"), VILNIUS, ZoneId.of("Asia/Kolkata"), ZoneId.of("America/St_Johns"),
                ZoneId.of("America/Santiago"), ZoneId.of("Australia/Lord_Howe"));
        List<List<Grain>> grainLists = List.of(RollupReader.ALL_GRAINS, List.of(Grain.QUARTER, Grain.MONTH, Grain.WEEK, Grain.DAY,
                Grain.SIX_HOURS), List.of(Grain.QUARTER, Grain.MONTH, Grain.DAY, Grain.HOUR),
                List.of(Grain.QUARTER, Grain.MONTH, Grain.DAY), List.of(Grain.MONTH, Grain.DAY), List.of(Grain.HOUR));
        Instant base = at("2025-01-01T00:00:00Z");
        for (int i = 0; i < 2_000; i++) {
            Instant from = random.nextInt(10) == 0 ? null : base.plusSeconds(random.nextInt(2 * 365 * 86_400));
            Instant start = from == null ? base : from;
            Instant to = start.plusSeconds(1 + random.nextInt(random.nextBoolean() ? 3 * 86_400 : 400 * 86_400));
            assertTiles(from, to, Cover.of(from, to, zones.get(i % zones.size()), grainLists.get(random.nextInt(grainLists.size()))));
        }
    }

    /**
     * Every instant of {@code [from, to)} is covered exactly once by the pieces' signs, and none outside it:
     * the signed count is constant between piece boundaries, so checking each boundary suffices.
     */
    private static void assertTiles(Instant from, Instant to, List<Cover.Piece> pieces) {
        Instant beginning = Instant.parse("1900-01-01T00:00:00Z");
        java.util.TreeSet<Instant> points = new java.util.TreeSet<>();
        for (Cover.Piece p : pieces) {
            points.add(p.from() == null ? beginning : p.from());
            points.add(p.to());
            assertTrue(p.from() == null || p.from().isBefore(p.to()), "empty piece " + p);
        }
        for (Instant t : points) {
            int covered = 0;
            for (Cover.Piece p : pieces) {
                Instant a = p.from() == null ? beginning : p.from();
                if (!t.isBefore(a) && t.isBefore(p.to())) {
                    covered += p.sign();
                }
            }
            boolean inside = (from == null || !t.isBefore(from)) && t.isBefore(to);
            assertEquals(inside ? 1 : 0, covered, "coverage at " + t + " of [" + from + ", " + to + "): " + pieces);
        }
    }
}
