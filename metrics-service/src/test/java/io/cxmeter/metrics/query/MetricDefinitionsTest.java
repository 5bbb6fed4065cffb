package io.cxmeter.metrics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Every metric of the catalogue is computed by exactly one definition, of the shape its kind needs. */
class MetricDefinitionsTest {

    @Test
    void everyMetricHasADefinitionOfItsKind() {
        for (Metric metric : Metric.values()) {
            MetricDefinitions.Definition definition = metric.definition();
            if (metric.kind() == Metric.Kind.CUSTOMER) {
                assertInstanceOf(MetricDefinitions.OfCustomers.class, definition, metric.id());
            } else {
                MetricDefinitions.Summed summed = assertInstanceOf(MetricDefinitions.Summed.class, definition, metric.id());
                assertEquals(metric == Metric.OPEN_TICKETS, summed.atInstant(), metric.id() + " is read at an instant");
            }
        }
    }

    @Test
    void eachMetricTakesTheParametersOfItsKindAndItsOwn() {
        assertEquals(List.of("surveyId", "minSample"), own(Metric.NPS));
        assertEquals(List.of("surveyId"), own(Metric.RESPONSE_RATE));
        assertEquals(List.of("minSample"), own(Metric.IQS));
        assertEquals(List.of("at"), own(Metric.OPEN_TICKETS));
        assertEquals(List.of(), own(Metric.BACKLOG));
        assertEquals(List.of("clock"), own(Metric.NEXT_REPLY_TIME));
        assertEquals(List.of("threshold", "shortAbandonSeconds"), own(Metric.SERVICE_LEVEL));
        assertEquals(List.of("windowDays"), own(Metric.RECOVERY_RATE));
        assertEquals(List.of("from", "to", "groupBy", "interval", "compare", "channel", "team", "agent", "priority", "tag"),
                Metric.TICKET_VOLUME.parameters());
        assertEquals(List.of("value", "median", "p90"), Metric.RESOLUTION_TIME.statistics());
        assertEquals(List.of("value", "meanScore"), Metric.CSAT.statistics());
        assertEquals(List.of("value"), Metric.CHURN_RATE.statistics());
    }

    /** The parameters after the common ones (period, grouping, series, comparison) and the filters. */
    private static List<String> own(Metric metric) {
        List<String> parameters = metric.parameters();
        return parameters.subList(5 + metric.filters().size(), parameters.size());
    }
}
