package io.cxmeter.metrics.query;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.cxmeter.metrics.facts.Dimension;
import io.cxmeter.metrics.facts.Filter;
import io.cxmeter.problem.ProblemException;

/** The filter parameters of a metric request or a summary (docs/metrics.md#filters): one per dimension but survey. */
public class FilterParameters {

    @Parameter(description = "Keeps the facts of these channels (repeat the parameter for several)")
    @QueryParam("channel")
    List<String> channel;

    @Parameter(description = "Keeps the facts of these teams")
    @QueryParam("team")
    List<String> team;

    @Parameter(description = "Keeps the facts of these agents")
    @QueryParam("agent")
    List<String> agent;

    @Parameter(description = "Survey metrics: keeps the answers given at these touchpoints")
    @QueryParam("touchpoint")
    List<String> touchpoint;

    @Parameter(description = "Survey metrics: keeps the answers in these locales")
    @QueryParam("locale")
    List<String> locale;

    @Parameter(description = "Ticket metrics: keeps the tickets of these priorities")
    @QueryParam("priority")
    List<String> priority;

    @Parameter(description = "Ticket metrics: keeps the tickets that carry one of these tags")
    @QueryParam("tag")
    List<String> tag;

    /** The values named per dimension; a blank value is a 400 naming the parameter. */
    Filter filter() {
        Map<Dimension, List<String>> named = new EnumMap<>(Dimension.class);
        put(named, Dimension.CHANNEL, channel);
        put(named, Dimension.TEAM, team);
        put(named, Dimension.AGENT, agent);
        put(named, Dimension.TOUCHPOINT, touchpoint);
        put(named, Dimension.LOCALE, locale);
        put(named, Dimension.PRIORITY, priority);
        put(named, Dimension.TAG, tag);
        return Filter.of(named);
    }

    private static void put(Map<Dimension, List<String>> named, Dimension dimension, List<String> values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        if (values.stream().anyMatch(v -> v == null || v.isBlank())) {
            throw ProblemException.badRequest(dimension.wire() + " must name a " + dimension.wire()
                    + "; repeat the parameter for several");
        }
        named.put(dimension, values);
    }
}
