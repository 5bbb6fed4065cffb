package io.cxmeter.metrics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/** The answers' mapper writes doubles with the fast writer, and every double reads back exactly. */
@QuarkusTest
class FastDoubleOutputTest {

    @Inject
    ObjectMapper json;

    @Test
    void theAnswersMapperUsesTheFastWriter() {
        assertTrue(json.getFactory().isEnabled(JsonGenerator.Feature.USE_FAST_DOUBLE_WRITER));
    }

    @Test
    void everyDoubleReadsBackAsItself() throws Exception {
        double[] edges = {0.0, -0.0, 1.0, 0.1, 1e-3, 9.99e-4, 1e7, 9_999_999.999, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE,
                2.0E-3, 9061.7325, 9047.589814524677, 100.0 / 3, 2 * Math.pow((1 + 0.01) / (1 - 0.01), 57) / ((1 + 0.01) / (1 - 0.01) + 1)};
        for (double value : edges) {
            assertReadsBack(value);
            assertReadsBack(-value);
        }
        SplittableRandom random = new SplittableRandom(12);
        for (int i = 0; i < 100_000; i++) {
            assertReadsBack(Double.longBitsToDouble(random.nextLong()));
            assertReadsBack(random.nextDouble() * 100_000);
        }
    }

    private void assertReadsBack(double value) throws Exception {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return;
        }
        String text = json.writeValueAsString(value);
        assertEquals(Double.doubleToLongBits(value), Double.doubleToLongBits(Double.parseDouble(text)), text);
    }
}
