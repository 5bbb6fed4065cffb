package io.cxmeter.metrics.query;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import io.cxmeter.metrics.facts.Dimension;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The metric endpoint's closed sets — metric ids, dimensions, intervals — listed in the API document
 * from the enums the engine runs on, so generated clients offer exactly the values the service takes.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class MetricParameters implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        for (String path : List.of("/api/v1/metrics/{metric}", "/api/v1/metrics/summary")) {
            PathItem item = openAPI.getPaths().getPathItem(path);
            if (item != null && item.getGET() != null && item.getGET().getParameters() != null) {
                item.getGET().getParameters().forEach(MetricParameters::closedSet);
            }
        }
    }

    private static void closedSet(Parameter parameter) {
        switch (parameter.getName()) {
            case "metric" -> parameter.setSchema(oneOf(Metric.values(), Metric::id));
            case "groupBy" -> parameter.setSchema(oneOf(
                    java.util.Arrays.stream(Dimension.values()).filter(Dimension::groupable).toArray(Dimension[]::new),
                    Dimension::wire));
            case "interval" -> parameter.setSchema(oneOf(Interval.values(), Interval::wire));
            case "compare" -> parameter.setSchema(oneOf(new String[] {"previous"}, Function.identity()));
            default -> {
            }
        }
    }

    private static <E> Schema oneOf(E[] values, Function<E, String> wire) {
        List<Object> names = Arrays.stream(values).map(wire).map(Object.class::cast).toList();
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).enumeration(names);
    }
}
