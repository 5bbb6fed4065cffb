package io.cxmeter.metrics.query;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.cxmeter.metrics.facts.Dimension;

/** Every metric of docs/metrics.md: its id in the API, what it measures and how, and what it can be grouped by. */
public enum Metric {
    NPS("nps", "Net Promoter Score", Kind.SURVEY, "100 * (promoters (9-10) - detractors (0-6)) / responses, with the 95 % margin of error"),
    CSAT("csat", "Customer satisfaction", Kind.SURVEY, "100 * responses with score >= positiveFrom / responses"),
    CES("ces", "Customer effort score", Kind.SURVEY, "sum of scores / responses (one scale only); easyPercent = 100 * positive / responses"),
    CUSTOM("custom", "Custom question", Kind.SURVEY, "mean score of CUSTOM survey responses (one scale: name the survey with surveyId)"),
    RESPONSE_RATE("response-rate", "Response rate", Kind.INVITATION, "100 * answered invitations / invitations sent in the period"),
    IQS("iqs", "Internal quality score", Kind.REVIEW, "mean review score of reviews created in the period"),
    TICKET_VOLUME("ticket-volume", "Ticket volume", Kind.TICKET, "tickets created in the period (group by channel for volume by channel)"),
    OPEN_TICKETS("open-tickets", "Open tickets", Kind.TICKET_INSTANT, "tickets created before `at` whose status at `at` is new or open"),
    BACKLOG("backlog", "Ticket backlog", Kind.TICKET_INSTANT, "tickets created before `to` not resolved at `to`"),
    FIRST_RESPONSE_TIME("first-response-time", "First response time", Kind.TICKET, "mean of firstReplyAt - createdAt for first public agent replies in the period; median, p90"),
    RESOLUTION_TIME("resolution-time", "Average resolution time", Kind.TICKET, "mean of resolvedAt - createdAt, resolvedAt the latest resolution before `to`, for tickets whose resolvedAt is in the period and still resolved at `to`; median, p90"),
    NEXT_REPLY_TIME("next-reply-time", "Next-reply time", Kind.TICKET, "mean of closedAt - openedAt of waits for the next agent reply (opened by a customer reply after the first agent reply) closed in the period; median, p90"),
    REOPEN_RATE("reopen-rate", "Reopen rate", Kind.TICKET, "100 * tickets resolved in the period and reopened before `to` / tickets resolved in the period"),
    FIRST_CONTACT_RESOLUTION("first-contact-resolution", "First-contact resolution", Kind.TICKET, "100 * tickets first resolved in the period after exactly one agent reply and not reopened before `to` / tickets first resolved in the period"),
    SLA_ACHIEVEMENT("sla-achievement", "SLA achievement", Kind.TICKET, "100 * SLA target instances met / instances decided (met or breached) in the period; per target: firstReply, nextReply, resolution"),
    RESOLUTION_RATE("resolution-rate", "Resolution rate", Kind.TICKET, "100 * tickets first assigned in the period and resolved at `to` / tickets first assigned in the period"),
    ASA("asa", "Average speed of answer", Kind.TICKET, "mean of answeredAt - queuedAt for call and chat tickets answered in the period"),
    SERVICE_LEVEL("service-level", "Service level", Kind.TICKET, "100 * offered call/chat tickets answered within `threshold` s / offered (queued in the period, minus those abandoned within `shortAbandonSeconds`)"),
    BLOCKS("blocks", "Blocked calls", Kind.TICKET, "call tickets with outcome blocked created in the period; blockRate = 100 * blocked / calls"),
    AHT("aht", "Average handle time", Kind.TICKET, "mean of talk + hold + wrap-up seconds of contacts ended in the period"),
    CHURN_RATE("churn-rate", "Churn rate", Kind.CUSTOMER, "100 * customers active at `from` who churned in the period / customers active at `from`"),
    RETENTION_RATE("retention-rate", "Retention rate", Kind.CUSTOMER, "100 * (customers active at `to` - new customers) / customers active at `from`"),
    REFERRAL_RATE("referral-rate", "Referral rate", Kind.CUSTOMER, "100 * new customers acquired by referral / new customers"),
    ENGAGEMENT("engagement", "Customer engagement", Kind.CUSTOMER, "interactions (tickets, survey responses, engagement events) of customers active in the period / those customers"),
    CLV("clv", "Customer lifetime value", Kind.CUSTOMER, "yearly value per customer ((revenue / purchasing customers) * 365 / days) / yearly churn ((churn rate / 100) * 365 / days)"),
    RECOVERY_RATE("recovery-rate", "Recovery rate", Kind.FOLLOW_UP, "100 * customers whose next answer after their negative answer's follow-up was resolved is positive (within windowDays, default 90) / customers followed up whose window closed or who answered");

