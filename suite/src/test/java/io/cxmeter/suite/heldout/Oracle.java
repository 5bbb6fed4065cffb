package io.cxmeter.suite.heldout;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cxmeter.suite.history.History.Event;
import io.cxmeter.suite.history.History.Ticket;
import io.cxmeter.suite.history.History;

/**
 * Every metric of docs/metrics.md computed the slow, obvious way from a {@link History}: each period is
 * read from the raw records, ticket by ticket and response by response. It shares no code with
 * metrics-service, so an answer that agrees with it agrees with the contract, not with itself.
 */
public final class Oracle {

    private static final Set<String> WAITING = Set.of("new", "open");
    private static final Set<String> RESOLVED = Set.of("resolved", "closed");

    /** What a metric should answer over one period (or for one group or bucket of it). */
    public record Expected(Double value, long count, Map<String, Object> details) {
    }

    /** One member of a metric's set: its dimensions and what it adds (a duration, a yes/no, a score). */
    private record Fact(Map<String, String> dims, double x, boolean yes, Object extra) {
    }

    /**
     * The tenant's business hours (null: every hour counts), its teams' own, its SLA policies, and whether
     * durations are asked in business seconds ({@code clock=business}).
     */
    record Setup(Calendar tenant, Map<String, Calendar> teams, List<SlaPolicy> policies, boolean business) {

        static final Setup NONE = new Setup(null, Map.of(), List.of(), false);
    }

    private final History h;
    private final List<String> surveyIds;
    private final int threshold;
    private final int shortAbandonSeconds;
    private final Setup setup;

    /** {@code surveyIds}: the ids survey-service gave to {@code h.surveys}, in order. */
    public Oracle(History h, List<String> surveyIds) {
        this(h, surveyIds, 20, 5, Setup.NONE);
    }

    private Oracle(History h, List<String> surveyIds, int threshold, int shortAbandonSeconds, Setup setup) {
        this.h = h;
        this.surveyIds = surveyIds;
        this.threshold = threshold;
        this.shortAbandonSeconds = shortAbandonSeconds;
        this.setup = setup;
    }

    /** The same with service level's parameters other than their defaults (20 s, 5 s). */
    public Oracle serviceLevel(int threshold, int shortAbandonSeconds) {
        return new Oracle(h, surveyIds, threshold, shortAbandonSeconds, setup);
    }

    /** The same once the tenant has these business hours and SLA policies; durations in business seconds if asked. */
    Oracle with(Setup other) {
        return new Oracle(h, surveyIds, threshold, shortAbandonSeconds, other);
    }

    public static boolean isCustomerMetric(String metric) {
        return Set.of("churn-rate", "retention-rate", "referral-rate", "engagement", "clv").contains(metric);
    }

    /**
     * The metric over {@code [from, to)}; by group when {@code groupBy} is set (the map's null key is the
     * group of facts without the dimension). {@code at}: the instant of open tickets (default {@code to}).
     */
    public Map<String, Expected> compute(String metric, Instant from, Instant to, Instant at, String groupBy, String surveyId) {
        return compute(metric, from, to, at, groupBy, surveyId, Map.of());
    }

    /** The same over the facts whose dimensions have the values {@code filter} names (docs/metrics.md: filters). */
    public Map<String, Expected> compute(String metric, Instant from, Instant to, Instant at, String groupBy, String surveyId,
            Map<String, String> filter) {
        if (isCustomerMetric(metric)) {
            Map<String, Expected> one = new LinkedHashMap<>();
            one.put(null, customers(metric, from, to));
            return one;
        }
        List<Fact> facts = metric.equals("recovery-rate") ? recoveries(from, to, RECOVERY_WINDOW_DAYS)
                : facts(metric, from, to, at == null ? to : at, surveyId);
        facts = facts.stream().filter(f -> filter.entrySet().stream()
                .allMatch(e -> e.getValue().equals(f.dims().get(e.getKey())))).toList();
        Function<List<Fact>, Expected> reduce = reducer(metric);
        Map<String, Expected> out = new LinkedHashMap<>();
        if (groupBy == null) {
            out.put(null, reduce.apply(facts));
            return out;
        }
        Map<String, List<Fact>> groups = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        for (Fact f : facts) {
            groups.computeIfAbsent(f.dims().get(groupBy), k -> new ArrayList<>()).add(f);
        }
        groups.forEach((key, members) -> out.put(key, reduce.apply(members)));
        return out;
    }

