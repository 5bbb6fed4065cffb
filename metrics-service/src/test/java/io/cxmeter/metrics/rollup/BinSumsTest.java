package io.cxmeter.metrics.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cxmeter.metrics.facts.Histogram;

/** Histogram bins summed from the lists rollup columns store, and histograms written as such lists. */
class BinSumsTest {

    @Test
    void sumsTheBinsOfManyRowsAsRollupColumnsStoreThem() {
        BinSums sums = new BinSums();
        sums.add("-2147483648,4,-5,1,7,2,12,3");
        sums.add("12,1,100,9");
        sums.add("");
        sums.add("7,5");
        State state = new State();
        sums.into(state, Histogram.FRT);
        assertEquals(Map.of(-2147483648, 4L, -5, 1L, 7, 7L, 12, 4L, 100, 9L), state.histogram(Histogram.FRT));
    }

    @Test
    void aRowOutOfOrderOrWithABinTwiceIsSummedAllTheSame() {
        BinSums sums = new BinSums();
        sums.add("12,1,3,2,12,4");
        sums.add("3,1");
        State state = new State();
        sums.into(state, Histogram.FRT);
        assertEquals(Map.of(3, 3L, 12, 5L), state.histogram(Histogram.FRT));
    }

    /** A group of one row takes the row's list as it is, when it is as stored; otherwise it is summed like many. */
    @Test
    void aSingleRowIsTheHistogramWhateverItsShape() {
        assertEquals(Map.of(-2147483648, 4L, -5, 1L, 7, 2L), single("-2147483648,4,-5,1,7,2"));
        assertEquals(Map.of(3, 2L, 12, 1L), single("12,1,3,2"));
        assertEquals(Map.of(3, 3L), single("3,1,3,2"));
        assertEquals(Map.of(4, 1L), single("3,0,4,1"));
        assertTrue(single("3,2,3,-2").isEmpty());
        // Longer than the first buffer: 1,000 bins.
        StringBuilder many = new StringBuilder();
        Map<Integer, Long> expected = new java.util.HashMap<>();
        for (int bin = -500; bin < 500; bin++) {
            many.append(many.isEmpty() ? "" : ",").append(bin).append(',').append(bin + 1000);
            expected.put(bin, (long) bin + 1000);
        }
        assertEquals(expected, single(many.toString()));
    }

    private static Map<Integer, Long> single(String row) {
        BinSums sums = new BinSums();
        sums.add(row);
        sums.add("");
        State state = new State();
        sums.into(state, Histogram.FRT);
        return state.histogram(Histogram.FRT);
    }

    @Test
    void binsThatAddUpToNothingAreLeftOut() {
        BinSums sums = new BinSums();
        sums.add("3,2,4,1");
        sums.add("3,-2");
        State state = new State();
        sums.into(state, Histogram.RES);
        assertEquals(Map.of(4, 1L), state.histogram(Histogram.RES));
        BinSums none = new BinSums();
        none.add("3,2");
        none.add("3,-2");
        State empty = new State();
        none.into(empty, Histogram.RES);
        assertTrue(empty.isEmpty());
    }

    @Test
    void aHistogramIsWrittenSortedByBinWithoutZeroCounts() {
        assertEquals("-2147483648,4,-5,1,7,2", BinSums.text(Map.of(7, 2L, -5, 1L, -2147483648, 4L, 9, 0L)));
        assertNull(BinSums.text(Map.of()));
        assertNull(BinSums.text(Map.of(9, 0L)));
        assertNull(BinSums.text(null));
        // What it writes reads back as it was.
        BinSums sums = new BinSums();
        sums.add(BinSums.text(Map.of(300, 2L, -4, 1L, 12, 7L)));
        State state = new State();
        sums.into(state, Histogram.FRT);
        assertEquals(Map.of(300, 2L, -4, 1L, 12, 7L), state.histogram(Histogram.FRT));
    }

    @Test
    void anythingButIntegerBinsAndCountsIsRefusedClearly() {
        for (String bad : new String[] {"3,2.5", "a,1", "{\"3\": 1}", "3", "3,1,", "3 ,1", "99999999999,1", ",3,1", "3,1\u0660", "\u0663,1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BinSums().add(bad), bad);
            assertTrue(e.getMessage().contains("istogram"), e.getMessage());
        }
    }
}
