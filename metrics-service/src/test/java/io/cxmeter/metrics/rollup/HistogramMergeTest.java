package io.cxmeter.metrics.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** cx_hist_add, the merge of histogram deltas into rollup rows, in the database the migrations built. */
@QuarkusTest
class HistogramMergeTest {

    @Inject
    Pool pool;

    private JsonObject add(String a, String b) {
        Object merged = pool.preparedQuery("SELECT cx_hist_add($1::jsonb, $2::jsonb) AS h")
                .execute(Tuple.of(a == null ? null : new JsonObject(a), b == null ? null : new JsonObject(b)))
                .await().indefinitely().iterator().next().getValue("h");
        return (JsonObject) merged;
    }

    @Test
    void binsAddUpAndNewHistogramsAndBinsJoin() {
        assertEquals(new JsonObject("{\"frt\":{\"3\":5,\"4\":1,\"9\":2},\"res\":{\"1\":1},\"sl.answered\":{\"0\":3}}"),
                add("{\"frt\":{\"3\":2,\"9\":2},\"res\":{\"1\":1}}", "{\"frt\":{\"3\":3,\"4\":1},\"sl.answered\":{\"0\":3}}"));
    }

    @Test
    void binsThatReachZeroGoAndSoDoEmptyHistograms() {
        assertEquals(new JsonObject("{\"frt\":{\"9\":2}}"),
                add("{\"frt\":{\"3\":2,\"9\":2},\"res\":{\"1\":1}}", "{\"frt\":{\"3\":-2},\"res\":{\"1\":-1}}"));
        // Nothing left is no histograms at all.
        assertNull(add("{\"frt\":{\"3\":2}}", "{\"frt\":{\"3\":-2}}"));
    }

    @Test
    void aMissingSideIsTheOther() {
        assertEquals(new JsonObject("{\"frt\":{\"3\":2}}"), add(null, "{\"frt\":{\"3\":2}}"));
        assertEquals(new JsonObject("{\"frt\":{\"3\":2}}"), add("{\"frt\":{\"3\":2}}", null));
    }

    @Test
    void aDeltaAndItsUndoLeaveTheRowAsItWas() {
        String row = "{\"frt\":{\"-4\":1,\"12\":7,\"300\":2},\"res\":{\"40\":3}}";
        JsonObject once = add(row, "{\"frt\":{\"12\":2,\"13\":1},\"res\":{\"41\":1}}");
        assertEquals(new JsonObject(row), add(once.encode(), "{\"frt\":{\"12\":-2,\"13\":-1},\"res\":{\"41\":-1}}"));
    }
}
