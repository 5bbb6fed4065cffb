package io.cxmeter.suite.history;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A tenant's history made up from a seed, in the shapes of docs/api.md's imports: customers with
 * purchases, engagement events, tickets on every channel (reopened, resolved then closed, calls
 * blocked, abandoned under and over 5 s, answered around the 20 s threshold, reassigned), survey
 * responses on NPS, CSAT and CES surveys of several scales, and reviews with N/A and critical
 * categories. Every instant is a whole second and no two events of a ticket share one, so the
 * order of a ticket's events is never a question. The held-out comparison uses the fixed window
 * {@link #START}–{@link #END}; the local run's demo tenant gets the months up to now.
 */
public final class History {

    public static final Instant START = Instant.parse("2026-01-20T00:00:00Z");
    public static final Instant END = Instant.parse("2026-05-10T00:00:00Z");
    public static final java.time.ZoneId ZONE = java.time.ZoneId.of("Europe/Berlin");
    static final List<String> CHANNELS = List.of("email", "chat", "call", "social", "web_form", "api");
    static final List<String> AGENTS = List.of("A-1", "A-2", "A-3", "A-4", "A-5");
    static final List<String> TEAMS = java.util.Arrays.asList("tier-1", "tier-2", null);
    /** Ticket priorities; null sends none, which ticket-service takes as normal. None is urgent: tests add their own. */
    static final List<String> PRIORITIES = java.util.Arrays.asList("low", "normal", "high", null);
    static final List<String> TOUCHPOINTS = java.util.Arrays.asList("support", "billing", "onboarding", null);
    static final List<String> LOCALES = java.util.Arrays.asList("en", "de", "lt", null);
    static final List<String> RESPONSE_CHANNELS = java.util.Arrays.asList("email", "chat", "call", "web", null);

    public record Purchase(BigDecimal amount, Instant at) {
    }

    public record Customer(String id, Instant since, Instant churnedAt, boolean referred, List<Purchase> purchases) {
    }

    public record Engagement(String customerId, String type, Instant at) {
    }

    public record Event(String type, Instant at, String agentId, String status, Integer talk, Integer hold, Integer wrapUp) {
    }

    public record Ticket(String id, String channel, String team, String priority, String customerId, Instant createdAt,
            List<Event> events) {
    }

    /** A survey as created through the API; {@code touchpoint} labels its responses that name none. */
    public record Survey(String name, String kind, int min, int max, Integer positiveFrom, String touchpoint) {

        public int positive() {
            if (positiveFrom != null) {
                return positiveFrom;
            }
            // docs/metrics.md's defaults per kind and scale.
            return switch (kind + " " + min + "-" + max) {
                case "CSAT 1-3" -> 3;
                case "CSAT 1-5" -> 4;
                case "CSAT 1-7" -> 6;
                case "CSAT 1-10" -> 8;
                case "CSAT 0-1" -> 1;
                case "CES 1-5" -> 4;
                case "CES 1-7" -> 5;
                case "CES 1-10" -> 8;
                default -> throw new IllegalArgumentException(kind + " " + min + "-" + max);
            };
        }
    }

    public record Response(String id, int survey, int score, Instant submittedAt, String channel, String touchpoint,
            String agentId, String customerId, String locale) {
    }

    public record Category(String name, double weight, int maxPoints, boolean critical) {
    }

    /** A rating is null for N/A. */
    public record Review(String id, String agentId, Instant createdAt, Map<String, Integer> ratings) {
    }

    public final List<Customer> customers = new ArrayList<>();
    public final List<Engagement> engagements = new ArrayList<>();
    public final List<Ticket> tickets = new ArrayList<>();
    public final List<Survey> surveys = List.of(
            new Survey("NPS after support", "NPS", 0, 10, null, null),
            new Survey("CSAT five", "CSAT", 1, 5, null, null),
            new Survey("CSAT ten", "CSAT", 1, 10, null, "help-center"),
            new Survey("CSAT thumbs", "CSAT", 0, 1, null, null),
            new Survey("CES seven", "CES", 1, 7, null, null),
            new Survey("CES five", "CES", 1, 5, 3, null));
    public final List<Response> responses = new ArrayList<>();
    public final List<Category> categories = List.of(
            new Category("Tone", 1, 5, false),
            new Category("Correct answer", 2, 4, true),
            new Category("Speed", 1.5, 3, false));
    public final List<Review> reviews = new ArrayList<>();

    private final Random random;
    private final Instant start;
    private final Instant end;

    private History(long seed, Instant start, Instant end) {
        this.random = new Random(seed);
        this.start = start;
        this.end = end;
    }

    public static History generate(long seed, int customers, int tickets, int responses, int reviews) {
        return generate(seed, START, END, customers, tickets, responses, reviews);
    }

    /** A history whose events fall in {@code [start, end)}; customers may have joined up to 120 days before. */
    public static History generate(long seed, Instant start, Instant end, int customers, int tickets, int responses,
            int reviews) {
        History h = new History(seed, start, end);
        for (int i = 1; i <= customers; i++) {
            h.customer("C-" + i);
        }
        for (int i = 0; i < customers * 4; i++) {
            Customer c = h.pick(h.customers);
            h.engagements.add(new Engagement(c.id(), h.pick(List.of("visit", "login", "social_reaction")), h.instant()));
        }
        for (int i = 1; i <= tickets; i++) {
            h.ticket("T-" + i);
        }
        for (int i = 1; i <= responses; i++) {
            h.response("R-" + i);
        }
        for (int i = 1; i <= reviews; i++) {
            h.review("Q-" + i);
        }
        return h;
    }

    private void customer(String id) {
        Instant since = between(start.minus(Duration.ofDays(120)), end.minus(Duration.ofDays(20)));
        Instant churnedAt = random.nextInt(10) < 3 ? between(since.plusSeconds(3600), end) : null;
        List<Purchase> purchases = new ArrayList<>();
        int n = random.nextInt(4);
        Instant last = churnedAt == null ? end : churnedAt;
        for (int p = 0; p < n; p++) {
            BigDecimal amount = BigDecimal.valueOf(500 + random.nextInt(20000)).movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY);
            purchases.add(new Purchase(amount, between(since, last)));
        }
        customers.add(new Customer(id, since, churnedAt, random.nextInt(10) < 3, purchases));
    }

    private void ticket(String id) {
        String channel = pick(CHANNELS);
        Instant created = instant();
        List<Event> events = new ArrayList<>();
        Instant[] t = {created};
        String agent = pick(AGENTS);
        boolean queue = channel.equals("call") || channel.equals("chat");
        boolean blocked = false;
        if (queue) {
            Instant queued = null;
            if (channel.equals("call") || random.nextInt(10) < 8) {
                queued = t[0] = t[0].plusSeconds(random.nextInt(3));
                events.add(new Event("queued", queued, null, null, null, null, null));
            }
            int outcome = random.nextInt(20);
            if (channel.equals("call") && outcome < 2) {
                blocked = true;
                events.add(new Event("blocked", t[0] = t[0].plusSeconds(1), null, null, null, null, null));
            } else if (outcome < 5) {
                // Abandoned 1 to 10 s after queuing: under and over the 5 s of service level.
                events.add(new Event("abandoned", t[0] = t[0].plusSeconds(1 + random.nextInt(10)), null, null, null, null, null));
            } else {
                int wait = random.nextInt(4) == 0 ? 20 : random.nextInt(60);
                events.add(new Event("answered", t[0] = t[0].plusSeconds(Math.max(1, wait)), agent, null, null, null, null));
                events.add(new Event("assigned", t[0] = t[0].plusSeconds(1), agent, null, null, null, null));
                events.add(new Event("agent_reply", t[0] = t[0].plusSeconds(1 + random.nextInt(30)), agent, null, null, null, null));
                int talk = 30 + random.nextInt(900);
                int hold = random.nextInt(3) == 0 ? random.nextInt(200) : 0;
                int wrap = random.nextInt(120);
                events.add(new Event("handled", t[0] = t[0].plusSeconds(talk + hold + wrap), null, null, talk, hold, wrap));
            }
        } else {
            if (random.nextInt(10) < 8) {
                events.add(new Event("assigned", t[0] = later(t[0], 6 * 3600), agent, null, null, null, null));
            }
            if (random.nextInt(10) < 8) {
                String replier = random.nextInt(5) == 0 ? pick(AGENTS) : agent;
                events.add(new Event("agent_reply", t[0] = later(t[0], 2 * 86400), replier, null, null, null, null));
            }
            if (random.nextInt(3) == 0) {
                events.add(new Event("customer_reply", t[0] = later(t[0], 86400), null, null, null, null, null));
            }
        }
        if (!blocked || random.nextBoolean()) {
            statuses(events, t, agent);
        }
        Collections.shuffle(events, random);
        String customer = random.nextInt(10) < 7 ? pick(customers).id() : random.nextInt(3) == 0 ? "C-unknown" : null;
        // The priority follows from the id: drawing it would change every later draw of the history.
        tickets.add(new Ticket(id, channel, pick(TEAMS), PRIORITIES.get(Math.floorMod(id.hashCode(), PRIORITIES.size())),
                customer, created, events));
    }

    /** A walk over the statuses: reopenings, resolved then closed, waits for the customer, reassignments. */
    private void statuses(List<Event> events, Instant[] t, String agent) {
        int steps = random.nextInt(6);
        for (int s = 0; s < steps; s++) {
            String status = pick(List.of("open", "pending", "on_hold", "resolved", "resolved", "closed", "new"));
            events.add(new Event("status", t[0] = later(t[0], 3 * 86400), null, status, null, null, null));
            if (random.nextInt(8) == 0) {
                String next = pick(AGENTS);
                events.add(new Event("assigned", t[0] = later(t[0], 86400), next.equals(agent) ? pick(AGENTS) : next,
                        null, null, null, null));
            }
        }
    }

    private void response(String id) {
        int survey = random.nextInt(surveys.size());
        Survey s = surveys.get(survey);
        Customer customer = random.nextInt(10) < 6 ? pick(customers) : null;
        responses.add(new Response(id, survey, s.min() + random.nextInt(s.max() - s.min() + 1), instant(),
                pick(RESPONSE_CHANNELS), pick(TOUCHPOINTS), random.nextInt(4) == 0 ? null : pick(AGENTS),
                customer == null ? null : customer.id(), pick(LOCALES)));
    }

    private void review(String id) {
        Map<String, Integer> ratings = new LinkedHashMap<>();
        for (Category c : categories) {
            int roll = random.nextInt(10);
            ratings.put(c.name(), roll == 0 ? null : roll == 1 ? 0 : random.nextInt(c.maxPoints() + 1));
        }
        if (ratings.values().stream().allMatch(java.util.Objects::isNull)) {
            ratings.put("Tone", 3);
        }
        reviews.add(new Review(id, pick(AGENTS), instant(), ratings));
    }

    /** Mostly anywhere; one in twenty exactly on a midnight in Berlin, where buckets are cut. */
    private Instant instant() {
        Instant t = between(start, end);
        return random.nextInt(20) == 0 ? t.atZone(ZONE).truncatedTo(java.time.temporal.ChronoUnit.DAYS).toInstant() : t;
    }

    private Instant between(Instant from, Instant to) {
        long span = Duration.between(from, to).getSeconds();
        return from.plusSeconds((long) (random.nextDouble() * span));
    }

    private Instant later(Instant after, int maxSeconds) {
        return after.plusSeconds(1 + random.nextInt(maxSeconds));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    // NDJSON lines of docs/api.md's imports.

    public List<String> customerLines() {
        return customerLines(id -> true);
    }

    public List<String> customerLines(java.util.function.Predicate<String> only) {
        return customers.stream().filter(c -> only.test(c.id())).map(c -> new JsonObject().put("id", c.id()).put("since", c.since().toString())
                .put("churnedAt", c.churnedAt() == null ? null : c.churnedAt().toString()).put("referred", c.referred())
                .put("purchases", new JsonArray(c.purchases().stream()
                        .map(p -> new JsonObject().put("amount", p.amount()).put("at", p.at().toString())).toList()))
                .encode()).toList();
    }

    public List<String> engagementLines() {
        return engagements.stream().map(e -> new JsonObject().put("customerId", e.customerId()).put("type", e.type())
                .put("at", e.at().toString()).encode()).toList();
    }

    public List<String> ticketLines() {
        return ticketLines(id -> true);
    }

    public List<String> ticketLines(java.util.function.Predicate<String> only) {
        return tickets.stream().filter(t -> only.test(t.id())).map(t -> {
            JsonArray events = new JsonArray();
            for (Event e : t.events()) {
                JsonObject event = new JsonObject().put("type", e.type()).put("at", e.at().toString());
                if (e.agentId() != null) {
                    event.put("agentId", e.agentId());
                }
                if (e.status() != null) {
                    event.put("status", e.status());
                }
                if (e.talk() != null) {
                    event.put("talkSeconds", e.talk()).put("holdSeconds", e.hold()).put("wrapUpSeconds", e.wrapUp());
                }
                events.add(event);
            }
            JsonObject line = new JsonObject().put("id", t.id()).put("channel", t.channel())
                    .put("createdAt", t.createdAt().toString()).put("events", events);
            if (t.team() != null) {
                line.put("team", t.team());
            }
            if (t.priority() != null) {
                line.put("priority", t.priority());
            }
            if (t.customerId() != null) {
                line.put("customerId", t.customerId());
            }
            return line.encode();
        }).toList();
    }

    public List<String> responseLines(int survey) {
        return responseLines(survey, id -> true);
    }

    public List<String> responseLines(int survey, java.util.function.Predicate<String> only) {
        return responses.stream().filter(r -> r.survey() == survey && only.test(r.id())).map(r -> {
            JsonObject line = new JsonObject().put("id", r.id()).put("score", r.score())
                    .put("submittedAt", r.submittedAt().toString());
            putIfSet(line, "channel", r.channel());
            putIfSet(line, "touchpoint", r.touchpoint());
            putIfSet(line, "agentId", r.agentId());
            putIfSet(line, "customerId", r.customerId());
            putIfSet(line, "locale", r.locale());
            return line.encode();
        }).toList();
    }

    public List<String> reviewLines(String scorecardId) {
        return reviewLines(scorecardId, id -> true);
    }

    public List<String> reviewLines(String scorecardId, java.util.function.Predicate<String> only) {
        return reviews.stream().filter(r -> only.test(r.id())).map(r -> {
            JsonObject ratings = new JsonObject();
            r.ratings().forEach(ratings::put);
            return new JsonObject().put("id", r.id()).put("scorecardId", scorecardId).put("agentId", r.agentId())
                    .put("reviewer", "A-9").put("createdAt", r.createdAt().toString()).put("ratings", ratings).encode();
        }).toList();
    }

    public JsonObject scorecard() {
        return new JsonObject().put("name", "Support QA").put("categories", new JsonArray(categories.stream()
                .map(c -> new JsonObject().put("name", c.name()).put("weight", c.weight()).put("maxPoints", c.maxPoints())
                        .put("critical", c.critical()))
                .toList()));
    }

    public JsonObject surveyRequest(int index) {
        Survey s = surveys.get(index);
        JsonObject body = new JsonObject().put("name", s.name()).put("kind", s.kind())
                .put("scale", new JsonObject().put("min", s.min()).put("max", s.max()));
        if (s.positiveFrom() != null) {
            body.put("positiveFrom", s.positiveFrom());
        }
        if (s.touchpoint() != null) {
            body.put("touchpoint", s.touchpoint());
        }
        return body;
    }

    private static void putIfSet(JsonObject line, String field, String value) {
        if (value != null) {
            line.put(field, value);
        }
    }

    /** What {@link #amend} changed: the ids to send again. */
    public record Amended(Set<String> customers, Set<String> tickets, Set<String> responses, Set<String> reviews) {

        public int size() {
            return customers.size() + tickets.size() + responses.size() + reviews.size();
        }
    }

    /**
     * Changes part of the history as a tenant re-sending corrected lines would: tickets get more
     * events (reopened and resolved again, replies, reassignments) and another team, responses
     * another score, customers churn or come back, reviews are rated again.
     */
    public Amended amend() {
        Set<String> changedTickets = new java.util.TreeSet<>();
        for (int i = 0; i < tickets.size() / 8; i++) {
            int index = random.nextInt(tickets.size());
            Ticket t = tickets.get(index);
            List<Event> events = new ArrayList<>(t.events());
            Instant[] last = {events.stream().map(Event::at).max(Instant::compareTo).orElse(t.createdAt())};
            if (random.nextBoolean()) {
                events.add(new Event("status", last[0] = later(last[0], 5 * 86400), null, "open", null, null, null));
                events.add(new Event("status", last[0] = later(last[0], 2 * 86400), null, "resolved", null, null, null));
            }
            if (random.nextBoolean()) {
                events.add(new Event("agent_reply", last[0] = later(last[0], 86400), pick(AGENTS), null, null, null, null));
            }
            statuses(events, last, pick(AGENTS));
            Collections.shuffle(events, random);
            tickets.set(index, new Ticket(t.id(), t.channel(), pick(TEAMS), t.priority(), t.customerId(), t.createdAt(), events));
            changedTickets.add(t.id());
        }
        Set<String> changedResponses = new java.util.TreeSet<>();
        for (int i = 0; i < responses.size() / 8; i++) {
            int index = random.nextInt(responses.size());
            Response r = responses.get(index);
            Survey s = surveys.get(r.survey());
            responses.set(index, new Response(r.id(), r.survey(), s.min() + random.nextInt(s.max() - s.min() + 1),
                    r.submittedAt(), pick(RESPONSE_CHANNELS), r.touchpoint(), r.agentId(), r.customerId(), r.locale()));
            changedResponses.add(r.id());
        }
        Set<String> changedCustomers = new java.util.TreeSet<>();
        for (int i = 0; i < customers.size() / 6; i++) {
            int index = random.nextInt(customers.size());
            Customer c = customers.get(index);
            Instant churnedAt = c.churnedAt() == null ? between(c.since().plusSeconds(3600), end) : null;
            customers.set(index, new Customer(c.id(), c.since(), churnedAt, !c.referred(), c.purchases().subList(0,
                    c.purchases().size() / 2)));
            changedCustomers.add(c.id());
        }
        Set<String> changedReviews = new java.util.TreeSet<>();
        for (int i = 0; i < reviews.size() / 6; i++) {
            int index = random.nextInt(reviews.size());
            Review old = reviews.get(index);
            review(old.id());
            Review fresh = reviews.remove(reviews.size() - 1);
            reviews.set(index, new Review(old.id(), fresh.agentId(), old.createdAt(), fresh.ratings()));
            changedReviews.add(old.id());
        }
        return new Amended(changedCustomers, changedTickets, changedResponses, changedReviews);
    }

    /** The customer erased (GDPR): its facts go, its tickets stay without it. */
    public void erase(String customerId) {
        customers.removeIf(c -> c.id().equals(customerId));
        engagements.removeIf(e -> e.customerId().equals(customerId));
        responses.removeIf(r -> customerId.equals(r.customerId()));
        tickets.replaceAll(t -> customerId.equals(t.customerId())
                ? new Ticket(t.id(), t.channel(), t.team(), t.priority(), null, t.createdAt(), t.events()) : t);
    }
}