    private List<Fact> facts(String metric, Instant from, Instant to, Instant at, String surveyId) {
        List<Fact> out = new ArrayList<>();
        switch (metric) {
            case "nps", "csat", "ces" -> {
                String kind = metric.toUpperCase();
                for (History.Response r : h.responses) {
                    History.Survey s = h.surveys.get(r.survey());
                    String id = surveyIds.get(r.survey());
                    if (s.kind().equals(kind) && in(r.submittedAt(), from, to) && (surveyId == null || surveyId.equals(id))) {
                        Map<String, String> dims = dims("channel", r.channel(), "agent", r.agentId(), "survey", id,
                                "touchpoint", r.touchpoint() != null ? r.touchpoint() : s.touchpoint(), "locale", r.locale());
                        // yes: a positive answer (CSAT, CES); NPS counts promoters and detractors from the score.
                        out.add(new Fact(dims, r.score(), !kind.equals("NPS") && r.score() >= s.positive(), s));
                    }
                }
            }
            case "iqs" -> {
                for (History.Review r : h.reviews) {
                    if (in(r.createdAt(), from, to)) {
                        out.add(new Fact(dims("agent", r.agentId()), reviewScore(r), false, null));
                    }
                }
            }
            case "next-reply-time" -> {
                for (Ticket t : h.tickets) {
                    out.addAll(waitsClosed(t, from, to));
                }
            }
            case "sla-achievement" -> {
                for (Ticket t : h.tickets) {
                    out.addAll(slaInstances(t, from, to));
                }
            }
            default -> {
                for (Ticket t : h.tickets) {
                    ticketFact(metric, t, from, to, at).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    /** A ticket's place in a ticket metric's set, if it has one: docs/metrics.md's ticket metrics one by one. */
    private java.util.Optional<Fact> ticketFact(String metric, Ticket t, Instant from, Instant to, Instant at) {
        List<Event> events = t.events().stream().sorted(Comparator.comparing(Event::at)).toList();
        boolean queue = t.channel().equals("call") || t.channel().equals("chat");
        Event queued = first(events, "queued");
        Event answered = first(events, "answered");
        Fact fact = switch (metric) {
            case "ticket-volume" -> in(t.createdAt(), from, to) ? fact(t, assigneeAtOrBefore(events, t.createdAt()), 1, true) : null;
            case "open-tickets" -> t.createdAt().isBefore(at) && WAITING.contains(statusBefore(events, at))
                    ? fact(t, assigneeBefore(events, at), 1, true) : null;
            case "backlog" -> t.createdAt().isBefore(to) && !RESOLVED.contains(statusBefore(events, to))
                    ? fact(t, assigneeBefore(events, to), 1, true) : null;
            case "first-response-time" -> {
                Event reply = first(events, "agent_reply");
                yield reply != null && in(reply.at(), from, to) ? fact(t, reply.agentId(), duration(t, t.createdAt(), reply.at()), true) : null;
            }
            case "resolution-time" -> {
                Instant resolvedAt = null;
                String status = "new";
                // The latest resolution strictly before `to`: nothing after `to` counts.
                for (Event e : events) {
                    if (e.type().equals("status") && e.at().isBefore(to)) {
                        if (!RESOLVED.contains(status) && RESOLVED.contains(e.status())) {
                            resolvedAt = e.at();
                        }
                        status = e.status();
                    }
                }
                yield resolvedAt != null && in(resolvedAt, from, to) && RESOLVED.contains(statusBefore(events, to))
                        ? fact(t, assigneeAtOrBefore(events, resolvedAt), duration(t, t.createdAt(), resolvedAt), true) : null;
            }
            case "reopen-rate" -> {
                // Resolutions before `to`, as positions in the walk; the ticket counts at its first one in the period.
                List<Integer> resolutions = resolutions(events, to);
                Integer firstInPeriod = resolutions.stream().filter(i -> !events.get(i).at().isBefore(from)).findFirst().orElse(null);
                yield firstInPeriod == null ? null : fact(t, assigneeAtOrBefore(events, events.get(firstInPeriod).at()), 0,
                        reopenedAfter(events, firstInPeriod, to));
            }
            case "first-contact-resolution" -> {
                List<Integer> resolutions = resolutions(events, to);
                if (resolutions.isEmpty() || events.get(resolutions.get(0)).at().isBefore(from)) {
                    yield null;
                }
                Instant firstResolved = events.get(resolutions.get(0)).at();
                long replies = events.stream().filter(e -> e.type().equals("agent_reply") && !e.at().isAfter(firstResolved)).count();
                yield fact(t, assigneeAtOrBefore(events, firstResolved), 0,
                        replies == 1 && !reopenedAfter(events, resolutions.get(0), to));
            }
            case "resolution-rate" -> {
                Event assigned = first(events, "assigned");
                yield assigned != null && in(assigned.at(), from, to)
                        ? fact(t, assigned.agentId(), 0, RESOLVED.contains(statusBefore(events, to))) : null;
            }
            case "asa" -> queue && answered != null && in(answered.at(), from, to)
                    ? fact(t, answered.agentId(), seconds(queued != null ? queued.at() : t.createdAt(), answered.at()), true) : null;
            case "service-level" -> {
                if (!queue || queued == null || !in(queued.at(), from, to) || first(events, "blocked") != null) {
                    yield null;
                }
                Event abandoned = first(events, "abandoned");
                if (abandoned != null && seconds(queued.at(), abandoned.at()) < shortAbandonSeconds) {
                    yield null;
                }
                boolean within = answered != null && seconds(queued.at(), answered.at()) <= threshold;
                yield fact(t, assigneeAtOrBefore(events, queued.at()), 0, within);
            }
            case "blocks" -> t.channel().equals("call") && in(t.createdAt(), from, to)
                    ? fact(t, assigneeAtOrBefore(events, t.createdAt()), 0, first(events, "blocked") != null) : null;
            case "aht" -> {
                Event handled = first(events, "handled");
                yield handled != null && in(handled.at(), from, to) ? fact(t, assigneeAtOrBefore(events, handled.at()),
                        handled.talk() + handled.hold() + handled.wrapUp(), true) : null;
            }
            default -> throw new IllegalArgumentException(metric);
        };
        return java.util.Optional.ofNullable(fact);
    }

    /** The positions of a ticket's changes from an unresolved status to resolved or closed before {@code to}. */
    private static List<Integer> resolutions(List<Event> events, Instant to) {
        List<Integer> out = new ArrayList<>();
        String status = "new";
        for (int i = 0; i < events.size() && events.get(i).at().isBefore(to); i++) {
            Event e = events.get(i);
            if (e.type().equals("status")) {
                if (!RESOLVED.contains(status) && RESOLVED.contains(e.status())) {
                    out.add(i);
                }
                status = e.status();
            }
        }
        return out;
    }

    /** Whether a status event after position {@code resolution} and before {@code to} leaves resolved or closed. */
    private static boolean reopenedAfter(List<Event> events, int resolution, Instant to) {
        for (int i = resolution + 1; i < events.size() && events.get(i).at().isBefore(to); i++) {
            if (events.get(i).type().equals("status") && !RESOLVED.contains(events.get(i).status())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The ticket's waits for a next reply closed in the period: after the first agent reply, from a
     * customer reply while none is open to the next agent reply, each for the agent who closed it.
     */
    private List<Fact> waitsClosed(Ticket t, Instant from, Instant to) {
        List<Event> events = t.events().stream().sorted(Comparator.comparing(Event::at)).toList();
        List<Fact> out = new ArrayList<>();
        int firstReply = -1;
        for (int i = 0; i < events.size() && firstReply < 0; i++) {
            if (events.get(i).type().equals("agent_reply")) {
                firstReply = i;
            }
        }
        if (firstReply < 0) {
            return out;
        }
        Instant opened = null;
        for (Event e : events.subList(firstReply + 1, events.size())) {
            if (e.type().equals("customer_reply") && opened == null) {
                opened = e.at();
            } else if (e.type().equals("agent_reply") && opened != null) {
                if (in(e.at(), from, to)) {
                    out.add(fact(t, e.agentId(), duration(t, opened, e.at()), true));
                }
                opened = null;
            }
        }
        return out;
    }

    /** A duration of the ticket in the clock asked: calendar seconds, or business seconds of its calendar. */
    private double duration(Ticket t, Instant a, Instant b) {
        return setup.business() ? seconds(calendarOf(t), a, b) : seconds(a, b);
    }

    /** The ticket's team's business hours, else the tenant's; null: every hour counts. */
    private Calendar calendarOf(Ticket t) {
        return t.team() != null && setup.teams().containsKey(t.team()) ? setup.teams().get(t.team()) : setup.tenant();
    }

    private static double seconds(Calendar calendar, Instant a, Instant b) {
        return calendar == null ? seconds(a, b) : calendar.seconds(a, b);
    }

    private static String priority(Ticket t) {
        // A ticket sent without a priority is a normal one (docs/api.md).
        return t.priority() == null ? "normal" : t.priority();
    }

    /**
     * The ticket's SLA target instances decided in the period (docs/metrics.md: SLA policies), one fact
     * each: {@code yes} when met, {@code extra} the target. The first policy by position that matches
     * the ticket's priority and channel; an instance is met when it closed within its target (in the
     * policy's clock), decided when it closed; otherwise breached once more than the target has passed.
     */
    private List<Fact> slaInstances(Ticket t, Instant from, Instant to) {
        SlaPolicy policy = setup.policies().stream().sorted(Comparator.comparingInt(SlaPolicy::position))
                .filter(p -> p.matches(priority(t), t.channel())).findFirst().orElse(null);
        List<Fact> out = new ArrayList<>();
        if (policy == null) {
            return out;
        }
        List<Event> events = t.events().stream().sorted(Comparator.comparing(Event::at)).toList();
        Calendar clock = policy.business() ? calendarOf(t) : null;
        Event firstReply = first(events, "agent_reply");
        if (policy.firstReply() != null) {
            instance(out, t, events, clock, "firstReply", policy.firstReply(), t.createdAt(), firstReply, from, to);
        }
        if (policy.resolution() != null) {
            List<Integer> resolutions = resolutions(events, Instant.MAX);
            Event resolved = resolutions.isEmpty() ? null : events.get(resolutions.get(0));
            instance(out, t, events, clock, "resolution", policy.resolution(), t.createdAt(), resolved, from, to);
        }
        if (policy.nextReply() != null && firstReply != null) {
            Instant opened = null;
            for (Event e : events.subList(events.indexOf(firstReply) + 1, events.size())) {
                if (e.type().equals("customer_reply") && opened == null) {
                    opened = e.at();
                } else if (e.type().equals("agent_reply") && opened != null) {
                    instance(out, t, events, clock, "nextReply", policy.nextReply(), opened, e, from, to);
                    opened = null;
                }
            }
            if (opened != null) {
                instance(out, t, events, clock, "nextReply", policy.nextReply(), opened, null, from, to);
            }
        }
        return out;
    }

    private void instance(List<Fact> out, Ticket t, List<Event> events, Calendar clock, String target, long seconds,
            Instant start, Event closing, Instant from, Instant to) {
        boolean met = closing != null && seconds(clock, start, closing.at()) <= seconds;
        Instant decided = met ? closing.at() : clock == null ? start.plusSeconds(seconds) : clock.exceeded(start, seconds);
        if (!in(decided, from, to)) {
            return;
        }
        String agent = met && closing.type().equals("agent_reply") ? closing.agentId() : assigneeAtOrBefore(events, decided);
        out.add(new Fact(dims("channel", t.channel(), "team", t.team(), "agent", agent, "priority", priority(t)), 0, met,
                target));
    }

    private static Fact fact(Ticket t, String agent, double x, boolean yes) {
        return new Fact(dims("channel", t.channel(), "team", t.team(), "agent", agent, "priority", priority(t)), x, yes, null);
    }

    /** The default window of recovery rate, in days. */
    public static final int RECOVERY_WINDOW_DAYS = 90;

    /**
     * Recovery rate's customers (docs/metrics.md#recovery-rate), one fact each: the latest negative
     * answer of the period whose follow-up ticket was first resolved before {@code to}, and what the
     * customer's next answer of the same kind after that resolution says; {@code extra} is recovered,
     * notRecovered, noAnswer or pending; the dimensions are the follow-up ticket's agent and team.
     */
    private List<Fact> recoveries(Instant from, Instant to, int windowDays) {
        Map<String, Ticket> followUps = new java.util.HashMap<>();
        for (Ticket t : h.tickets) {
            if (t.id().startsWith("followup-")) {
                followUps.put(t.id(), t);
            }
        }
        Map<String, History.Response> latest = new java.util.HashMap<>();
        Map<String, Instant> resolvedAt = new java.util.HashMap<>();
        for (History.Response r : h.responses) {
            History.Survey s = h.surveys.get(r.survey());
            Ticket followUp = followUps.get("followup-" + key(r));
            if (r.customerId() == null || !in(r.submittedAt(), from, to) || !negative(r, s) || followUp == null) {
                continue;
            }
            Instant resolution = firstResolution(followUp);
            if (resolution == null || !resolution.isBefore(to)) {
                continue;
            }
            History.Response current = latest.get(r.customerId());
            if (current == null || r.submittedAt().isAfter(current.submittedAt())
                    || r.submittedAt().equals(current.submittedAt()) && key(r).compareTo(key(current)) > 0) {
                latest.put(r.customerId(), r);
                resolvedAt.put(r.customerId(), resolution);
            }
        }
        List<Fact> out = new ArrayList<>();
        latest.forEach((customer, complaint) -> {
            String kind = h.surveys.get(complaint.survey()).kind();
            Instant resolution = resolvedAt.get(customer);
            Instant windowEnd = resolution.plus(Duration.ofDays(windowDays));
            History.Response next = h.responses.stream()
                    .filter(r -> customer.equals(r.customerId()) && h.surveys.get(r.survey()).kind().equals(kind)
                            && r.submittedAt().isAfter(resolution) && r.submittedAt().isBefore(windowEnd) && r.submittedAt().isBefore(to))
                    .min(Comparator.comparing(History.Response::submittedAt).thenComparing(this::key)).orElse(null);
            String outcome = next != null ? (positive(next, h.surveys.get(next.survey())) ? "recovered" : "notRecovered")
                    : windowEnd.isAfter(to) ? "pending" : "noAnswer";
            Ticket followUp = followUps.get("followup-" + key(complaint));
            List<Event> events = followUp.events().stream().sorted(Comparator.comparing(Event::at)).toList();
            out.add(new Fact(dims("agent", assigneeAtOrBefore(events, resolution), "team", followUp.team()), 0,
                    outcome.equals("recovered"), outcome));
        });
        return out;
    }

    /** survey-service's id of a response: its survey's id, a colon, the response's own id. */
    private String key(History.Response r) {
        return surveyIds.get(r.survey()) + ":" + r.id();
    }

    private static boolean negative(History.Response r, History.Survey s) {
        return s.kind().equals("NPS") ? r.score() <= 6 : !s.kind().equals("CUSTOM") && r.score() < s.positive();
    }

    private static boolean positive(History.Response r, History.Survey s) {
        return s.kind().equals("NPS") ? r.score() >= 9 : r.score() >= s.positive();
    }

    /** When a ticket first went from unresolved to resolved or closed, or null. */
    private static Instant firstResolution(Ticket t) {
        String status = "new";
        for (Event e : t.events().stream().sorted(Comparator.comparing(Event::at)).toList()) {
            if (e.type().equals("status")) {
                if (RESOLVED.contains(e.status()) && !RESOLVED.contains(status)) {
                    return e.at();
                }
                status = e.status();
            }
        }
        return null;
    }

    private Function<List<Fact>, Expected> reducer(String metric) {
        return switch (metric) {
            case "recovery-rate" -> facts -> {
                Map<Object, Long> by = facts.stream().collect(Collectors.groupingBy(Fact::extra, Collectors.counting()));
                long recovered = by.getOrDefault("recovered", 0L);
                long noAnswer = by.getOrDefault("noAnswer", 0L);
                long notRecovered = by.getOrDefault("notRecovered", 0L) + noAnswer;
                long n = recovered + notRecovered;
                return new Expected(n == 0 ? null : 100.0 * recovered / n, n, details("recovered", recovered,
                        "notRecovered", notRecovered, "noAnswer", noAnswer, "pending", by.getOrDefault("pending", 0L),
                        "windowDays", (long) RECOVERY_WINDOW_DAYS));
            };
            case "nps" -> facts -> {
                long n = facts.size();
                long p = facts.stream().filter(f -> f.x() >= 9).count();
                long d = facts.stream().filter(f -> f.x() <= 6).count();
                if (n == 0) {
                    return EMPTY;
                }
                double pp = (double) p / n;
                double pd = (double) d / n;
                double nps = 100.0 * (p - d) / n;
                double moe = 100 * 1.96 * Math.sqrt((pp + pd - (pp - pd) * (pp - pd)) / n);
                return new Expected(nps, n, details("promoters", p, "passives", n - p - d, "detractors", d,
                        "marginOfError95", moe, "responses", n,
                        "ci95", List.of(Math.max(-100, nps - moe), Math.min(100, nps + moe))));
            };
            case "csat" -> facts -> {
                long n = facts.size();
                long positive = facts.stream().filter(Fact::yes).count();
                boolean oneScale = facts.stream().map(f -> scale(f)).distinct().count() == 1;
                Map<String, Object> details = details("responses", n, "meanScore",
                        n > 0 && oneScale ? facts.stream().mapToDouble(Fact::x).sum() / n : null,
                        "distribution", facts.stream().collect(Collectors.groupingBy(f -> String.valueOf((int) f.x()),
                                TreeMap::new, Collectors.counting())));
                if (n > 0) {
                    // Wilson score interval, z = 1.96.
                    double p = (double) positive / n;
                    double z2 = 1.96 * 1.96;
                    double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
                    double half = 1.96 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
                    details.put("ci95", List.of(100 * (centre - half), 100 * (centre + half)));
                }
                return n == 0 ? EMPTY : new Expected(100.0 * positive / n, n, details);
            };
            case "ces" -> facts -> {
                long n = facts.size();
                long positive = facts.stream().filter(Fact::yes).count();
                boolean oneScale = facts.stream().map(f -> scale(f)).distinct().count() == 1;
                return n == 0 ? EMPTY : new Expected(oneScale ? facts.stream().mapToDouble(Fact::x).sum() / n : null, n,
                        details("responses", n, "easyPercent", 100.0 * positive / n));
            };
            case "iqs" -> facts -> {
                Expected mean = mean(facts, false);
                if (facts.isEmpty()) {
                    return mean;
                }
                // Student's t interval: mean ± t(0.975, n − 1) · s / √n, s from the deviations from the mean.
                long n = facts.size();
                double deviations = facts.stream().mapToDouble(f -> (f.x() - mean.value()) * (f.x() - mean.value())).sum();
                Object ci95 = NULL;
                if (n >= 2) {
                    double half = new org.apache.commons.math3.distribution.TDistribution(n - 1)
                            .inverseCumulativeProbability(0.975) * Math.sqrt(deviations / (n - 1) / n);
                    ci95 = List.of(mean.value() - half, mean.value() + half);
                }
                return new Expected(mean.value(), n, details("reviews", n, "ci95", ci95));
            };
            case "asa", "aht" -> facts -> mean(facts, false);
            case "first-response-time", "resolution-time", "next-reply-time" -> facts -> mean(facts, true);
            case "sla-achievement" -> facts -> {
                long met = facts.stream().filter(Fact::yes).count();
                long n = facts.size();
                Map<String, Object> details = details("met", met, "breached", n - met);
                for (String target : List.of("firstReply", "nextReply", "resolution")) {
                    long targetMet = facts.stream().filter(f -> f.yes() && target.equals(f.extra())).count();
                    long targetN = facts.stream().filter(f -> target.equals(f.extra())).count();
                    details.put(target, details("met", targetMet, "breached", targetN - targetMet,
                            "value", targetN == 0 ? NULL : 100.0 * targetMet / targetN));
                }
                return new Expected(n == 0 ? null : 100.0 * met / n, n, details);
            };
            case "reopen-rate" -> facts -> share(facts, "resolved", "reopened");
            case "first-contact-resolution" -> facts -> share(facts, "firstResolved", "resolvedAtFirstContact");
            case "ticket-volume", "open-tickets", "backlog" -> facts -> count(facts.size(), Map.of());
            case "resolution-rate", "service-level" -> facts -> {
                long n = facts.size();
                long yes = facts.stream().filter(Fact::yes).count();
                return n == 0 ? EMPTY : new Expected(100.0 * yes / n, n, Map.of());
            };
            case "blocks" -> facts -> {
                long blocked = facts.stream().filter(Fact::yes).count();
                Map<String, Object> details = details("calls", (long) facts.size(),
                        "blockRate", facts.isEmpty() ? null : 100.0 * blocked / facts.size());
                return count(blocked, details);
            };
            default -> throw new IllegalArgumentException(metric);
        };
    }

    /** The share of the set that is yes, in percent, with both sizes as details under these names. */
    private static Expected share(List<Fact> facts, String all, String yes) {
        long n = facts.size();
        long y = facts.stream().filter(Fact::yes).count();
        return n == 0 ? EMPTY : new Expected(100.0 * y / n, n, details(all, n, yes, y));
    }

    /** A count is the size of its set: over an empty set it is null like every metric (docs/metrics.md). */
    private static Expected count(long n, Map<String, Object> details) {
        return new Expected(n == 0 ? null : (double) n, n, details);
    }

    private static Expected mean(List<Fact> facts, boolean quantiles) {
        if (facts.isEmpty()) {
            return EMPTY;
        }
        double[] sorted = facts.stream().mapToDouble(Fact::x).sorted().toArray();
        Map<String, Object> details = new LinkedHashMap<>();
        if (quantiles) {
            details.put("median", nearestRank(sorted, 0.5));
            details.put("p90", nearestRank(sorted, 0.9));
        }
        return new Expected(java.util.Arrays.stream(sorted).sum() / sorted.length, sorted.length, details);
    }

    /** The value at rank ceil(q * n) of the sorted sample. */
    static double nearestRank(double[] sorted, double q) {
        return sorted[(int) Math.ceil(q * sorted.length) - 1];
    }

    private static String scale(Fact f) {
        History.Survey s = (History.Survey) f.extra();
        return s.min() + "-" + s.max();
    }

    private double reviewScore(History.Review r) {
        double weighted = 0;
        double weights = 0;
        for (History.Category c : h.categories) {
            Integer points = r.ratings().get(c.name());
            if (points == null) {
                continue;
            }
            if (c.critical() && points == 0) {
                return 0;
            }
            weighted += c.weight() * points / c.maxPoints();
            weights += c.weight();
        }
        return 100 * weighted / weights;
    }

    // Customer metrics.

    private Expected customers(String metric, Instant from, Instant to) {
        List<History.Customer> start = h.customers.stream().filter(c -> active(c, from)).toList();
        long s = start.size();
        long e = h.customers.stream().filter(c -> active(c, to)).count();
        List<History.Customer> joined = h.customers.stream().filter(c -> in(c.since(), from, to)).toList();
        long churned = start.stream().filter(c -> c.churnedAt() != null && in(c.churnedAt(), from, to)).count();
        double days = Duration.between(from, to).getSeconds() / 86400.0;
        switch (metric) {
            case "churn-rate":
                return s == 0 ? EMPTY : new Expected(100.0 * churned / s, s, Map.of());
            case "retention-rate":
                return s == 0 ? EMPTY : new Expected(100.0 * (e - joined.size()) / s, s, Map.of());
            case "referral-rate":
                return joined.isEmpty() ? EMPTY
                        : new Expected(100.0 * joined.stream().filter(History.Customer::referred).count() / joined.size(),
                                joined.size(), Map.of());
            case "engagement": {
                Set<String> activeIds = h.customers.stream()
                        .filter(c -> c.since().isBefore(to) && (c.churnedAt() == null || !c.churnedAt().isBefore(from)))
                        .map(History.Customer::id).collect(Collectors.toSet());
                Map<String, Long> interactions = new java.util.HashMap<>();
                h.tickets.stream().filter(t -> t.customerId() != null && in(t.createdAt(), from, to))
                        .forEach(t -> interactions.merge(t.customerId(), 1L, Long::sum));
                h.responses.stream().filter(r -> r.customerId() != null && in(r.submittedAt(), from, to))
                        .forEach(r -> interactions.merge(r.customerId(), 1L, Long::sum));
                h.engagements.stream().filter(x -> in(x.at(), from, to))
                        .forEach(x -> interactions.merge(x.customerId(), 1L, Long::sum));
                interactions.keySet().retainAll(activeIds);
                long total = interactions.values().stream().mapToLong(Long::longValue).sum();
                long n = activeIds.size();
                return n == 0 ? EMPTY : new Expected((double) total / n, n,
                        details("engagedPercent", 100.0 * interactions.size() / n));
            }
            case "clv": {
                BigDecimal revenue = BigDecimal.ZERO;
                Set<String> buyers = new HashSet<>();
                for (History.Customer c : h.customers) {
                    for (History.Purchase p : c.purchases()) {
                        if (in(p.at(), from, to)) {
                            revenue = revenue.add(p.amount());
                            buyers.add(c.id());
                        }
                    }
                }
                if (buyers.isEmpty()) {
                    return EMPTY;
                }
                if (s == 0 || churned == 0) {
                    // C customers bought, but there is no churn to divide by.
                    return new Expected(null, buyers.size(), Map.of());
                }
                double yearlyValue = revenue.doubleValue() / buyers.size() * 365 / days;
                double yearlyChurn = (100.0 * churned / s / 100) * 365 / days;
                return new Expected(yearlyValue / yearlyChurn, buyers.size(), Map.of());
            }
            default:
                throw new IllegalArgumentException(metric);
        }
    }

    private static boolean active(History.Customer c, Instant t) {
        return c.since().isBefore(t) && (c.churnedAt() == null || !c.churnedAt().isBefore(t));
    }

    // Reading a ticket's history.

    private static Event first(List<Event> chronological, String type) {
        return chronological.stream().filter(e -> e.type().equals(type)).findFirst().orElse(null);
    }

    /** The status at t: what the status events strictly before t made it; new at creation. */
    private static String statusBefore(List<Event> chronological, Instant t) {
        String status = "new";
        for (Event e : chronological) {
            if (e.at().isBefore(t) && e.type().equals("status")) {
                status = e.status();
            }
        }
        return status;
    }

    private static String assigneeAtOrBefore(List<Event> chronological, Instant t) {
        return assignee(chronological, t, true);
    }

    private static String assigneeBefore(List<Event> chronological, Instant t) {
        return assignee(chronological, t, false);
    }

    private static String assignee(List<Event> chronological, Instant t, boolean inclusive) {
        String agent = null;
        for (Event e : chronological) {
            if ((e.at().isBefore(t) || inclusive && e.at().equals(t)) && e.type().equals("assigned")) {
                agent = e.agentId();
            }
        }
        return agent;
    }

    private static boolean in(Instant t, Instant from, Instant to) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).getSeconds();
    }

    /** What every metric answers over an empty set: null, count 0. */
    public static final Expected EMPTY = new Expected(null, 0, Map.of());

    private static Map<String, String> dims(String... pairs) {
        Map<String, String> out = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    private static Map<String, Object> details(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1] == null ? NULL : pairs[i + 1]);
        }
        return out;
    }

    /** A details entry that must be there and null. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };
}
