package io.cxmeter.metrics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

/** Every metric of the catalogue is computed by exactly one definition, of the shape its kind needs. */
class MetricDefinitionsTest {

    @Test
    void everyMetricHasADefinitionOfItsKind() {
        for (Metric metric : Metric.values()) {
            MetricDefinitions.Definition definition = MetricDefinitions.of(metric);
            if (metric.kind() == Metric.Kind.CUSTOMER) {
                assertInstanceOf(MetricDefinitions.OfCustomers.class, definition, metric.id());
            } else {
                MetricDefinitions.Summed summed = assertInstanceOf(MetricDefinitions.Summed.class, definition, metric.id());
                assertEquals(metric == Metric.OPEN_TICKETS, summed.atInstant(), metric.id() + " is read at an instant");
            }
        }
    }
}
