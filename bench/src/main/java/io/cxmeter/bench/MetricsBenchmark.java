package io.cxmeter.bench;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

import org.postgresql.PGConnection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.cxmeter.events.Channel;
import io.cxmeter.events.EventPayload;
import io.cxmeter.events.EventType;
import io.cxmeter.events.ResponseUpserted;
import io.cxmeter.events.TicketEvent;
import io.cxmeter.events.TicketStatus;
import io.cxmeter.events.TicketUpserted;
import io.cxmeter.internalauth.InternalCaller;
import io.cxmeter.internalauth.InternalToken;
import io.cxmeter.internalauth.InternalTokenMinter;
import io.cxmeter.suite.LocalSuite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Loads one tenant's survey responses and tickets, spread over two years, into metrics-service
 * through its real ingestion path (producer-signed batches of 1,000 events to /internal/v1/events),
 * then measures in the same run:
 * <ul>
 * <li>ingestion events/s against the single-row INSERT and COPY rates of the same PostgreSQL for
 * the same rows;</li>
 * <li>p50/p95 latency through the gateway (and straight to metrics-service) of dashboard questions, over
 * whole days and quarters and over 30 days ending at an instant not on the hour,
 * with a blocking HTTP client ({@link BlockingHttp}), as the naive plans are timed through JDBC;</li>
 * <li>the same answers from plain SQL over the raw facts (indexed), as the naive baseline, and
 * whether both agree.</li>
 * </ul>
 * Prints a table; asserts nothing. Usage (after {@code ./mvnw -DskipTests package}):
 * {@code java -cp "suite/target/classes:suite/target/lib/*" io.cxmeter.bench.MetricsBenchmark [responses] [tickets] [shuffled] [profile] [hold]}
 * (the reference full size is 10000000 2000000). Events come in chronological order (as producers
 * deliver live changes and as helpdesk exports come) unless {@code shuffled} (every batch spread over
 * the two years: the worst case for rollups, whose rows a batch then barely shares). {@code profile}
 * loads pg_stat_statements and prints where PostgreSQL spent its time during the ingestion and the
 * queries; {@code hold} keeps the loaded suite up afterwards, printing how to query it.
 */
public final class MetricsBenchmark {

    private static final String TENANT = "bench";
    private static final String[] CHANNELS = {"email", "chat", "call", "social", "web_form", "api"};
    private static final String[] LOCALES = {"en", "lt", "lv", "de", "fr"};
    /**
     * The history spans two years from 2024-11-01; -Dbench.spanDays=N packs it into fewer days, for an
     * ingestion A/B at the density of a larger history (how many facts a batch shares rollup rows with) in
     * a shorter run, and -Dbench.start=INSTANT moves it: {@code -Dbench.start=2026-07-01T00:00:00Z
     * -Dbench.spanDays=92 0 250000} fills the FRT query's quarter as the full size does. Queries about days
     * outside the history find nothing there.
     */
    private static final Instant START = Instant.parse(System.getProperty("bench.start", "2024-11-01T00:00:00Z"));
    private static final int SPAN_SECONDS = Integer.getInteger("bench.spanDays", 2 * 365) * 24 * 3600;
    private static final int BATCH = 1000;
    /** Batches in flight at once (-Dbench.inFlight=N to compare: waits between batches on the same rows show there). */
    private static final int IN_FLIGHT = Integer.getInteger("bench.inFlight", 4);
    /**
     * How long a path is warmed before its latencies are measured. The first requests after a start
     * measure the JIT, not the service: the gateway took 4 ms of CPU per request at first and 0.6 ms
     * once compiled, and on two shared cores C2 is still compiling the per-request paths after
     * thousands of requests (FRT by agent straight to a fresh metrics-service: 5.4 ms p50 over
     * requests 1,000-2,000, 3.9 ms at 6,000, 3.1 ms at 9,000). A replica serving dashboards is
     * past that within its first hour, so the table's p50 and p95 are the steady state: pairs are sent
     * in windows of WARM_UP_WINDOW until a window's p50 through the gateway is no longer STEADY (2 %)
     * below the one before, at most WARM_UP_MAX ({@code -Dbench.warmUp=N}; 0 measures at once).
     * The p50 of requests EARLY_FROM.. (a cold replica's first minutes) and
     * of the first COLD are printed beside them, and how many requests the path took to settle.
     */
    private static final int WARM_UP_MAX = Integer.getInteger("bench.warmUp", 20_000);
    private static final int WARM_UP_WINDOW = 1000;
    private static final double STEADY = 0.98;
    private static final int EARLY_FROM = 300;
    private static final int COLD = 10;
    private static final int RUNS = Integer.getInteger("bench.runs", 200);
    private static final int NAIVE_RUNS = 5;

    private static final String NPS_QUERY = "/api/v1/metrics/nps?from=2025-11-01T00:00:00Z&to=2026-11-01T00:00:00Z"
            + "&groupBy=channel&interval=week";
    private static final String FRT_QUERY = "/api/v1/metrics/first-response-time?from=2026-07-01T00:00:00Z"
            + "&to=2026-10-01T00:00:00Z&groupBy=agent";
    private static final String REOPEN_QUERY = "/api/v1/metrics/reopen-rate?from=2026-07-01T00:00:00Z"
            + "&to=2026-10-01T00:00:00Z&groupBy=agent";
    private static final String FCR_QUERY = "/api/v1/metrics/first-contact-resolution?from=2026-07-01T00:00:00Z"
            + "&to=2026-10-01T00:00:00Z&groupBy=agent";
    private static final String SLA_QUERY = "/api/v1/metrics/sla-achievement?from=2026-07-01T00:00:00Z"
            + "&to=2026-10-01T00:00:00Z&groupBy=agent";
    private static final String NEXT_REPLY_QUERY = "/api/v1/metrics/next-reply-time?from=2026-07-01T00:00:00Z"
            + "&to=2026-10-01T00:00:00Z&groupBy=agent";
    /** The SLA targets of the generated tickets, in seconds. */
    private static final long SLA_FIRST_REPLY = 3600;
    private static final long SLA_RESOLUTION = 86400;
    /**
     * The instant of "open tickets": mid-June 2026 as at full size, or the middle of a shorter span
     * ({@code -Dbench.start}, {@code -Dbench.spanDays}) that does not hold it, where nothing would be open.
     */
    private static final Instant OPEN_AT = openAt();
    private static final String OPEN_QUERY = "/api/v1/metrics/open-tickets?at=" + OPEN_AT;
    private static final String SUMMARY_QUERY = "/api/v1/metrics/summary?from=2026-08-01T00:00:00Z&to=2026-11-01T00:00:00Z";
    /**
     * The end of the 30-day questions, as a console's "last 30 days up to now" has it: not on the hour
     * ({@code -Dbench.periodEnd=INSTANT}; inside the history at full size and at the quarter density alike).
     * The same 30 days cut at midnight are asked beside them.
     */
    private static final Instant PERIOD_END = Instant.parse(System.getProperty("bench.periodEnd", "2026-09-17T10:17:23Z"));
    private static final Instant PERIOD_START = PERIOD_END.minus(30, ChronoUnit.DAYS);
    private static final Instant MIDNIGHT_END = PERIOD_END.truncatedTo(ChronoUnit.DAYS);
    private static final Instant MIDNIGHT_START = MIDNIGHT_END.minus(30, ChronoUnit.DAYS);

    private MetricsBenchmark() {
    }

