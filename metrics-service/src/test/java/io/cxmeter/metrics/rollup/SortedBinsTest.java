package io.cxmeter.metrics.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.cxmeter.metrics.facts.Histogram;

/** A read's summed histograms: array merges that agree with the TreeMap path bin for bin, quantiles by hand. */
class SortedBinsTest {

    private static SortedBins bins(Map<Integer, Long> histogram) {
        return SortedBins.copyOf(new TreeMap<>(histogram));
    }

    @Test
    void sumsAndDifferencesDropTheBinsThatReachZero() {
        SortedBins a = bins(Map.of(-5, 1L, 3, 2L, 9, 4L));
        SortedBins b = bins(Map.of(3, 2L, 4, 1L, 12, 6L));
        assertEquals(Map.of(-5, 1L, 3, 4L, 4, 1L, 9, 4L, 12, 6L), SortedBins.sum(a, b, 1));
        assertEquals(Map.of(-5, 1L, 4, -1L, 9, 4L, 12, -6L), SortedBins.sum(a, b, -1));
        assertTrue(SortedBins.sum(a, a, -1).isEmpty());
        assertEquals(7L, a.total());
        assertEquals(4L, a.get(9));
        assertEquals(null, a.get(8));
    }

    @Test
    void aStateMixesReadSumsWithBinsRecordedOneByOne() {
        State read = new State().add(Histogram.FRT, bins(Map.of(3, 2L, 9, 4L)));
        State recorded = new State().record(Histogram.FRT, 3, 2).record(Histogram.FRT, 9, 4);
        // Equal as states, whichever form each holds.
        assertEquals(recorded, read);
        assertEquals(read, recorded);
        assertEquals(recorded.hashCode(), read.hashCode());
        // Recording into a read's sum copies it first; the sum it shared is left as it was.
        State total = new State().merge(read, 1);
        total.record(Histogram.FRT, 3, -2).record(Histogram.FRT, 10, 1);
        assertEquals(Map.of(9, 4L, 10, 1L), total.histogram(Histogram.FRT));
        assertEquals(Map.of(3, 2L, 9, 4L), read.histogram(Histogram.FRT));
        // Taking everything away leaves no histogram at all.
        assertTrue(new State().merge(read, 1).merge(recorded, -1).isEmpty());
    }

    @Test
    void quantilesAreTheNearestRankOnesOfTheTreeMapPath() {
        Map<Integer, Long> histogram = new TreeMap<>(Map.of(-2147483648, 3L, 100, 5L, 200, 1L, 350, 11L));
        for (double q : new double[] {0.01, 0.1, 0.15, 0.5, 0.9, 0.99, 1.0}) {
            assertEquals(Sketch.quantile(histogram, q), Sketch.quantile(bins(histogram), q), "q=" + q);
        }
        // By hand, 20 values: ranks 1-3 in the zero bin, 4-8 in bin 100, 9 in bin 200, 10-20 in bin 350.
        Map<Double, Integer> expected = Map.of(0.01, Sketch.ZERO_BIN, 0.15, Sketch.ZERO_BIN, 0.2, 100, 0.4, 100, 0.45, 200,
                0.5, 350, 1.0, 350);
        expected.forEach((q, bin) -> {
            assertEquals(Sketch.value(bin), Sketch.quantile(histogram, q), "q=" + q);
            assertEquals(Sketch.value(bin), Sketch.quantile(bins(histogram), q), "q=" + q);
        });
        assertEquals(null, Sketch.quantile(SortedBins.EMPTY, 0.5));
    }

    @Test
    void binsMustComeSortedOnce() {
        assertThrows(IllegalArgumentException.class, () -> SortedBins.of(new int[] {3, 3}, new long[] {1, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> SortedBins.of(new int[] {4, 3}, new long[] {1, 1}, 2));
    }
}
