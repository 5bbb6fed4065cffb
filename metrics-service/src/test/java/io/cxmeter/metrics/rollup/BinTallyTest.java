package io.cxmeter.metrics.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.cxmeter.metrics.facts.Counters;
import io.cxmeter.metrics.facts.Histogram;

/** Histograms added up bin by bin: the same sums as adding them one by one into a TreeMap. */
class BinTallyTest {

    @Test
    void binsInsideAndFarOutsideTheDenseWindowAddUpInBinOrder() {
        BinTally tally = new BinTally();
        tally.add(100, 2);
        tally.add(Sketch.ZERO_BIN, 3);
        tally.add(90, 1);
        // Farther than the widest window from bin 90: kept beside it.
        tally.add(90 + BinTally.MAX_SPAN, 4);
        tally.add(-90 - BinTally.MAX_SPAN, 5);
        tally.add(100, 5);
        tally.add(95, 1);
        tally.add(95, -1);
        SortedBins sums = tally.sums();
        assertEquals(new TreeMap<>(Map.of(Sketch.ZERO_BIN, 3L, -90 - BinTally.MAX_SPAN, 5L, 90, 1L, 100, 7L,
                90 + BinTally.MAX_SPAN, 4L)), new TreeMap<>(sums));
        assertEquals(List.of(Sketch.ZERO_BIN, -90 - BinTally.MAX_SPAN, 90, 100, 90 + BinTally.MAX_SPAN),
                new ArrayList<>(sums.keySet()));
        assertEquals(20L, sums.total());
    }

    @Test
    void aWindowThatGrowsDownAndUpKeepsEveryCount() {
        BinTally tally = new BinTally();
        Map<Integer, Long> expected = new TreeMap<>();
        // Bins walking away from the first one on both sides, past several doublings of the window.
        for (int i = 0; i < 3000; i++) {
            int bin = (i % 2 == 0 ? 1 : -1) * i * 7;
            tally.add(bin, i + 1);
            expected.merge(bin, (long) i + 1, Long::sum);
        }
        assertEquals(expected, new TreeMap<>(tally.sums()));
    }

    @Test
    void randomHistogramsSumAsTheTreeMapPathDoes() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            BinTally tally = new BinTally();
            Map<Integer, Long> expected = new TreeMap<>();
            int histograms = 1 + random.nextInt(20);
            for (int h = 0; h < histograms; h++) {
                Map<Integer, Long> bins = new TreeMap<>();
                int n = random.nextInt(50);
                for (int i = 0; i < n; i++) {
                    int bin = switch (random.nextInt(10)) {
                        case 0 -> Sketch.ZERO_BIN;
                        case 1 -> random.nextInt();
                        default -> random.nextInt(700) - 100;
                    };
                    bins.merge(bin, (long) random.nextInt(9) + 1, Long::sum);
                }
                int sign = random.nextInt(4) == 0 ? -1 : 1;
                tally.addAll(h % 2 == 0 ? SortedBins.copyOf(bins) : bins, sign);
                bins.forEach((bin, count) -> expected.merge(bin, sign * count, Long::sum));
            }
            expected.values().removeIf(count -> count == 0);
            assertEquals(expected, new TreeMap<>(tally.sums()), "round " + round);
        }
    }

    @Test
    void aSumOfStatesEqualsMergingThemOneByOne() {
        Random random = new Random(7);
        List<State> states = new ArrayList<>();
        for (int s = 0; s < 30; s++) {
            State state = new State().add(Counters.Ticket.FRT_N, 1 + random.nextInt(5)).add(Counters.Ticket.FRT_SUM, random.nextDouble() * 100);
            for (int i = 0; i < 40; i++) {
                state.record(random.nextBoolean() ? Histogram.FRT : Histogram.RES, random.nextInt(400), 1 + random.nextInt(3));
            }
            // Half of them as a read sums them: sorted arrays.
            states.add(s % 2 == 0 ? state : new State().add(Counters.Ticket.FRT_N, state.get(Counters.Ticket.FRT_N)).add(Counters.Ticket.FRT_SUM, state.get(Counters.Ticket.FRT_SUM))
                    .add(Histogram.FRT, SortedBins.copyOf(state.histogram(Histogram.FRT))).add(Histogram.RES, SortedBins.copyOf(state.histogram(Histogram.RES))));
        }
        State oneByOne = new State();
        states.forEach(state -> oneByOne.merge(state, 1));
        assertEquals(oneByOne, State.sumOf(states));
        assertTrue(State.sumOf(List.of()).isEmpty());
    }
}
