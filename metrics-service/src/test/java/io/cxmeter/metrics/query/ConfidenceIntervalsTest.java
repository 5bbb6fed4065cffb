package io.cxmeter.metrics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cxmeter.metrics.facts.Counters.Survey;
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
        State seven = new State().add(Survey.N, 7).add(Survey.PROMOTERS, 3).add(Survey.PASSIVES, 2).add(Survey.DETRACTORS, 2);
        assertInterval(-47.42328019645176, 75.99470876788034, ci(Formulas.nps(seven)));
        // 3 promoters, 1 passive of 4: 75 ± 42.4352, the upper end clipped to 100.
        State four = new State().add(Survey.N, 4).add(Survey.PROMOTERS, 3).add(Survey.PASSIVES, 1);
        assertInterval(32.56475521456251, 100.0, ci(Formulas.nps(four)));
        assertNull(ci(Formulas.nps(new State())));
    }

    @Test
    void csatIsTheWilsonScoreInterval() {
        // 40 of 40 positive: centre (1 + 1.96²/80) / (1 + 1.96²/40) = 0.956187, half 0.043812.
        assertInterval(91.23754607496078, 100.0, ci(Formulas.csat(new State().add(Survey.N, 40).add(Survey.POSITIVE, 40)
                .add(Survey.SCALE_1_5, 40))));
        // 0 of 40: the mirror image, from exactly 0 to 100 − 91.2375.
        assertInterval(0.0, 8.76245392503922, ci(Formulas.csat(new State().add(Survey.N, 40).add(Survey.POSITIVE, 0)
                .add(Survey.SCALE_1_5, 40))));
        // 20 of 40: symmetric about 50.
        assertInterval(35.19927879709975, 64.80072120290025, ci(Formulas.csat(new State().add(Survey.N, 40).add(Survey.POSITIVE, 20)
                .add(Survey.SCALE_1_5, 40))));
    }

    @Test
    void cesIsTheMeanPlusOrMinusStudentsTTimesItsStandardError() {
        // Scores 7, 5, 2: mean 4.6667, s² = (78 − 3 · 4.6667²) / 2 = 6.3333, t(0.975, 2) = 4.302653.
        State three = new State().add(Survey.N, 3).add(Survey.SUM, 14).add(Survey.POSITIVE, 2).add(Survey.SCALE_1_7, 3)
                .add(Survey.SCORE_7, 1).add(Survey.SCORE_5, 1).add(Survey.SCORE_2, 1);
        assertInterval(-1.5849428129442131, 10.918276146277547, ci(Formulas.ces(three)));
        // Two answers, 7 and 5: mean 6, s = √2, t(0.975, 1) = tan(0.475 π) = 12.7062047, so ± 12.7062047.
        List<Double> two = ci(Formulas.ces(new State().add(Survey.N, 2).add(Survey.SUM, 12).add(Survey.POSITIVE, 2).add(Survey.SCALE_1_7, 2)
                .add(Survey.SCORE_7, 1).add(Survey.SCORE_5, 1)));
        assertEquals(6 - 12.706204736174698, two.get(0), 1e-6);
        assertEquals(6 + 12.706204736174698, two.get(1), 1e-6);
        // One answer: no spread, no interval; a fractional score: the spread is unknown.
        assertNull(ci(Formulas.ces(new State().add(Survey.N, 1).add(Survey.SUM, 5).add(Survey.SCALE_1_7, 1).add(Survey.SCORE_5, 1))));
        assertNull(ci(Formulas.ces(new State().add(Survey.N, 2).add(Survey.SUM, 9.5).add(Survey.SCALE_1_7, 2).add(Survey.SCORE_5, 1))));
        assertEquals(Map.of("5", 1L), Formulas.ces(new State().add(Survey.N, 2).add(Survey.SUM, 9.5).add(Survey.SCALE_1_7, 2)
                .add(Survey.SCORE_5, 1)).details().get("distribution"));
    }
}