    /** One generated response, as the raw baseline stores it. */
    record Response(String id, String kind, int score, Instant at, String channel, String agent, String locale) {
    }

    /**
     * One generated ticket, as the raw baseline stores it: statuses as (at, status) pairs, replies as
     * (at, "agent" or "customer") pairs (an agent's reply is the ticket's agent's).
     */
    record Ticket(String id, String channel, String agent, Instant created, Instant assigned, Instant firstReply,
            List<Object[]> statuses, List<Object[]> replies, TicketUpserted payload) {
    }

    /** One event as a producer's outbox delivers it. */
    record Envelope(String id, String type, Instant occurredAt, EventPayload payload) {

        Envelope(String id, EventPayload payload) {
            this(id, payload.topic().wire(), OCCURRED_AT, payload);
        }
    }

    private static final Instant OCCURRED_AT = Instant.parse("2026-11-01T00:00:00Z");

    /** Writes events as the producers' outboxes do: instants in ISO-8601, absent fields left out. */
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public static void main(String[] args) throws Exception {
        int responses = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int tickets = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        List<String> flags = Arrays.asList(args).subList(Math.min(2, args.length), args.length);
        boolean shuffled = flags.contains("shuffled");
        boolean profile = flags.contains("profile");
        Path root = Path.of("").toAbsolutePath();
        LocalSuite.Options options = LocalSuite.Options.onFreePorts(root, root.resolve("suite/target/bench")).unlimited();
        Map<String, String> settings = new java.util.HashMap<>();
        if (profile) {
            settings.put("shared_preload_libraries", "pg_stat_statements");
        }
        // More server settings for an experiment, e.g. -Dbench.pg=shared_buffers=1GB,max_wal_size=4GB
        for (String setting : System.getProperty("bench.pg", "").split(",")) {
            if (setting.contains("=")) {
                settings.put(setting.substring(0, setting.indexOf('=')).strip(), setting.substring(setting.indexOf('=') + 1).strip());
            }
        }
        if (!settings.isEmpty()) {
            System.out.println("PostgreSQL settings: " + settings);
            options = options.withPostgresSettings(settings);
        }
        try (LocalSuite suite = LocalSuite.start(options)) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String key = registerTenant(http, suite);
            String rawDb = suite.postgres().createDatabase("bench_raw");
            try (Connection raw = DriverManager.getConnection(suite.postgres().jdbcUrl(rawDb), suite.postgres().username(),
                    suite.postgres().password())) {
                createRawTables(raw);
                System.out.printf("%nMetrics benchmark: %,d responses and %,d tickets over %s, one tenant, %s%n",
                        responses, tickets, (SPAN_SECONDS == 2 * 365 * 24 * 3600 ? "two years" : SPAN_SECONDS / 86_400 + " days")
                                + " from " + START,
                        shuffled ? "shuffled" : "in chronological order");

                double[] rawRates = rawInsertRates(raw);
                Ingestion ingestion = ingest(http, suite, responses, tickets, shuffled, raw, profile);
                System.out.printf("%n%-44s %14s%n", "ingestion", "rows or events/s");
                System.out.printf("%-44s %,14.0f%n", "raw single-row INSERT (same rows, autocommit)", rawRates[0]);
                System.out.printf("%-44s %,14.0f%n", "raw COPY (same rows)", rawRates[1]);
                System.out.printf("%-44s %,14.0f   (%.2f x single-row INSERT)%n", "metrics-service /internal/v1/events",
                        ingestion.eventsPerSecond(), ingestion.eventsPerSecond() / rawRates[0]);
                System.out.printf("  %,d events in %.1f s%n", ingestion.events(), ingestion.seconds());

                indexRaw(raw);
                if (profile) {
                    try (Statement s = raw.createStatement()) {
                        s.execute("SELECT pg_stat_statements_reset()");
                    }
                }
                System.out.printf("%nEach path is warmed through the gateway and direct in alternating pairs, in windows of %,d,"
                        + " until a window's p50 is no longer %.0f %% below the one before (at most %,d; \"warmed\"), then %d"
                        + " pairs are measured; through the gateway, \"early\" is the p50 of requests %d to %d, \"first\" of"
                        + " the first %d, while the JIT compiles the path%n", WARM_UP_WINDOW, (1 - STEADY) * 100, WARM_UP_MAX, RUNS,
                        EARLY_FROM + 1, EARLY_FROM + RUNS, COLD);
                System.out.printf("%-34s %9s %9s %9s %9s %9s %9s %11s %11s %9s  %s%n", "query", "p50 ms", "p95 ms", "direct",
                        "early", "first", "warmed", "naive p50", "naive p95", "speed-up", "same answer");
                for (Question question : questions()) {
                    report(question, suite, key, raw);
                }
                compareClients(http, suite, FRT_QUERY);
                if (profile) {
                    printQueryProfile(raw);
                }
                if (flags.contains("hold")) {
                    hold(suite, key);
                }
            }
        }
    }

    record Ingestion(long events, double seconds) {
        double eventsPerSecond() {
            return events / seconds;
        }
    }

    /**
     * Delivers every response and ticket as a producer would, IN_FLIGHT batches at a time (timed); then
     * generates the same rows again from the same seed and stores them raw by COPY for the naive baseline
     * (not timed, and not competing with the delivery for the machine's cores).
     */
    private static Ingestion ingest(HttpClient http, LocalSuite suite, int responses, int tickets, boolean shuffled, Connection raw,
            boolean profile) throws Exception {
        if (profile) {
            try (Statement s = raw.createStatement()) {
                s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                s.execute("SELECT pg_stat_statements_reset()");
            }
        }
        CpuTimes before = CpuTimes.read(suite, "metrics-service");
        Ingestion ingestion = generate(http, suite, responses, tickets, shuffled, null);
        System.out.println(CpuTimes.read(suite, "metrics-service").since(before).perUnit(ingestion.events(), 1000, "events"));
        if (profile) {
            printProfile(raw);
            try (Connection metrics = DriverManager.getConnection(suite.postgres().jdbcUrl("metrics"), suite.postgres().username(),
                    suite.postgres().password())) {
                printTables(metrics);
            }
        }
        generate(http, suite, responses, tickets, shuffled, raw);
        return ingestion;
    }

    /** The statements PostgreSQL spent the ingestion's time on, most first (pg_stat_statements, all databases). */
    private static void printProfile(Connection raw) throws Exception {
        printStatements(raw, "where PostgreSQL spent the ingestion (pg_stat_statements, top-level statements)", "true");
    }

    /** What each statement of metrics-service's reads cost PostgreSQL during the query phase, per call. */
    private static void printQueryProfile(Connection raw) throws Exception {
        printStatements(raw, "what metrics-service's reads cost PostgreSQL (pg_stat_statements, query phase)",
                "s.dbid = (SELECT oid FROM pg_database WHERE datname = 'metrics')");
    }

    private static void printStatements(Connection raw, String title, String where) throws Exception {
        String sql = """
                SELECT s.calls, s.rows, s.mean_exec_time, s.total_exec_time,
                       s.total_exec_time / sum(s.total_exec_time) OVER () AS share,
                       regexp_replace(s.query, '\\s+', ' ', 'g') AS query
                FROM pg_stat_statements s WHERE s.toplevel AND %s ORDER BY s.total_exec_time DESC LIMIT 12""".formatted(where);
        System.out.printf("%n%s%n", title);
        System.out.printf("%8s %10s %9s %10s %6s  %s%n", "calls", "rows", "mean ms", "total s", "share", "statement");
        try (Statement s = raw.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                String query = rows.getString("query");
                System.out.printf("%8d %10d %9.2f %10.1f %5.0f%%  %s%n", rows.getLong("calls"), rows.getLong("rows"),
                        rows.getDouble("mean_exec_time"), rows.getDouble("total_exec_time") / 1000, 100 * rows.getDouble("share"),
                        query.length() > 110 ? query.substring(0, 110) + "…" : query);
            }
        }
    }

    /**
     * metrics-service's busiest tables: rows, sizes, and how many updates were HOT (no index entry
     * written: the page had room for the new version).
     */
    private static void printTables(Connection metrics) throws Exception {
        String sql = """
                SELECT relname, n_live_tup, n_tup_ins, n_tup_upd, n_tup_hot_upd,
                       pg_table_size(relid) AS heap, pg_indexes_size(relid) AS indexes
                FROM pg_stat_user_tables ORDER BY pg_total_relation_size(relid) DESC LIMIT 5""";
        System.out.printf("%n%-18s %12s %12s %12s %6s %10s %10s%n", "table", "live rows", "inserts", "updates", "HOT", "heap MB",
                "index MB");
        try (Statement s = metrics.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                long updates = rows.getLong("n_tup_upd");
                System.out.printf("%-18s %,12d %,12d %,12d %5.0f%% %,10.0f %,10.0f%n", rows.getString("relname"),
                        rows.getLong("n_live_tup"), rows.getLong("n_tup_ins"), updates,
                        updates == 0 ? 0 : 100.0 * rows.getLong("n_tup_hot_upd") / updates, rows.getLong("heap") / 1e6,
                        rows.getLong("indexes") / 1e6);
            }
        }
    }

    /** One pass over the generated history: delivered to metrics-service when {@code raw} is null, else copied into it. */
    private static Ingestion generate(HttpClient http, LocalSuite suite, int responses, int tickets, boolean shuffled,
            Connection raw) throws Exception {
        InternalTokenMinter minter = new InternalTokenMinter(suite.eventsSigningKey(), Duration.ofMinutes(5), "bench-producer",
                InternalToken.EVENTS_AUDIENCE);
        URI events = URI.create("http://127.0.0.1:" + suite.servicePort("metrics") + "/internal/v1/events");
        Semaphore slots = new Semaphore(IN_FLIGHT);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<String> token = new AtomicReference<>(mintToken(minter));
        AtomicReference<Instant> minted = new AtomicReference<>(Instant.now());
        Random random = new Random(42);
        List<Response> rawResponses = new ArrayList<>(BATCH);
        List<Ticket> rawTickets = new ArrayList<>(BATCH);
        List<Envelope> batch = new ArrayList<>(BATCH);
        Consumer<List<Envelope>> send = full -> {
            if (Duration.between(minted.get(), Instant.now()).toMinutes() >= 2) {
                token.set(mintToken(minter));
                minted.set(Instant.now());
            }
            slots.acquireUninterruptibly();
            String body = encode(Map.of("events", full));
            http.sendAsync(HttpRequest.newBuilder(events).header("Authorization", "Bearer " + token.get())
                    .header("Content-Type", "application/json").timeout(Duration.ofMinutes(2))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((answer, error) -> {
                        slots.release();
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        } else if (answer.statusCode() != 200) {
                            failure.compareAndSet(null, new IllegalStateException(answer.statusCode() + " " + answer.body()));
                        }
                    });
        };
        Instant start = Instant.now();
        int total = responses + tickets;
        for (int i = 0; i < total; i++) {
            // Responses and tickets interleaved, as two producers would deliver them.
            boolean response = (long) i * tickets / total == (long) (i + 1) * tickets / total;
            // Chronological: event i happens around i/total of the way through the two years (give or take an hour).
            Instant when = shuffled ? START.plusSeconds(random.nextInt(SPAN_SECONDS))
                    : START.plusSeconds((long) ((double) i / total * SPAN_SECONDS) + random.nextInt(3600));
            if (response) {
                Response r = response(random, "r-" + i, when);
                if (raw == null) {
                    batch.add(new Envelope("e-" + i, responsePayload(r)));
                } else {
                    rawResponses.add(r);
                }
            } else {
                Ticket t = ticket(random, "t-" + i, when);
                if (raw == null) {
                    batch.add(new Envelope("e-" + i, t.payload()));
                } else {
                    rawTickets.add(t);
                }
            }
            if ((i + 1) % BATCH == 0 || i == total - 1) {
                if (raw == null) {
                    send.accept(batch);
                    batch = new ArrayList<>(BATCH);
                } else {
                    copyResponses(raw, rawResponses);
                    copyTickets(raw, rawTickets);
                    rawResponses.clear();
                    rawTickets.clear();
                }
                if (failure.get() != null) {
                    throw new IllegalStateException("Delivery failed", failure.get());
                }
            }
            if (raw == null && i > 0 && i % 500_000 == 0) {
                System.out.printf("  ... %,d events sent in %d s%n", i, Duration.between(start, Instant.now()).toSeconds());
            }
        }
        slots.acquireUninterruptibly(IN_FLIGHT);
        if (failure.get() != null) {
            throw new IllegalStateException("Delivery failed", failure.get());
        }
        double seconds = Math.max(0.001, Duration.between(start, Instant.now()).toNanos() / 1e9);
        return new Ingestion(total, seconds);
    }

    private static String mintToken(InternalTokenMinter minter) {
        return minter.mint(new InternalCaller(TENANT, "bench-producer", Set.of(InternalToken.PRODUCER_ROLE), "UTC", null));
    }

    private static String encode(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Response response(Random random, String id) {
        return response(random, id, START.plusSeconds(random.nextInt(SPAN_SECONDS)));
    }

    static Response response(Random random, String id, Instant at) {
        double kind = random.nextDouble();
        String k = kind < 0.6 ? "NPS" : kind < 0.9 ? "CSAT" : "CES";
        int score = switch (k) {
            case "NPS" -> random.nextInt(11);
            case "CSAT" -> 1 + random.nextInt(5);
            default -> 1 + random.nextInt(7);
        };
        return new Response(id, k, score, at,
                CHANNELS[random.nextInt(CHANNELS.length)], "A-" + random.nextInt(200), LOCALES[random.nextInt(LOCALES.length)]);
    }

    private static ResponseUpserted responsePayload(Response r) {
        int[] scale = switch (r.kind()) {
            case "NPS" -> new int[] {0, 10};
            case "CSAT" -> new int[] {1, 5, 4};
            default -> new int[] {1, 7, 5};
        };
        return new ResponseUpserted(r.id(), "S-" + r.kind().toLowerCase(), r.kind(), scale[0], scale[1],
                scale.length > 2 ? scale[2] : null, (double) r.score(), r.at(), r.channel(), "support", r.agent(), null, null,
                r.locale());
    }

    /** The SLA policy every ticket follows, as ticket-service sends it: first reply within an hour, resolution within a day. */
    static final TicketUpserted.SlaPolicy SLA_POLICY = new TicketUpserted.SlaPolicy("standard", "Standard", SLA_FIRST_REPLY,
            null, SLA_RESOLUTION, "calendar");

    /**
     * Assigned, replied to (some customers answer and get a second reply), and (mostly) resolved, some
     * reopened and resolved again; calls and chats queue first.
     */
    static Ticket ticket(Random random, String id, Instant created) {
        String channel = CHANNELS[random.nextInt(CHANNELS.length)];
        String agent = "A-" + random.nextInt(200);
        List<TicketEvent> events = new ArrayList<>();
        Instant at = created;
        if (channel.equals("call") || channel.equals("chat")) {
            events.add(event(EventType.QUEUED, at, null, null));
            at = at.plusSeconds(5 + random.nextInt(60));
            events.add(event(EventType.ANSWERED, at, agent, null));
        }
        List<Object[]> statuses = new ArrayList<>();
        at = at.plusSeconds(random.nextInt(3600));
        Instant assigned = at;
        events.add(event(EventType.ASSIGNED, at, agent, null));
        events.add(event(EventType.STATUS, at, null, TicketStatus.OPEN));
        statuses.add(new Object[] {at, "open"});
        Instant firstReply = null;
        List<Object[]> replies = new ArrayList<>();
        if (random.nextDouble() < 0.95) {
            at = at.plusSeconds(60 + random.nextInt(4 * 3600));
            firstReply = at;
            events.add(event(EventType.AGENT_REPLY, at, agent, null));
            replies.add(new Object[] {at, "agent"});
            if (random.nextDouble() < 0.4) {
                at = at.plusSeconds(600 + random.nextInt(12 * 3600));
                events.add(event(EventType.CUSTOMER_REPLY, at, null, null));
                replies.add(new Object[] {at, "customer"});
                at = at.plusSeconds(60 + random.nextInt(6 * 3600));
                events.add(event(EventType.AGENT_REPLY, at, agent, null));
                replies.add(new Object[] {at, "agent"});
            }
        }
        if (random.nextDouble() < 0.85) {
            at = at.plusSeconds(60 + random.nextInt(48 * 3600));
            events.add(event(EventType.STATUS, at, null, TicketStatus.RESOLVED));
            statuses.add(new Object[] {at, "resolved"});
            if (random.nextDouble() < 0.1) {
                at = at.plusSeconds(3600 + random.nextInt(48 * 3600));
                events.add(event(EventType.STATUS, at, null, TicketStatus.OPEN));
                statuses.add(new Object[] {at, "open"});
                if (random.nextBoolean()) {
                    at = at.plusSeconds(600 + random.nextInt(24 * 3600));
                    events.add(event(EventType.STATUS, at, null, TicketStatus.RESOLVED));
                    statuses.add(new Object[] {at, "resolved"});
                }
            }
        }
        TicketUpserted payload = new TicketUpserted(id, 0L, Channel.parse(channel).orElseThrow(), null,
                "tier-" + (1 + random.nextInt(3)), null, null, created, events, null, SLA_POLICY);
        return new Ticket(id, channel, agent, created, assigned, firstReply, statuses, replies, payload);
    }

    private static TicketEvent event(EventType type, Instant at, String agent, TicketStatus status) {
        return new TicketEvent(type, at, agent, status, null, null, null);
    }

    private static void createRawTables(Connection raw) throws Exception {
        try (Statement s = raw.createStatement()) {
            s.execute("DROP TABLE IF EXISTS raw_response, raw_ticket, raw_status, raw_reply, raw_insert_probe");
            s.execute("CREATE TABLE raw_response (tenant_id text, id text, kind text, score int, submitted_at timestamptz,"
                    + " channel text, agent text, locale text)");
            s.execute("CREATE TABLE raw_ticket (tenant_id text, id text, channel text, agent text, created_at timestamptz,"
                    + " assigned_at timestamptz, first_reply_at timestamptz)");
            s.execute("CREATE TABLE raw_status (tenant_id text, ticket_id text, at timestamptz, status text)");
            s.execute("CREATE TABLE raw_reply (tenant_id text, ticket_id text, at timestamptz, kind text, agent text)");
            s.execute("CREATE TABLE raw_insert_probe (tenant_id text, id text, kind text, score int, submitted_at timestamptz,"
                    + " channel text, agent text, locale text, PRIMARY KEY (tenant_id, id))");
        }
    }

    /** The naive baseline's indexes: what a plain schema would have for these questions. */
    private static void indexRaw(Connection raw) throws Exception {
        try (Statement s = raw.createStatement()) {
            s.execute("CREATE INDEX ON raw_response (tenant_id, kind, submitted_at)");
            s.execute("CREATE INDEX ON raw_ticket (tenant_id, first_reply_at)");
            s.execute("CREATE INDEX ON raw_ticket (tenant_id, created_at)");
            s.execute("CREATE INDEX ON raw_status (tenant_id, ticket_id, at)");
            s.execute("CREATE INDEX ON raw_reply (tenant_id, kind, at)");
            s.execute("CREATE INDEX ON raw_reply (tenant_id, ticket_id, kind, at)");
            s.execute("ANALYZE");
        }
    }

    /** Single-row INSERT (autocommit, one statement per row) and COPY rates of the same PostgreSQL for response rows. */
    private static double[] rawInsertRates(Connection raw) throws Exception {
        Random random = new Random(7);
        // Three rounds, the median kept: on a shared 2-core machine one round varied by a third from run to run.
        int singles = 10_000;
        double[] rounds = new double[3];
        try (PreparedStatement insert = raw.prepareStatement("INSERT INTO raw_insert_probe VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int round = 0; round < rounds.length; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < singles; i++) {
                    Response r = response(random, "p-" + round + "-" + i);
                    insert.setString(1, TENANT);
                    insert.setString(2, r.id());
                    insert.setString(3, r.kind());
                    insert.setInt(4, r.score());
                    insert.setTimestamp(5, Timestamp.from(r.at()));
                    insert.setString(6, r.channel());
                    insert.setString(7, r.agent());
                    insert.setString(8, r.locale());
                    insert.executeUpdate();
                }
                rounds[round] = singles / ((System.nanoTime() - start) / 1e9);
            }
        }
        double single = pct(rounds, 50);
        int copied = 200_000;
        List<Response> rows = new ArrayList<>(copied);
        for (int i = 0; i < copied; i++) {
            rows.add(response(random, "c-" + i));
        }
        try (Statement s = raw.createStatement()) {
            s.execute("TRUNCATE raw_insert_probe");
        }
        long start = System.nanoTime();
        StringBuilder csv = new StringBuilder();
        rows.forEach(r -> csv.append(TENANT).append(',').append(r.id()).append(',').append(r.kind()).append(',')
                .append(r.score()).append(',').append(r.at()).append(',').append(r.channel()).append(',').append(r.agent())
                .append(',').append(r.locale()).append('\n'));
        raw.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY raw_insert_probe FROM STDIN (FORMAT csv)",
                new StringReader(csv.toString()));
        double copy = copied / ((System.nanoTime() - start) / 1e9);
        return new double[] {single, copy};
    }

    private static void copyResponses(Connection raw, List<Response> rows) throws Exception {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder csv = new StringBuilder();
        rows.forEach(r -> csv.append(TENANT).append(',').append(r.id()).append(',').append(r.kind()).append(',')
                .append(r.score()).append(',').append(r.at()).append(',').append(r.channel()).append(',').append(r.agent())
                .append(',').append(r.locale()).append('\n'));
        raw.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY raw_response FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
    }

    private static void copyTickets(Connection raw, List<Ticket> rows) throws Exception {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder tickets = new StringBuilder();
        StringBuilder statuses = new StringBuilder();
        StringBuilder replies = new StringBuilder();
        for (Ticket t : rows) {
            tickets.append(TENANT).append(',').append(t.id()).append(',').append(t.channel()).append(',').append(t.agent())
                    .append(',').append(t.created()).append(',').append(t.assigned()).append(',')
                    .append(t.firstReply() == null ? "" : t.firstReply()).append('\n');
            for (Object[] status : t.statuses()) {
                statuses.append(TENANT).append(',').append(t.id()).append(',').append(status[0]).append(',').append(status[1])
                        .append('\n');
            }
            for (Object[] reply : t.replies()) {
                replies.append(TENANT).append(',').append(t.id()).append(',').append(reply[0]).append(',').append(reply[1])
                        .append(',').append("agent".equals(reply[1]) ? t.agent() : "").append('\n');
            }
        }
        var copy = raw.unwrap(PGConnection.class).getCopyAPI();
        copy.copyIn("COPY raw_ticket FROM STDIN (FORMAT csv)", new StringReader(tickets.toString()));
        copy.copyIn("COPY raw_status FROM STDIN (FORMAT csv)", new StringReader(statuses.toString()));
        copy.copyIn("COPY raw_reply FROM STDIN (FORMAT csv)", new StringReader(replies.toString()));
    }

    /**
     * A dashboard question: its request, its naive plan (null: none), and the numbers of the API's answer
     * that the naive plan must reproduce, by name (a name starting with {@code ~} is a quantile, equal
     * within 1 %; every other value exactly, up to float rounding).
     */
    record Question(String name, String path, Naive naive, Function<JsonObject, Map<String, Double>> answers) {
    }

    /** The naive plan of a question, timed: plain SQL over the raw facts, its numbers by the names of {@link Question#answers}. */
    interface Naive {
        Map<String, Double> answer(Connection raw) throws Exception;
    }

    private static List<Question> questions() {
        String last30 = "from=" + PERIOD_START + "&to=" + PERIOD_END;
        String midnight30 = "from=" + MIDNIGHT_START + "&to=" + MIDNIGHT_END;
        String hhmm = PERIOD_END.atOffset(ZoneOffset.UTC).toLocalTime().toString();
        return List.of(
                new Question("NPS, year, by channel, weekly", NPS_QUERY, MetricsBenchmark::naiveNps,
                        api -> Map.of("nps", api.getDouble("value"))),
                new Question("FRT median, quarter, by agent", FRT_QUERY,
                        naiveFrt(Instant.parse("2026-07-01T00:00:00Z"), Instant.parse("2026-10-01T00:00:00Z")),
                        MetricsBenchmark::durationsByGroup),
                new Question("open tickets at an instant", OPEN_QUERY, MetricsBenchmark::naiveOpen,
                        api -> api.getLong("count") == 0 ? Map.of() : Map.of("open", api.getDouble("value"))),
                new Question("reopen rate, quarter, by agent", REOPEN_QUERY,
                        naiveReopenRate(Instant.parse("2026-07-01T00:00:00Z"), Instant.parse("2026-10-01T00:00:00Z")),
                        MetricsBenchmark::valuesByGroup),
                new Question("FCR, quarter, by agent", FCR_QUERY,
                        naiveFirstContactResolution(Instant.parse("2026-07-01T00:00:00Z"), Instant.parse("2026-10-01T00:00:00Z")),
                        MetricsBenchmark::valuesByGroup),
                new Question("next-reply time, quarter, by agent", NEXT_REPLY_QUERY,
                        naiveNextReply(Instant.parse("2026-07-01T00:00:00Z"), Instant.parse("2026-10-01T00:00:00Z")),
                        MetricsBenchmark::durationsByGroup),
                new Question("SLA achievement, quarter, by agent", SLA_QUERY,
                        naiveSlaAchievement(Instant.parse("2026-07-01T00:00:00Z"), Instant.parse("2026-10-01T00:00:00Z")),
                        MetricsBenchmark::valuesByGroup),
                new Question("summary (every metric), quarter", SUMMARY_QUERY, null, null),
                new Question("FRT by agent, 30 d, 00:00", "/api/v1/metrics/first-response-time?" + midnight30 + "&groupBy=agent",
                        naiveFrt(MIDNIGHT_START, MIDNIGHT_END), MetricsBenchmark::durationsByGroup),
                new Question("FRT by agent, 30 d, " + hhmm, "/api/v1/metrics/first-response-time?" + last30 + "&groupBy=agent",
                        naiveFrt(PERIOD_START, PERIOD_END), MetricsBenchmark::durationsByGroup),
                new Question("NPS by agent, 30 d, " + hhmm, "/api/v1/metrics/nps?" + last30 + "&groupBy=agent",
                        naiveNpsByAgent(PERIOD_START, PERIOD_END), MetricsBenchmark::valuesByGroup),
                new Question("NPS by channel, 30 d, " + hhmm, "/api/v1/metrics/nps?" + last30 + "&groupBy=channel",
                        naiveNpsByChannel(PERIOD_START, PERIOD_END), MetricsBenchmark::valuesByGroup),
                new Question("volume by channel, daily, " + hhmm,
                        "/api/v1/metrics/ticket-volume?" + last30 + "&groupBy=channel&interval=day",
                        naiveDailyVolume(PERIOD_START, PERIOD_END), MetricsBenchmark::countsByGroupAndDay),
                new Question("summary, 30 d, " + hhmm, "/api/v1/metrics/summary?" + last30, null, null));
    }

    /** NPS of the year from the raw responses, per channel and week; the overall NPS. */
    private static Map<String, Double> naiveNps(Connection raw) throws Exception {
        String sql = "SELECT channel, date_trunc('week', submitted_at AT TIME ZONE 'UTC') AS week, count(*) AS n,"
                + " count(*) FILTER (WHERE score >= 9) AS p, count(*) FILTER (WHERE score <= 6) AS d FROM raw_response"
                + " WHERE tenant_id = ? AND kind = 'NPS' AND submitted_at >= '2025-11-01T00:00:00Z'"
                + " AND submitted_at < '2026-11-01T00:00:00Z' GROUP BY 1, 2";
        long n = 0;
        long pd = 0;
        try (PreparedStatement q = raw.prepareStatement(sql)) {
            q.setString(1, TENANT);
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    n += rows.getLong("n");
                    pd += rows.getLong("p") - rows.getLong("d");
                }
            }
        }
        return Map.of("nps", 100.0 * pd / n);
    }

    /** FRT per agent over the period, first replies in it: count and mean per agent, and the overall exact median. */
    private static Naive naiveFrt(Instant from, Instant to) {
        String sql = "SELECT agent, count(*) AS n, avg(extract(epoch FROM first_reply_at - created_at)) AS mean,"
                + " percentile_disc(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_reply_at - created_at)) AS median"
                + " FROM raw_ticket WHERE tenant_id = ? AND first_reply_at >= ? AND first_reply_at < ? GROUP BY ROLLUP (agent)";
        return durationsByAgent(sql, from, to);
    }

    /** A duration per agent from rows of (agent, n, mean, median), the overall row's agent null: its median. */
    private static Naive durationsByAgent(String sql, Instant from, Instant to) {
        return raw -> {
            Map<String, Double> out = new java.util.HashMap<>();
            forEachRow(raw, sql, from, to, rows -> {
                String agent = rows.getString("agent");
                if (agent == null) {
                    out.put("~median", rows.getDouble("median"));
                } else {
                    out.put("count " + agent, (double) rows.getLong("n"));
                    out.put("mean " + agent, rows.getDouble("mean"));
                }
            });
            return out;
        };
    }

    private static Naive naiveNpsByAgent(Instant from, Instant to) {
        return naiveNpsBy("agent", from, to);
    }

    private static Naive naiveNpsByChannel(Instant from, Instant to) {
        return naiveNpsBy("channel", from, to);
    }

    /** NPS per value of a column over the period: count and NPS per group, and overall. */
    private static Naive naiveNpsBy(String column, Instant from, Instant to) {
        String sql = "SELECT " + column + " AS g, count(*) AS n, count(*) FILTER (WHERE score >= 9) AS p,"
                + " count(*) FILTER (WHERE score <= 6) AS d FROM raw_response WHERE tenant_id = ? AND kind = 'NPS'"
                + " AND submitted_at >= ? AND submitted_at < ? GROUP BY ROLLUP (" + column + ")";
        return raw -> {
            Map<String, Double> out = new java.util.HashMap<>();
            forEachRow(raw, sql, from, to, rows -> {
                String group = rows.getString("g");
                double nps = 100.0 * (rows.getLong("p") - rows.getLong("d")) / rows.getLong("n");
                if (group == null) {
                    out.put("value", nps);
                } else {
                    out.put("count " + group, (double) rows.getLong("n"));
                    out.put("value " + group, nps);
                }
            });
            return out;
        };
    }

    /** Tickets created in the period per channel and UTC day, the first and last day clipped to the period. */
    private static Naive naiveDailyVolume(Instant from, Instant to) {
        String sql = "SELECT channel, greatest(date_trunc('day', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', ?) AS day,"
                + " count(*) AS n FROM raw_ticket WHERE tenant_id = ? AND created_at >= ? AND created_at < ? GROUP BY 1, 2";
        return raw -> {
            Map<String, Double> out = new java.util.HashMap<>();
            try (PreparedStatement q = raw.prepareStatement(sql)) {
                q.setObject(1, from.atOffset(ZoneOffset.UTC));
                q.setString(2, TENANT);
                q.setObject(3, from.atOffset(ZoneOffset.UTC));
                q.setObject(4, to.atOffset(ZoneOffset.UTC));
                try (ResultSet rows = q.executeQuery()) {
                    while (rows.next()) {
                        out.put(rows.getString("channel") + " " + rows.getObject("day", OffsetDateTime.class).toInstant(),
                                (double) rows.getLong("n"));
                    }
                }
            }
            return out;
        };
    }

    private interface RowReader {
        void read(ResultSet row) throws Exception;
    }

    /** Runs a naive plan whose parameters are the tenant and a period. */
    private static void forEachRow(Connection raw, String sql, Instant from, Instant to, RowReader reader) throws Exception {
        try (PreparedStatement q = raw.prepareStatement(sql)) {
            q.setString(1, TENANT);
            q.setObject(2, from.atOffset(ZoneOffset.UTC));
            q.setObject(3, to.atOffset(ZoneOffset.UTC));
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        }
    }

    /** A duration metric's answer by group: count and mean per group, the overall median. */
    private static Map<String, Double> durationsByGroup(JsonObject api) {
        Map<String, Double> out = new java.util.HashMap<>();
        out.put("~median", api.getJsonObject("details").getDouble("median"));
        for (Object g : api.getJsonArray("groups")) {
            JsonObject group = (JsonObject) g;
            out.put("count " + group.getString("key"), (double) group.getLong("count"));
            out.put("mean " + group.getString("key"), group.getDouble("value"));
        }
        return out;
    }

    /** A metric's answer by group: count and value per group, and the overall value. */
    private static Map<String, Double> valuesByGroup(JsonObject api) {
        Map<String, Double> out = new java.util.HashMap<>();
        out.put("value", api.getDouble("value"));
        for (Object g : api.getJsonArray("groups")) {
            JsonObject group = (JsonObject) g;
            out.put("count " + group.getString("key"), (double) group.getLong("count"));
            out.put("value " + group.getString("key"), group.getDouble("value"));
        }
        return out;
    }

    /** A count's series by group: the count of every group and bucket that has any. */
    private static Map<String, Double> countsByGroupAndDay(JsonObject api) {
        Map<String, Double> out = new java.util.HashMap<>();
        for (Object g : api.getJsonArray("groups")) {
            JsonObject group = (JsonObject) g;
            for (Object p : group.getJsonArray("series")) {
                JsonObject point = (JsonObject) p;
                if (point.getLong("count") > 0) {
                    out.put(group.getString("key") + " " + Instant.parse(point.getString("start")), (double) point.getLong("count"));
                }
            }
        }
        return out;
    }

    /**
     * Next-reply time per agent over the period: each agent reply after the ticket's first that follows a
     * customer reply closes the wait opened by the earliest customer reply since the agent's previous reply;
     * count and mean per agent, the overall exact median.
     */
    private static Naive naiveNextReply(Instant from, Instant to) {
        String sql = "SELECT r.agent, count(*) AS n, avg(extract(epoch FROM r.at - w.opened)) AS mean,"
                + " percentile_disc(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.at - w.opened)) AS median"
                + " FROM raw_reply r"
                + " CROSS JOIN LATERAL (SELECT max(a.at) AS previous FROM raw_reply a WHERE a.tenant_id = r.tenant_id"
                + "   AND a.ticket_id = r.ticket_id AND a.kind = 'agent' AND a.at < r.at) p"
                + " CROSS JOIN LATERAL (SELECT min(c.at) AS opened FROM raw_reply c WHERE c.tenant_id = r.tenant_id"
                + "   AND c.ticket_id = r.ticket_id AND c.kind = 'customer' AND c.at > p.previous AND c.at < r.at) w"
                + " WHERE r.tenant_id = ? AND r.kind = 'agent' AND r.at >= ? AND r.at < ? AND w.opened IS NOT NULL"
                + " GROUP BY ROLLUP (r.agent)";
        return durationsByAgent(sql, from, to);
    }

    /**
     * Each ticket's first resolution (a change from an unresolved status to resolved or closed) that meets
     * {@code condition} on it ({@code s.at}), with whether an unresolved status followed before the period's end.
     */
    private static String firstResolutions(String condition) {
        return "(SELECT DISTINCT ON (s.ticket_id) s.ticket_id, s.at, EXISTS (SELECT 1 FROM raw_status o WHERE o.tenant_id = p.tenant"
                + "   AND o.ticket_id = s.ticket_id AND o.at > s.at AND o.at < p.b AND o.status NOT IN ('resolved', 'closed')) AS reopened"
                + " FROM (SELECT x.ticket_id, x.at, x.status, lag(x.status) OVER (PARTITION BY x.ticket_id ORDER BY x.at) AS prev"
                + "   FROM raw_status x WHERE x.tenant_id = p.tenant) s"
                + " WHERE s.status IN ('resolved', 'closed') AND coalesce(s.prev, 'new') NOT IN ('resolved', 'closed')" + condition
                + " ORDER BY s.ticket_id, s.at)";
    }

    /**
     * Reopen rate per agent over the period: each ticket once, at its first change to resolved in the
     * period (status windows over the raw statuses), reopened when a later status before the end is not
     * resolved or closed; the agent is the ticket's (its only assignee).
     */
    private static Naive naiveReopenRate(Instant from, Instant to) {
        String sql = "WITH p AS (SELECT ?::text AS tenant, ?::timestamptz AS a, ?::timestamptz AS b)"
                + " SELECT t.agent, grouping(t.agent) AS total, count(*) AS n, count(*) FILTER (WHERE r.reopened) AS yes"
                + " FROM p CROSS JOIN LATERAL " + firstResolutions(" AND s.at >= p.a AND s.at < p.b") + " r"
                + " JOIN raw_ticket t ON t.tenant_id = p.tenant AND t.id = r.ticket_id GROUP BY ROLLUP (t.agent)";
        return shareByAgent(sql, from, to);
    }

    /**
     * First-contact resolution per agent: tickets whose first resolution is in the period, and of them those
     * with exactly one agent reply at or before it and not reopened before its end.
     */
    private static Naive naiveFirstContactResolution(Instant from, Instant to) {
        String sql = "WITH p AS (SELECT ?::text AS tenant, ?::timestamptz AS a, ?::timestamptz AS b)"
                + " SELECT t.agent, grouping(t.agent) AS total, count(*) AS n,"
                + " count(*) FILTER (WHERE NOT f.reopened AND (SELECT count(*) FROM raw_reply a WHERE a.tenant_id = p.tenant"
                + "   AND a.ticket_id = f.ticket_id AND a.kind = 'agent' AND a.at <= f.at) = 1) AS yes"
                + " FROM p CROSS JOIN LATERAL " + firstResolutions("") + " f"
                + " JOIN raw_ticket t ON t.tenant_id = p.tenant AND t.id = f.ticket_id WHERE f.at >= p.a AND f.at < p.b"
                + " GROUP BY ROLLUP (t.agent)";
        return shareByAgent(sql, from, to);
    }

    /**
     * SLA achievement per agent: each ticket's first-reply and resolution target, decided where it was met
     * (the reply or the first resolution) or where its target elapsed; a breach counts for the agent
     * assigned by then (none before the assignment).
     */
    private static Naive naiveSlaAchievement(Instant from, Instant to) {
        String sql = "WITH p AS (SELECT ?::text AS tenant, ?::timestamptz AS a, ?::timestamptz AS b),"
                + " target AS (SELECT t.agent, t.assigned_at, t.created_at, d.closed, d.seconds"
                + "   FROM p JOIN raw_ticket t ON t.tenant_id = p.tenant AND t.created_at < p.b CROSS JOIN LATERAL ("
                + "     SELECT t.first_reply_at AS closed, " + SLA_FIRST_REPLY + " AS seconds"
                + "     UNION ALL SELECT (SELECT min(s.at) FROM raw_status s WHERE s.tenant_id = t.tenant_id AND s.ticket_id = t.id"
                + "       AND s.status IN ('resolved', 'closed')), " + SLA_RESOLUTION + ") d"
                + "   WHERE t.created_at >= p.a - make_interval(secs => d.seconds)),"
                + " decided AS (SELECT x.*, CASE WHEN x.met THEN x.closed ELSE x.deadline END AS at FROM ("
                + "   SELECT target.*, target.created_at + make_interval(secs => target.seconds) AS deadline,"
                + "     coalesce(target.closed <= target.created_at + make_interval(secs => target.seconds), false) AS met FROM target) x)"
                + " SELECT k.agent, grouping(k.agent) AS total, count(*) AS n, count(*) FILTER (WHERE k.met) AS yes FROM ("
                + "   SELECT CASE WHEN met OR assigned_at <= at THEN agent END AS agent, met FROM decided, p"
                + "   WHERE at >= p.a AND at < p.b) k GROUP BY ROLLUP (k.agent)";
        return shareByAgent(sql, from, to);
    }

    /** A percentage per agent and overall from rows of (agent, total, n, yes), the overall row marked by {@code total}. */
    private static Naive shareByAgent(String sql, Instant from, Instant to) {
        return raw -> {
            Map<String, Double> out = new java.util.HashMap<>();
            forEachRow(raw, sql, from, to, rows -> {
                String agent = rows.getString("agent");
                boolean total = rows.getInt("total") == 1;
                double value = 100.0 * rows.getLong("yes") / rows.getLong("n");
                if (total) {
                    out.put("value", value);
                } else {
                    out.put("count " + agent, (double) rows.getLong("n"));
                    out.put("value " + agent, value);
                }
            });
            return out;
        };
    }

    /** Tickets created before the instant whose latest status before it is new or open (none yet: new). */
    private static Map<String, Double> naiveOpen(Connection raw) throws Exception {
        String sql = "SELECT count(*) FROM raw_ticket t WHERE t.tenant_id = ? AND t.created_at < ?"
                + " AND coalesce((SELECT s.status FROM raw_status s WHERE s.tenant_id = t.tenant_id AND s.ticket_id = t.id"
                + " AND s.at < ? ORDER BY s.at DESC LIMIT 1), 'new') IN ('new', 'open')";
        try (PreparedStatement q = raw.prepareStatement(sql)) {
            OffsetDateTime at = OPEN_AT.atOffset(ZoneOffset.UTC);
            q.setString(1, TENANT);
            q.setObject(2, at);
            q.setObject(3, at);
            try (ResultSet rows = q.executeQuery()) {
                rows.next();
                long open = rows.getLong(1);
                return open == 0 ? Map.of() : Map.of("open", (double) open);
            }
        }
    }

    /** Null when both name the same numbers, each equal (a {@code ~} quantile within 1 %); else the first difference. */
    static String difference(Map<String, Double> api, Map<String, Double> naive) {
        if (!api.keySet().equals(naive.keySet())) {
            Set<String> onlyApi = new java.util.TreeSet<>(api.keySet());
            onlyApi.removeAll(naive.keySet());
            Set<String> onlyNaive = new java.util.TreeSet<>(naive.keySet());
            onlyNaive.removeAll(api.keySet());
            return "only in the API " + first(onlyApi) + ", only naive " + first(onlyNaive);
        }
        for (Map.Entry<String, Double> entry : new java.util.TreeMap<>(naive).entrySet()) {
            double relative = entry.getKey().startsWith("~") ? 0.01 : 1e-9;
            if (!close(api.get(entry.getKey()), entry.getValue(), relative)) {
                return entry.getKey() + ": " + api.get(entry.getKey()) + " against " + entry.getValue();
            }
        }
        return null;
    }

    private static String first(Set<String> keys) {
        return keys.isEmpty() ? "-" : keys.iterator().next() + (keys.size() > 1 ? " (+" + (keys.size() - 1) + ")" : "");
    }

    private static void report(Question question, LocalSuite suite, String key, Connection raw) throws Exception {
        String name = question.name();
        String path = question.path();
        Map<String, String> viaGateway = Map.of("X-Api-Key", key);
        // The same request straight to metrics-service, with the token the gateway would have sent: the
        // difference is what the gateway (API key, token, proxying) adds.
        Map<String, String> direct = readerHeaders(suite);
        JsonObject answer;
        Latencies api;
        Latencies serviceOnly;
        try (BlockingHttp gateway = new BlockingHttp(URI.create(suite.gatewayUrl()));
                BlockingHttp service = new BlockingHttp(metricsOrigin(suite))) {
            // Through the gateway first, so that its first requests find the path as cold as a fresh start
            // does; then both in alternating pairs, so that a slow spell of the shared cores falls on both.
            Latencies[] both = latencies(() -> ok(gateway.get(path, viaGateway), path), () -> ok(service.get(path, direct), path));
            api = both[0];
            serviceOnly = both[1];
            answer = new JsonObject(ok(gateway.get(path, viaGateway), path).text());
        }
        String early = api.early().length == 0 ? "-" : String.format("%.1f", pct(api.early(), 50));
        if (question.naive() == null) {
            System.out.printf("%-34s %9.1f %9.1f %9.1f %9s %9.1f %,9d %11s %11s %9s  %s%n", name, pct(api.warm(), 50),
                    pct(api.warm(), 95), pct(serviceOnly.warm(), 50), early, pct(api.cold(), 50), api.warmedBy(), "-", "-", "-", "-");
            return;
        }
        double[] base = new double[NAIVE_RUNS];
        Map<String, Double> naive = Map.of();
        for (int i = 0; i < NAIVE_RUNS; i++) {
            long start = System.nanoTime();
            naive = question.naive().answer(raw);
            base[i] = (System.nanoTime() - start) / 1e6;
        }
        String difference = difference(question.answers().apply(answer), naive);
        System.out.printf("%-34s %9.1f %9.1f %9.1f %9s %9.1f %,9d %11.1f %11.1f %8.0fx  %s%n", name, pct(api.warm(), 50),
                pct(api.warm(), 95), pct(serviceOnly.warm(), 50), early, pct(api.cold(), 50), api.warmedBy(), pct(base, 50),
                pct(base, 95), pct(base, 50) / pct(api.warm(), 50),
                difference == null ? "yes (" + naive.size() + " numbers)" : "NO: " + difference);
    }

    /**
     * The same warmed request straight to metrics-service through java.net.http.HttpClient and through
     * the harness's blocking client, in alternating pairs: what the former's thread hand-offs add, printed
     * so that the table's client can be judged (it is not the service's time).
     */
    private static void compareClients(HttpClient http, LocalSuite suite, String path) throws Exception {
        Map<String, String> headers = readerHeaders(suite);
        HttpRequest.Builder builder = HttpRequest.newBuilder(metricsOrigin(suite).resolve(path)).timeout(Duration.ofMinutes(2));
        headers.forEach(builder::header);
        HttpRequest request = builder.GET().build();
        double[] httpClient = new double[RUNS];
        double[] blocking = new double[RUNS];
        try (BlockingHttp service = new BlockingHttp(metricsOrigin(suite))) {
            for (int i = 0; i < RUNS; i++) {
                httpClient[i] = timed(() -> {
                    int status = http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
                    if (status != 200) {
                        throw new IllegalStateException(path + " answered " + status);
                    }
                });
                blocking[i] = timed(() -> ok(service.get(path, headers), path));
            }
        }
        System.out.printf("%nclient check, FRT direct, %d alternating pairs: java.net.http.HttpClient p50 %.1f ms,"
                + " blocking socket (the table's client) p50 %.1f ms%n", RUNS, pct(httpClient, 50), pct(blocking, 50));
    }

    /** Where the harness reaches metrics-service without the gateway. */
    private static URI metricsOrigin(LocalSuite suite) {
        return URI.create("http://127.0.0.1:" + suite.servicePort("metrics"));
    }

    /** The headers the gateway would send metrics-service for the benchmark tenant's reader. */
    private static Map<String, String> readerHeaders(LocalSuite suite) {
        return Map.of("Authorization", "Bearer " + readerToken(suite, Duration.ofHours(1)));
    }

    /** The token the gateway would send metrics-service for a reader of the benchmark tenant. */
    private static String readerToken(LocalSuite suite, Duration lifetime) {
        return new InternalTokenMinter(suite.gatewaySigningKey(), lifetime).mint(new InternalCaller(TENANT, "bench-reader",
                Set.of(InternalCaller.ROLE_READ), "UTC", null));
    }

    /** Keeps the loaded suite up for inspection (EXPLAIN, curl) until the harness is stopped. */
    private static void hold(LocalSuite suite, String key) throws InterruptedException {
        String token = readerToken(suite, Duration.ofHours(8));
        System.out.printf("%nholding the suite until this process is stopped:%n"
                + "  curl -H 'X-Api-Key: %s' '%s%s'%n"
                + "  curl -H 'Authorization: Bearer %s' 'http://127.0.0.1:%d%s'%n"
                + "  psql -h 127.0.0.1 -p %d -U %s metrics%n",
                key, suite.gatewayUrl(), NPS_QUERY, token, suite.servicePort("metrics"), NPS_QUERY, suite.postgres().port(),
                suite.postgres().username());
        Runtime.getRuntime().addShutdownHook(new Thread(suite::close, "bench-hold-stop"));
        Thread.sleep(Long.MAX_VALUE);
    }

    /**
     * Milliseconds of the first COLD requests, of RUNS from EARLY_FROM on (empty when the warm-up was
     * shorter), and of RUNS more after the warm-up's {@code warmedBy} requests.
     */
    private record Latencies(double[] cold, double[] early, int warmedBy, double[] warm) {
    }

    /** One request, answered 200 or failing the run. */
    private interface Call {
        void run() throws Exception;
    }

    /**
     * The first COLD requests through the gateway, then pairs through it and straight to the service
     * alternately until the path has settled (see WARM_UP_MAX), then RUNS measured pairs: each pair's
     * two requests meet the same machine. A request is timed from its first byte sent to its answer's
     * last byte read; nothing is parsed.
     */
    private static Latencies[] latencies(Call viaGateway, Call direct) throws Exception {
        double[] cold = new double[COLD];
        for (int i = 0; i < COLD; i++) {
            cold[i] = timed(viaGateway);
        }
        double[] early = new double[RUNS];
        double[] window = new double[WARM_UP_WINDOW];
        double previous = Double.MAX_VALUE;
        int sent = COLD;
        while (sent < WARM_UP_MAX) {
            int n = Math.min(WARM_UP_WINDOW, WARM_UP_MAX - sent);
            for (int w = 0; w < n; w++, sent++) {
                double took = timed(viaGateway);
                window[w] = took;
                if (sent >= EARLY_FROM && sent - EARLY_FROM < RUNS) {
                    early[sent - EARLY_FROM] = took;
                }
                timed(direct);
            }
            double p50 = pct(Arrays.copyOf(window, n), 50);
            if (n == WARM_UP_WINDOW && p50 > STEADY * previous) {
                break;
            }
            previous = p50;
        }
        double[] gateway = new double[RUNS];
        double[] service = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            gateway[i] = timed(viaGateway);
            service[i] = timed(direct);
        }
        return new Latencies[] {new Latencies(cold, sent >= EARLY_FROM + RUNS ? early : new double[0], sent, gateway),
                new Latencies(new double[0], new double[0], sent, service)};
    }

    private static double timed(Call call) throws Exception {
        long start = System.nanoTime();
        call.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static BlockingHttp.Answer ok(BlockingHttp.Answer answer, String path) {
        if (answer.status() != 200) {
            throw new IllegalStateException(path + " answered " + answer.status() + " " + answer.text());
        }
        return answer;
    }

    private static Instant openAt() {
        Instant midJune = Instant.parse("2026-06-15T12:00:00Z");
        Instant end = START.plusSeconds(SPAN_SECONDS);
        return !midJune.isBefore(START) && midJune.isBefore(end) ? midJune
                : START.plusSeconds(SPAN_SECONDS / 2).truncatedTo(ChronoUnit.DAYS).plusSeconds(12 * 3600);
    }

    private static boolean close(Double api, double naive, double relative) {
        return api != null && Math.abs(api - naive) <= Math.max(1e-9, Math.abs(naive) * relative);
    }

    private static double pct(double[] samples, int percentile) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static String registerTenant(HttpClient http, LocalSuite suite) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + "/api/v1/tenants"))
                .header("X-Api-Key", suite.platformAdminKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + TENANT + "\",\"name\":\"Benchmark\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return new JsonObject(answer.body()).getJsonObject("adminKey").getString("key");
    }
}
