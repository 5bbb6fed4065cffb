package io.cxmeter.metrics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cxmeter.metrics.rollup.State;

/** The 95 % intervals of docs/metrics.md, on states worked out by hand. */
class ConfidenceIntervalsTest {

    @SuppressWarnings("unchecked")
    private static List<Double> ci(Value value) {
        return (List<Double>) value.details().get("ci95");
    }

    private static void assertInterval(double low, double high, List<Double> interval) {
        assertEquals(low, interval.get(0), 1e-9);
        assertEquals(high, interval.get(1), 1e-9);
    }

    @Test
    void npsIsItsValuePlusOrMinusItsMarginOfErrorWithinTheScale() {
        // 3 promoters, 2 passives, 2 detractors: 14.2857 ± 100 · 1.96 · √((3/7 + 2/7 − (1/7)²) / 7) = ± 61.7090.
        State seven = new State().add("n", 7).add("promoters", 3).add("passives", 2).add("detractors", 2);
        assertInterval(-47.42328019645176, 75.99470876788034, ci(Formulas.nps(seven)));
        // 3 promoters, 1 passive of 4: 75 ± 42.4352, the upper end clipped to 100.
        State four = new State().add("n", 4).add("promoters", 3).add("passives", 1);
        assertInterval(32.56475521456251, 100.0, ci(Formulas.nps(four)));
        assertNull(ci(Formulas.nps(new State())));
    }

    @Test
    void csatIsTheWilsonScoreInterval() {
        // 40 of 40 positive: centre (1 + 1.96²/80) / (1 + 1.96²/40) = 0.956187, half 0.043812.
        assertInterval(91.23754607496078, 100.0, ci(Formulas.csat(new State().add("n", 40).add("positive", 40)
                .add("scale:1-5", 40))));
        // 0 of 40: the mirror image, from exactly 0 to 100 − 91.2375.
        assertInterval(0.0, 8.76245392503922, ci(Formulas.csat(new State().add("n", 40).add("positive", 0)
                .add("scale:1-5", 40))));
        // 20 of 40: symmetric about 50.
        assertInterval(35.19927879709975, 64.80072120290025, ci(Formulas.csat(new State().add("n", 40).add("positive", 20)
                .add("scale:1-5", 40))));
    }

    @Test
    void cesIsTheMeanPlusOrMinusStudentsTTimesItsStandardError() {
        // Scores 7, 5, 2: mean 4.6667, s² = (78 − 3 · 4.6667²) / 2 = 6.3333, t(0.975, 2) = 4.302653.
        State three = new State().add("n", 3).add("sum", 14).add("positive", 2).add("scale:1-7", 3)
                .add("score:7", 1).add("score:5", 1).add("score:2", 1);
        assertInterval(-1.5849428129442131, 10.918276146277547, ci(Formulas.ces(three)));
        // Two answers, 7 and 5: mean 6, s = √2, t(0.975, 1) = tan(0.475 π) = 12.7062047, so ± 12.7062047.
        List<Double> two = ci(Formulas.ces(new State().add("n", 2).add("sum", 12).add("positive", 2).add("scale:1-7", 2)
                .add("score:7", 1).add("score:5", 1)));
        assertEquals(6 - 12.706204736174698, two.get(0), 1e-6);
        assertEquals(6 + 12.706204736174698, two.get(1), 1e-6);
        // One answer: no spread, no interval; a fractional score: the spread is unknown.
        assertNull(ci(Formulas.ces(new State().add("n", 1).add("sum", 5).add("scale:1-7", 1).add("score:5", 1))));
        assertNull(ci(Formulas.ces(new State().add("n", 2).add("sum", 9.5).add("scale:1-7", 2).add("score:5", 1))));
        assertEquals(Map.of("5", 1L), Formulas.ces(new State().add("n", 2).add("sum", 9.5).add("scale:1-7", 2)
                .add("score:5", 1)).details().get("distribution"));
    }
}