    /** The families of metrics, which decide the dimensions and parameters. */
    public enum Kind {
        SURVEY, INVITATION, REVIEW, TICKET, TICKET_INSTANT, CUSTOMER, FOLLOW_UP
    }

    private final String id;
    private final String title;
    private final Kind kind;
    private final String formula;

    Metric(String id, String title, Kind kind, String formula) {
        this.id = id;
        this.title = title;
        this.kind = kind;
        this.formula = formula;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public Kind kind() {
        return kind;
    }

    public String formula() {
        return formula;
    }

    /** Where the product's metric definitions describe it (an anchor per metric id). */
    public String documentation() {
        return "docs/metrics.md#" + id;
    }

    public Set<Dimension> dimensions() {
        return switch (kind) {
            case SURVEY, INVITATION -> EnumSet.of(Dimension.CHANNEL, Dimension.AGENT, Dimension.SURVEY, Dimension.TOUCHPOINT,
                    Dimension.LOCALE);
            case REVIEW -> EnumSet.of(Dimension.AGENT);
            case TICKET, TICKET_INSTANT -> EnumSet.of(Dimension.CHANNEL, Dimension.TEAM, Dimension.AGENT, Dimension.PRIORITY);
            case CUSTOMER -> EnumSet.noneOf(Dimension.class);
            case FOLLOW_UP -> EnumSet.of(Dimension.TEAM, Dimension.AGENT);
        };
    }

    /**
     * The dimensions its facts can be filtered by (docs/metrics.md#filters), each a parameter of the same
     * name: those it can be grouped by, but survey, which {@code surveyId} names; a ticket's tags too.
     */
    public Set<Dimension> filters() {
        Set<Dimension> filters = EnumSet.noneOf(Dimension.class);
        filters.addAll(dimensions());
        filters.remove(Dimension.SURVEY);
        if (kind == Kind.TICKET || kind == Kind.TICKET_INSTANT) {
            filters.add(Dimension.TAG);
        }
        return filters;
    }

    /** What a refused filter is told: the dimensions the metric can be filtered by. */
    public String filterable() {
        return filters().isEmpty() ? "its facts carry no dimension"
                : "it can be filtered by " + filters().stream().map(Dimension::wire).collect(Collectors.joining(", "));
    }

    public List<String> parameters() {
        List<String> common = new java.util.ArrayList<>(List.of("from", "to", "groupBy", "interval", "compare"));
        filters().forEach(d -> common.add(d.wire()));
        return switch (this) {
            case NPS, CSAT, CES, CUSTOM -> concat(common, "surveyId", "minSample");
            case RESPONSE_RATE -> concat(common, "surveyId");
            case IQS -> concat(common, "minSample");
            case OPEN_TICKETS -> concat(common, "at");
            case SERVICE_LEVEL -> concat(common, "threshold", "shortAbandonSeconds");
            case RECOVERY_RATE -> concat(common, "windowDays");
            case FIRST_RESPONSE_TIME, RESOLUTION_TIME, NEXT_REPLY_TIME -> concat(common, "clock");
            default -> common;
        };
    }

    /**
     * The numbers of an answer an alert rule can watch: {@code value}, and the details that are numbers
     * on the metric's own scale (percentiles of durations, CSAT's mean score, CES's easy share, the block rate).
     */
    public List<String> statistics() {
        return switch (this) {
            case FIRST_RESPONSE_TIME, RESOLUTION_TIME, NEXT_REPLY_TIME -> List.of("value", "median", "p90");
            case CSAT -> List.of("value", "meanScore");
            case CES -> List.of("value", "easyPercent");
            case BLOCKS -> List.of("value", "blockRate");
            default -> List.of("value");
        };
    }

    /** Whether the metric rests on answers or reviews: its values say when their sample is small. */
    public boolean sampled() {
        return this == NPS || this == CSAT || this == CES || this == CUSTOM || this == IQS;
    }

    public static Optional<Metric> byId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
    }

    private static List<String> concat(List<String> head, String... tail) {
        return java.util.stream.Stream.concat(head.stream(), Arrays.stream(tail)).toList();
    }
}
