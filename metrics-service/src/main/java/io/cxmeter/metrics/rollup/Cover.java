package io.cxmeter.metrics.rollup;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a period into whole rollup buckets, coarsest first, and the raw edges that no whole bucket
 * fits: {@code [10:20, 3 days later 09:00)} becomes raw {@code [10:20, 11:00)}, hours up to midnight,
 * whole days, hours from the last midnight, nothing raw at the end. A query then reads a few rollup
 * rows and the facts of at most an hour at each edge, however long the period.
 */
public final class Cover {

    /** Buckets of {@code grain} starting in {@code [from, to)}, or raw facts in {@code [from, to)} when grain is null. A null from is the beginning of time. */
    public record Piece(Grain grain, Instant from, Instant to) {
    }

    private Cover() {
    }

    /** Pieces covering {@code [from, to)}; {@code from} null means everything before {@code to}. */
    public static List<Piece> of(Instant from, Instant to, ZoneId zone, List<Grain> coarsestFirst) {
        List<Piece> pieces = new ArrayList<>();
        cover(from, to, zone, coarsestFirst, 0, pieces);
        return pieces;
    }

    private static void cover(Instant from, Instant to, ZoneId zone, List<Grain> grains, int level, List<Piece> out) {
        if (from != null && !from.isBefore(to)) {
            return;
        }
        if (level == grains.size()) {
            out.add(new Piece(null, from, to));
            return;
        }
        Grain grain = grains.get(level);
        Instant last = grain.floor(to, zone);
        Instant first = from == null ? null : grain.ceil(from, zone);
        if (first == null || first.isBefore(last)) {
            if (first != null) {
                cover(from, first, zone, grains, level + 1, out);
            }
            out.add(new Piece(grain, first, last));
            cover(last, to, zone, grains, level + 1, out);
        } else {
            cover(from, to, zone, grains, level + 1, out);
        }
    }
}
