package io.cxmeter.metrics.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.cxmeter.metrics.facts.Family;

class LayoutTest {

    @Test
    void theLeadingCountersANpsReadNeedsAreTheFirstSixOfTwentyFour() {
        assertEquals(24, Layout.size(Family.NPS));
        assertEquals(6, Layout.prefix(Family.NPS, List.of("n", "promoters", "passives", "detractors")));
        assertEquals(1, Layout.prefix(Family.NPS, List.of("n")));
        assertEquals(24, Layout.prefix(Family.NPS, List.of("n", Layout.OTHER_SCALE)));
    }

    @Test
    void aCounterOutsideTheLayoutIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Layout.prefix(Family.NPS, List.of("frt.n")));
    }
}
