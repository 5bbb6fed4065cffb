package io.cxmeter.metrics.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Histogram bins summed from the text PostgreSQL prints for a jsonb object of bins. */
class BinSumsTest {

    @Test
    void sumsTheBinsOfManyRowsAsPostgresPrintsThem() {
        BinSums sums = new BinSums();
        sums.add("{\"7\": 2, \"12\": 3, \"-5\": 1, \"-2147483648\": 4}");
        sums.add("{\"12\":1,\"100\":9}");
        sums.add("{}");
        sums.add("  { \"7\" : 5 }  ");
        State state = new State();
        sums.into(state, "frt");
        assertEquals(Map.of(-2147483648, 4L, -5, 1L, 7, 7L, 12, 4L, 100, 9L), state.histogram("frt"));
    }

    @Test
    void binsThatAddUpToNothingAreLeftOut() {
        BinSums sums = new BinSums();
        sums.add("{\"3\": 2, \"4\": 1}");
        sums.add("{\"3\": -2}");
        State state = new State();
        sums.into(state, "res");
        assertEquals(Map.of(4, 1L), state.histogram("res"));
        BinSums none = new BinSums();
        none.add("{\"3\": 2}");
        none.add("{\"3\": -2}");
        State empty = new State();
        none.into(empty, "res");
        assertTrue(empty.isEmpty());
    }

    @Test
    void anythingButIntegerBinsAndCountsIsRefusedClearly() {
        for (String bad : new String[] {"{\"3\": 2.5}", "{\"a\": 1}", "[1, 2]", "{\"3\": 1", "{\"3\" 1}", "",
            "{\"99999999999\": 1}"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BinSums().add(bad), bad);
            assertTrue(e.getMessage().contains("histogram"), e.getMessage());
        }
    }
}
