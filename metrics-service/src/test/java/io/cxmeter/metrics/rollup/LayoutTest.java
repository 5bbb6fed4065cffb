package io.cxmeter.metrics.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.cxmeter.metrics.facts.Counters.Survey;
import io.cxmeter.metrics.facts.Counters;
import io.cxmeter.metrics.facts.Family;
import io.cxmeter.metrics.facts.Histogram;

class LayoutTest {

    @Test
    void theLeadingCountersANpsReadNeedsAreTheFirstSixOfTwentyFour() {
        assertEquals(24, Layout.size(Family.NPS));
        assertEquals(6, Layout.prefix(Family.NPS, List.of(Survey.N, Survey.PROMOTERS, Survey.PASSIVES, Survey.DETRACTORS)));
        assertEquals(1, Layout.prefix(Family.NPS, List.of(Survey.N)));
        assertEquals(24, Layout.prefix(Family.NPS, List.of(Survey.N, Survey.SCALE_OTHER)));
    }

    @Test
    void aCounterOutsideTheLayoutIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Layout.prefix(Family.NPS, List.of(Counters.Ticket.FRT_N)));
        assertThrows(IllegalArgumentException.class,
                () -> Layout.pack(Family.TICKET, new State().add(Counters.Read.REVIEW_SQUARES, 4)));
    }

    @Test
    void aStateReadsBackAsItWasPacked() {
        State state = new State().add(Counters.Ticket.CREATED, 1).add(Counters.Ticket.FRT_SUM, 42.5)
                .record(Histogram.FRT, 17, 1).record(Histogram.SL_ANSWERED, 30, 2);
        Layout.Packed packed = Layout.pack(Family.TICKET, state);
        assertEquals(Layout.size(Family.TICKET), packed.counters().length);
        Double[] counters = new Double[packed.counters().length];
        packed.countersInto(counters, 0);
        assertEquals(state, Layout.decode(Family.TICKET, counters, state.histogramsJson()));
    }

    @Test
    void histogramsAreTheirFamilysColumnsInOrder() {
        assertEquals("h1", Layout.histogramColumn(Family.TICKET, Histogram.FRT));
        assertEquals("h2", Layout.histogramColumn(Family.NEXT_REPLY, Histogram.NRTB));
        assertThrows(IllegalArgumentException.class, () -> Layout.histogramColumn(Family.NPS, Histogram.FRT));
    }
}
