package io.cxmeter.metrics.facts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.cxmeter.metrics.rollup.State;

/**
 * What one fact adds to one family of metrics at the instant it counts: a ticket's first reply to
 * {@code ticket} at {@code firstReplyAt}, a response to {@code nps} at {@code submittedAt}, and so on.
 * It carries the dimensions the fact has (null where it has none; a ticket's {@code priority} and
 * {@code tags}, which are only filtered on, are kept with its facts but not rolled up) and, for
 * customer metrics, the customer. {@code scope} is the survey of survey families and empty otherwise.
 */
public record Contribution(Family family, String scope, Instant at, String channel, String team, String agent,
        String touchpoint, String locale, String priority, List<String> tags, String customerId, State state) {

    public Contribution {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(at, "at");
        scope = scope == null ? "" : scope;
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A fact without priority and tags (everything but a ticket's). */
    public Contribution(Family family, String scope, Instant at, String channel, String team, String agent,
            String touchpoint, String locale, String customerId, State state) {
        this(family, scope, at, channel, team, agent, touchpoint, locale, null, List.of(), customerId, state);
    }

    public Contribution withoutCustomer() {
        return new Contribution(family, scope, at, channel, team, agent, touchpoint, locale, priority, tags, null, state);
    }

    public String dimension(Dimension dimension) {
        return switch (dimension) {
            case CHANNEL -> channel;
            case TEAM -> team;
            case AGENT -> agent;
            case SURVEY -> scope.isEmpty() ? null : scope;
            case TOUCHPOINT -> touchpoint;
            case LOCALE -> locale;
            case PRIORITY -> priority;
            case TAG -> throw new IllegalArgumentException("a ticket has several tags: they filter, they do not group");
        };
    }
}
