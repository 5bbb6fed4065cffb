package io.cxmeter.metrics.facts;

import java.time.Instant;
import java.util.Objects;

import io.cxmeter.metrics.rollup.State;

/**
 * What one fact adds to one family of metrics at the instant it counts: a ticket's first reply to
 * {@code ticket} at {@code firstReplyAt}, a response to {@code nps} at {@code submittedAt}, and so on.
 * It carries the dimensions the fact has (null where it has none) and, for customer metrics, the
 * customer. {@code scope} is the survey of survey families and empty otherwise.
 */
public record Contribution(Family family, String scope, Instant at, String channel, String team, String agent,
        String touchpoint, String locale, String customerId, State state) {

    public Contribution {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(at, "at");
        scope = scope == null ? "" : scope;
    }

    public Contribution withoutCustomer() {
        return new Contribution(family, scope, at, channel, team, agent, touchpoint, locale, null, state);
    }

    public String dimension(Dimension dimension) {
        return switch (dimension) {
            case CHANNEL -> channel;
            case TEAM -> team;
            case AGENT -> agent;
            case SURVEY -> scope.isEmpty() ? null : scope;
            case TOUCHPOINT -> touchpoint;
            case LOCALE -> locale;
        };
    }
}
