package io.cxmeter.metrics.rollup;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a period into whole rollup buckets and the raw edges that no whole bucket fits, added or
 * subtracted, whichever reads less: {@code [08-01, 08-31)} is the month of August minus the day of
 * August 31 (two rows a group instead of thirty), {@code [10:20, 11:00)} the hour minus the facts of
 * {@code [10:00, 10:20)}. Every bucket holds exactly the sum of its facts, so subtracting one is exact
 * (counters and histogram counts alike). A query then reads a few rollup rows and the facts of at most
 * half a bucket of its finest grain at each edge, however long the period.
 */
public final class Cover {

    /**
     * Buckets of {@code grain} starting in {@code [from, to)}, or raw facts in {@code [from, to)} when grain
     * is null, added ({@code sign} 1) or subtracted (-1). A null from is the beginning of time.
     */
    public record Piece(Grain grain, Instant from, Instant to, int sign) {

        public Piece(Grain grain, Instant from, Instant to) {
            this(grain, from, to, 1);
        }

        Piece negated() {
            return new Piece(grain, from, to, -sign);
        }
    }

    /**
     * What an hour of raw facts costs against one rollup row, in the same unit: a row per group and
     * bucket, against every fact of the hour for all groups. Only the order of the choices matters: an
     * hour of facts is dearer than a bucket, so a plan never trades a bucket for raw hours.
     */
    private static final double RAW_HOUR = 4;
    /** A stand-in for "the beginning of time" in bucket counts (the same for every choice of a period). */
    private static final Instant ORIGIN = Instant.parse("1900-01-01T00:00:00Z");

    private Cover() {
    }

    /** Pieces covering {@code [from, to)}; {@code from} null means everything before {@code to}. */
    public static List<Piece> of(Instant from, Instant to, ZoneId zone, List<Grain> coarsestFirst) {
        return new Planner(zone, coarsestFirst).plan(from, to, 0).pieces();
    }

    /** Pieces and what reading them costs. */
    private record Plan(List<Piece> pieces, double cost) {

        static final Plan NONE = new Plan(List.of(), 0);

        Plan negated() {
            return new Plan(pieces.stream().map(Piece::negated).toList(), cost);
        }
    }

    private static final class Planner {

        private final ZoneId zone;
        private final List<Grain> grains;
        private final Map<List<Object>, Plan> known = new HashMap<>();

        Planner(ZoneId zone, List<Grain> grains) {
            this.zone = zone;
            this.grains = grains;
        }

        /**
         * The cheapest plan for {@code [from, to)} from grain {@code level} down. At each grain, the whole
         * buckets may start at the bucket after {@code from} (the part before added from finer grains) or
         * at the one containing it (the part before {@code from} subtracted), and end likewise at
         * {@code to}; or no bucket of this grain is used. The first choice is the plain tiling; another
         * is taken only when it costs less.
         */
        Plan plan(Instant from, Instant to, int level) {
            if (from != null && !from.isBefore(to)) {
                return Plan.NONE;
            }
            List<Object> key = java.util.Arrays.asList(from, to, level);
            Plan done = known.get(key);
            if (done != null) {
                return done;
            }
            Plan best;
            if (level == grains.size()) {
                best = new Plan(List.of(new Piece(null, from, to)), rawCost(from, to));
            } else if (from != null && Duration.between(from, to).toSeconds() * 2 < length(grains.get(level))) {
                // Shorter than half a bucket: no bucket of this grain fits, and one minus the rest would
                // subtract more than the period holds, seldom cheaper; a series' days and weeks skip months
                // and quarters at once (planning every choice cost a weekly series 0.5-1 ms).
                best = plan(from, to, level + 1);
            } else {
                Grain grain = grains.get(level);
                Instant lastDown = grain.floor(to, zone);
                Instant lastUp = lastDown.equals(to) ? to : grain.next(lastDown, zone);
                Instant firstDown = from == null ? null : grain.floor(from, zone);
                Instant firstUp = from == null || firstDown.equals(from) ? from : grain.next(firstDown, zone);
                best = whole(from, to, level, grain, firstUp, lastDown);
                if (best == null) {
                    best = plan(from, to, level + 1);
                }
                // A side is subtracted only from the nearer bucket boundary: the part taken away is then
                // less than the part it replaces, and the search stays a few choices per grain.
                boolean fromNearDown = from != null && !firstUp.equals(firstDown) && nearer(firstDown, from, firstUp);
                boolean toNearUp = !lastUp.equals(lastDown) && nearer(lastUp, to, lastDown);
                for (Instant first : fromNearDown ? List.of(firstUp, firstDown) : java.util.Collections.singletonList(firstUp)) {
                    for (Instant last : toNearUp ? List.of(lastDown, lastUp) : List.of(lastDown)) {
                        if (java.util.Objects.equals(first, firstUp) && last.equals(lastDown)) {
                            continue; // the plain tiling, already planned
                        }
                        Plan other = whole(from, to, level, grain, first, last);
                        if (other != null && other.cost() < best.cost()) {
                            best = other;
                        }
                    }
                }
            }
            known.put(key, best);
            return best;
        }

        /** Whole buckets of the grain in {@code [first, last)} and the rest from finer grains; null when there are none. */
        private Plan whole(Instant from, Instant to, int level, Grain grain, Instant first, Instant last) {
            if (first != null && !first.isBefore(last)) {
                return null;
            }
            Plan before = first == null || first.equals(from) ? Plan.NONE
                    : first.isAfter(from) ? plan(from, first, level + 1) : plan(first, from, level + 1).negated();
            Plan after = last.equals(to) ? Plan.NONE
                    : last.isBefore(to) ? plan(last, to, level + 1) : plan(to, last, level + 1).negated();
            List<Piece> pieces = new ArrayList<>(before.pieces());
            pieces.add(new Piece(grain, first, last));
            pieces.addAll(after.pieces());
            return new Plan(pieces, before.cost() + buckets(grain, first, last) + after.cost());
        }

        /** Whether {@code at} is closer to {@code near} than to {@code far} ({@code at} lies between them). */
        private static boolean nearer(Instant near, Instant at, Instant far) {
            return Duration.between(near, at).abs().compareTo(Duration.between(at, far).abs()) < 0;
        }

        /** About how many buckets of the grain {@code [from, to)} holds (a month as its mean length). */
        private static double buckets(Grain grain, Instant from, Instant to) {
            double seconds = Duration.between(from == null ? ORIGIN : from, to).toSeconds();
            return Math.max(1, Math.round(seconds / length(grain)));
        }

        /** A bucket's usual length in seconds (a month and a quarter as their mean). */
        private static double length(Grain grain) {
            return switch (grain) {
                case HOUR -> 3_600;
                case SIX_HOURS -> 21_600;
                case DAY -> 86_400;
                case WEEK -> 604_800;
                case MONTH -> 2_629_746;
                case QUARTER -> 7_889_238;
            };
        }

        private static double rawCost(Instant from, Instant to) {
            return RAW_HOUR * Duration.between(from == null ? ORIGIN : from, to).toSeconds() / 3_600.0;
        }
    }
}
