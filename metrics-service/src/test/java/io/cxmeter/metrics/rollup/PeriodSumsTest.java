package io.cxmeter.metrics.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cxmeter.metrics.facts.Counters.Ticket;

class PeriodSumsTest {

    private static State created(int n) {
        return new State().add(Ticket.CREATED, n);
    }

    @Test
    void addingSumsGroupByGroupLeavesTheAddedSumsAsTheyWere() {
        PeriodSums read = new PeriodSums().add(0, "A-1", created(2)).add(1, "A-1", created(1));
        PeriodSums correction = new PeriodSums().add(0, "A-1", created(-1)).add(0, null, created(4));
        read.plus(correction);
        assertEquals(1, read.get(0, "A-1").count(Ticket.CREATED));
        assertEquals(4, read.get(0, null).count(Ticket.CREATED));
        assertEquals(1, read.get(1, "A-1").count(Ticket.CREATED));
        read.add(0, null, created(1));
        assertEquals(4, correction.get(0, null).count(Ticket.CREATED));
    }

    @Test
    void aCopyIsAddedToAlone() {
        PeriodSums shared = new PeriodSums().add(0, RollupReader.ALL, created(3));
        PeriodSums mine = shared.copy().add(0, RollupReader.ALL, created(2));
        assertEquals(3, shared.get(0, RollupReader.ALL).count(Ticket.CREATED));
        assertEquals(5, mine.get(0, RollupReader.ALL).count(Ticket.CREATED));
    }

    @Test
    void totalsSumEveryGroupOfAPeriod() {
        PeriodSums sums = new PeriodSums().add(0, "email", created(2)).add(0, null, created(1)).add(2, "chat", created(5));
        PeriodSums totals = sums.totals();
        assertEquals(3, totals.get(0, RollupReader.ALL).count(Ticket.CREATED));
        assertEquals(5, totals.get(2, RollupReader.ALL).count(Ticket.CREATED));
        assertTrue(totals.get(1, RollupReader.ALL).isEmpty());
        assertEquals(Map.of(0, Map.of(RollupReader.ALL, 3L), 2, Map.of(RollupReader.ALL, 5L)),
                totals.map(s -> s.count(Ticket.CREATED)));
    }
}
