package io.cxmeter.metrics.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** cx_bins_add, the merge of histogram deltas into rollup columns, in the database the schema migration built. */
@QuarkusTest
class HistogramMergeTest {

    @Inject
    Pool pool;

    private String add(String a, String b) {
        return pool.preparedQuery("SELECT cx_bins_add($1, $2) AS h").execute(Tuple.of(a, b))
                .await().indefinitely().iterator().next().getString("h");
    }

    @Test
    void binsAddUpAndNewBinsJoinInOrder() {
        assertEquals("-2147483648,1,3,5,4,1,9,2,12,6", add("3,2,9,2", "3,3,4,1,12,6,-2147483648,1"));
        // Before the first, after the last, and into an empty list.
        assertEquals("1,1,3,2", add("3,2", "1,1"));
        assertEquals("3,2,700,4", add("3,2", "700,4"));
        // Counts are int8: a busy tenant's bin over years may pass an int4.
        assertEquals("3,3000000001", add("3,3000000000", "3,1"));
    }

    @Test
    void binsThatReachZeroGoAndNothingLeftIsNull() {
        assertEquals("9,2", add("3,2,9,2,11,1", "3,-2,11,-1"));
        assertEquals("3,2", add("3,2,9,2", "9,-2"));
        assertNull(add("3,2", "3,-2"));
    }

    @Test
    void aMissingSideIsTheOther() {
        assertEquals("3,2", add(null, "3,2"));
        assertEquals("3,2", add("3,2", null));
        assertNull(add(null, null));
    }

    @Test
    void aDeltaAndItsUndoLeaveTheRowAsItWas() {
        String row = "-4,1,12,7,300,2";
        String once = add(row, "12,2,13,1,-5,3");
        assertEquals("-5,3,-4,1,12,9,13,1,300,2", once);
        assertEquals(row, add(once, "12,-2,13,-1,-5,-3"));
    }
}
