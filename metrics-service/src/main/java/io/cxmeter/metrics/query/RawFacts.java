package io.cxmeter.metrics.query;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.metrics.facts.Counters;
import io.cxmeter.metrics.facts.Counters.Survey;
import io.cxmeter.metrics.facts.Dimension;
import io.cxmeter.metrics.facts.Family;
import io.cxmeter.metrics.facts.Filter;
import io.cxmeter.metrics.facts.Measure;
import io.cxmeter.metrics.facts.TicketContributions;
import io.cxmeter.metrics.rollup.Layout;
import io.cxmeter.metrics.rollup.PeriodSums;
import io.cxmeter.metrics.rollup.RollupReader;
import io.cxmeter.metrics.rollup.RollupReader.Period;
import io.cxmeter.metrics.rollup.Rollups;
import io.cxmeter.metrics.rollup.State;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The parts of metrics that buckets cannot keep, read from the facts themselves: resolutions whose
 * state changed after the period's end, distinct customers, and customers joined to their
 * interactions. Each reads only the facts of its period or instant (by index), never the whole history.
 */
@ApplicationScoped
public class RawFacts {

    private static final String PERIODS = "unnest($2::int4[], $3::timestamptz[], $4::timestamptz[]) AS p(idx, a, b)";
    /** Closes a LATERAL read of one period's facts (see {@link RollupReader#EACH_PIECE_BY_INDEX}). */
    private static final String EACH_PERIOD_BY_INDEX = RollupReader.EACH_PIECE_BY_INDEX;

    @Inject
    Pool pool;

    /**
     * Resolutions in the period that were reopened at or after its end: each is its ticket's latest
     * resolution before {@code to} (a later one needs a reopening first) and in force at {@code to},
     * so it counts in this period whatever happened after (docs/metrics.md: period stability). The
     * rollups hold each ticket at its current resolution, if it lasts; these are the others, the
     * episodes whose reopen span contains {@code to}: one GiST probe, as many rows as reopened tickets
     * were resolved at that instant.
     */
    public Uni<PeriodSums> reopenedResolutions(String tenantId, List<Period> periods, Dimension groupBy,
            Filter filter, boolean business) {
        String sql = "SELECT p.idx, x.group_key, count(*) AS n, sum(x.seconds) AS total, array_agg(x.seconds) AS seconds"
                + " FROM " + PERIODS + " CROSS JOIN LATERAL (SELECT " + episodeColumn(groupBy, "e.agent") + " AS group_key, "
                + (business ? "coalesce(e.business_seconds, e.seconds)" : "e.seconds") + " AS seconds"
                + " FROM ticket_episode e WHERE e.tenant_id = $1 AND e.reopen_span @> p.b AND e.resolved_at >= p.a"
                + filter(filter, "e", "e.agent", FIRST_FILTER) + EACH_PERIOD_BY_INDEX + " GROUP BY 1, 2";
        return rows(sql, tenantId, periods, filter).map(rows -> collect(rows, groupBy, row -> {
            State state = new State();
            for (Double seconds : row.getArrayOfDoubles("seconds")) {
                state.merge(TicketContributions.durationState(Measure.Clocked.RESOLUTION.in(business), seconds), 1);
            }
            return state;
        }));
    }

    /**
     * What the assignment rollups, which count a ticket as resolved if it is resolved now, get wrong
     * about the tickets first assigned in the period being resolved at its end: +1 for a resolution in
     * force at {@code to} and reopened later, −1 for a lasting resolution that came at or after
     * {@code to} (the schema explains the spans). One GiST probe per period, as many rows as tickets in flight
     * at {@code to}.
     */
    public Uni<PeriodSums> resolvedAtEndCorrection(String tenantId, List<Period> periods,
            Dimension groupBy, Filter filter) {
        String sql = "SELECT p.idx, x.group_key, sum(x.sign) AS resolved"
                + " FROM " + PERIODS + " CROSS JOIN LATERAL (SELECT " + episodeColumn(groupBy, "e.assignee") + " AS group_key,"
                + " CASE WHEN e.reopened_at IS NULL THEN -1 ELSE 1 END AS sign"
                + " FROM ticket_episode e WHERE e.tenant_id = $1 AND NOT isempty(e.rate_span) AND e.rate_span @> p.b"
                + " AND e.assigned_at >= p.a" + filter(filter, "e", "e.assignee", FIRST_FILTER) + EACH_PERIOD_BY_INDEX
                + " GROUP BY 1, 2";
        return rows(sql, tenantId, periods, filter).map(rows -> collect(rows, groupBy,
                row -> new State().add(Counters.Assignment.RESOLVED, row.getLong("resolved"))));
    }

    /**
     * What turns the resolution rollups' counters, which date every resolution where it happened and
     * know what became of it since, into reopen rate and first-contact resolution for a period
     * [{@code from}, {@code to}) (docs/design/rollups.md). Two GiST probes per period, each as many
     * rows as tickets in flight at one instant, never the period's resolutions:
     * <ul>
     * <li>resolutions of the period that follow one before {@code from} (their gap span contains
     * {@code from}): not {@code repeated} within the period (−1); where they were reopened, they are the
     * period's first resolution of a ticket that was reopened, which {@code reopened} (first resolutions
     * ever) left out (+1);</li>
     * <li>resolutions of the period reopened at or after {@code to} (their reopen span contains {@code to}):
     * not reopened within the period (−1 {@code reopened} where it counted them or they are the period's
     * first resolution of their ticket, −1 {@code firstContactReopened}).</li>
     * </ul>
     */
    public Uni<PeriodSums> reopenings(String tenantId, List<Period> periods, Dimension groupBy,
            Filter filter) {
        String kept = filter(filter, "e", "e.agent", FIRST_FILTER);
        String group = episodeColumn(groupBy, "e.agent");
        String sql = "SELECT p.idx, x.group_key, sum(x.repeated) AS repeated, sum(x.reopened) AS reopened,"
                + " sum(x.first_contact) AS first_contact FROM " + PERIODS + " CROSS JOIN LATERAL ("
                + " SELECT " + group + " AS group_key, -1 AS repeated,"
                + "   CASE WHEN e.reopened_at IS NULL THEN 0 ELSE 1 END AS reopened, 0 AS first_contact"
                + " FROM ticket_episode e WHERE e.tenant_id = $1 AND e.follow_span @> p.a AND e.resolved_at < p.b" + kept
                + " UNION ALL SELECT " + group + ", 0,"
                + "   CASE WHEN e.previous_resolved_at IS NULL OR e.previous_resolved_at < p.a THEN -1 ELSE 0 END,"
                + "   CASE WHEN e.first_contact THEN -1 ELSE 0 END"
                + " FROM ticket_episode e WHERE e.tenant_id = $1 AND e.reopen_span @> p.b AND e.resolved_at >= p.a" + kept
                + EACH_PERIOD_BY_INDEX + " GROUP BY 1, 2";
        return rows(sql, tenantId, periods, filter).map(rows -> collect(rows, groupBy, row -> new State()
                .add(Counters.Resolution.REPEATED, row.getLong("repeated")).add(Counters.Resolution.REOPENED, row.getLong("reopened"))
                .add(Counters.Resolution.FIRST_CONTACT_REOPENED, row.getLong("first_contact"))));
    }

    /**
     * The sum of squared review scores per period and group, which IQS's interval needs and its rollups do
     * not keep: reviews are a sample of conversations, few enough to read from the period's facts by time.
     */
    public Uni<PeriodSums> reviewSquares(String tenantId, List<Period> periods, Dimension groupBy,
            Filter filter) {
        String sql = "SELECT p.idx, x.group_key, sum(x.score * x.score) AS sumsq FROM " + PERIODS
                + " CROSS JOIN LATERAL (SELECT " + column(groupBy, "c", "c.agent")
                + " AS group_key, c.c[" + Layout.sqlPosition(Family.REVIEW, Counters.Review.SUM) + "] AS score FROM contribution c"
                + " WHERE c.tenant_id = $1 AND c.family = 'review' AND c.at >= p.a AND c.at < p.b"
                + filter(filter, "c", "c.agent", FIRST_FILTER) + EACH_PERIOD_BY_INDEX + " GROUP BY 1, 2";
        return rows(sql, tenantId, periods, filter).map(rows -> collect(rows, groupBy,
                row -> new State().add(Counters.Read.REVIEW_SQUARES, row.getDouble("sumsq"))));
    }

    /** Customers who became customers in the period and churned before its end (not in S, so not churn). */
    public Uni<Map<Integer, Long>> joinedAndChurned(String tenantId, List<Period> periods) {
        String sql = "SELECT p.idx, count(x.customer_id) AS n FROM " + PERIODS
                + " LEFT JOIN LATERAL (SELECT f.customer_id FROM customer_fact f"
                + " WHERE f.tenant_id = $1 AND f.since >= p.a AND f.since < p.b AND f.churned_at < p.b" + EACH_PERIOD_BY_INDEX
                + " ON true GROUP BY 1";
        return rows(sql, tenantId, periods, Filter.NONE).map(rows -> {
            Map<Integer, Long> out = new HashMap<>();
            rows.forEach(row -> out.put(row.getInteger("idx"), row.getLong("n")));
            return out;
        });
    }

    /** Interactions in the period of customers active in it, and how many of them interacted. */
    public Uni<Map<Integer, State>> interactions(String tenantId, List<Period> periods) {
        String sql = "SELECT p.idx, count(x.customer_id) AS interactions, count(DISTINCT x.customer_id) AS engaged"
                + " FROM " + PERIODS + " CROSS JOIN LATERAL (SELECT c.customer_id FROM contribution c"
                + " JOIN customer_fact f ON f.tenant_id = $1 AND f.customer_id = c.customer_id AND f.since < p.b"
                + " AND (f.churned_at IS NULL OR f.churned_at >= p.a)"
                + " WHERE c.tenant_id = $1 AND c.family = 'interaction' AND c.at >= p.a AND c.at < p.b" + EACH_PERIOD_BY_INDEX
                + " GROUP BY 1";
        return rows(sql, tenantId, periods, Filter.NONE).map(rows -> {
            Map<Integer, State> out = new HashMap<>();
            rows.forEach(row -> out.put(row.getInteger("idx"),
                    new State().add(Counters.Interaction.INTERACTIONS, row.getLong("interactions"))
                            .add(Counters.Read.ENGAGED, row.getLong("engaged"))));
            return out;
        });
    }

    /** Purchase revenue in the period and the number of distinct purchasing customers. */
    public Uni<Map<Integer, State>> purchases(String tenantId, List<Period> periods) {
        String sql = "SELECT p.idx, coalesce(sum(x.amount), 0)::float8 AS revenue, count(DISTINCT x.customer_id) AS buyers"
                + " FROM " + PERIODS + " CROSS JOIN LATERAL (SELECT c.c["
                + Layout.sqlPosition(Family.PURCHASE, Counters.Purchase.AMOUNT) + "] AS amount, c.customer_id FROM contribution c"
                + " WHERE c.tenant_id = $1 AND c.family = 'purchase' AND c.at >= p.a AND c.at < p.b" + EACH_PERIOD_BY_INDEX
                + " GROUP BY 1";
        return rows(sql, tenantId, periods, Filter.NONE).map(rows -> {
            Map<Integer, State> out = new HashMap<>();
            rows.forEach(row -> out.put(row.getInteger("idx"),
                    new State().add(Counters.Read.REVENUE, row.getDouble("revenue"))
                            .add(Counters.Read.BUYERS, row.getLong("buyers"))));
            return out;
        });
    }

    /**
     * Recovery rate's customers per period and group (docs/metrics.md#recovery-rate): each customer's
     * latest negative answer in the period whose follow-up ticket was first resolved before its end,
     * and the customer's first answer of the same kind after that resolution, within the window and
     * the period. Reads the period's survey contributions by time, one follow-up ticket and one next
     * answer per negative answer by index.
     */
    public Uni<PeriodSums> recoveries(String tenantId, List<Period> periods, Dimension groupBy,
            Filter filter, int windowDays) {
        String sql = "SELECT p.idx, x.group_key,"
                + " count(*) FILTER (WHERE x.positive) AS recovered,"
                + " count(*) FILTER (WHERE NOT x.positive) AS answered_otherwise,"
                + " count(*) FILTER (WHERE x.positive IS NULL AND x.resolved_at + make_interval(days => $5) <= p.b) AS no_answer,"
                + " count(*) FILTER (WHERE x.positive IS NULL AND x.resolved_at + make_interval(days => $5) > p.b) AS pending"
                + " FROM " + PERIODS + " CROSS JOIN LATERAL (SELECT " + column(groupBy, "l", "l.agent")
                + " AS group_key, l.resolved_at, nx.positive FROM ("
                + "   SELECT DISTINCT ON (n.customer_id) n.customer_id, n.family, fu.resolved_at, fu.channel, fu.team, fu.agent"
                + "   FROM contribution n CROSS JOIN LATERAL (SELECT e.resolved_at, e.channel, e.team, e.agent FROM ticket_episode e"
                + "     WHERE e.tenant_id = $1 AND e.ticket_id = 'followup-' || n.aggregate_id AND e.resolved_at < p.b"
                + "     ORDER BY e.resolved_at LIMIT 1) fu"
                + "   WHERE n.tenant_id = $1 AND n.family IN ('nps', 'csat', 'ces') AND n.at >= p.a AND n.at < p.b"
                + "     AND n.source = 'response' AND n.customer_id IS NOT NULL AND " + negative("n")
                + "   ORDER BY n.customer_id, n.at DESC, n.aggregate_id DESC) l"
                + " LEFT JOIN LATERAL (SELECT " + positive("a") + " AS positive FROM contribution a"
                + "   WHERE a.tenant_id = $1 AND a.customer_id = l.customer_id AND a.family = l.family AND a.source = 'response'"
                + "     AND a.at > l.resolved_at AND a.at < least(l.resolved_at + make_interval(days => $5), p.b)"
                + "   ORDER BY a.at, a.aggregate_id LIMIT 1) nx ON true WHERE true"
                + filter(filter, "l", "l.agent", FIRST_FILTER + 1) + EACH_PERIOD_BY_INDEX
                + " GROUP BY 1, 2";
        return rows(sql, tenantId, periods, filter, windowDays).map(rows -> collect(rows, groupBy, row -> new State()
                .add(Counters.Read.RECOVERED, row.getLong("recovered"))
                .add(Counters.Read.NOT_RECOVERED, row.getLong("answered_otherwise") + row.getLong("no_answer"))
                .add(Counters.Read.NO_ANSWER, row.getLong("no_answer")).add(Counters.Read.PENDING, row.getLong("pending"))));
    }

    /** Whether the survey contribution {@code alias} is a negative answer: an NPS detractor, a CSAT or CES answer not positive. */
    private static String negative(String alias) {
        return "CASE " + alias + ".family WHEN 'nps' THEN " + alias + ".c[" + position(Survey.DETRACTORS) + "] = 1 ELSE "
                + alias + ".c[" + position(Survey.POSITIVE) + "] = 0 END";
    }

    /** Whether it is a positive one: an NPS promoter, a CSAT or CES answer at or above positiveFrom. */
    private static String positive(String alias) {
        return "CASE " + alias + ".family WHEN 'nps' THEN " + alias + ".c[" + position(Survey.PROMOTERS) + "] = 1 ELSE "
                + alias + ".c[" + position(Survey.POSITIVE) + "] = 1 END";
    }

    /** The 1-based SQL array position of a survey counter (the survey families share one layout). */
    private static int position(Survey counter) {
        return Layout.sqlPosition(Family.NPS, counter);
    }

    /** Reads with the periods as $2..$4, then {@code more}, then the filter's parameters. */
    private Uni<io.vertx.mutiny.sqlclient.RowSet<Row>> rows(String sql, String tenantId, List<Period> periods, Filter filter,
            Object... more) {
        Tuple tuple = Tuple.of(tenantId,
                periods.stream().map(Period::index).toArray(Integer[]::new),
                periods.stream().map(p -> p.from().atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new),
                periods.stream().map(p -> p.to().atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new));
        for (Object value : more) {
            tuple.addValue(value);
        }
        filter.parameters().forEach(tuple::addValue);
        return pool.preparedQuery(sql).execute(tuple);
    }

    private static PeriodSums collect(Iterable<Row> rows, Dimension groupBy, java.util.function.Function<Row, State> state) {
        PeriodSums out = new PeriodSums();
        for (Row row : rows) {
            String value = row.getString("group_key");
            String key = groupBy == null ? RollupReader.ALL : value == null || value.equals(Rollups.NONE) ? null : value;
            out.add(row.getInteger("idx"), key, state.apply(row));
        }
        return out;
    }

    /** The number of the first filter parameter of a read without more parameters. */
    private static final int FIRST_FILTER = 5;

    /**
     * The condition that keeps the facts of the rows {@code alias} (episodes, or rows with their channel,
     * team and agent columns) that match the filter; {@code agent} is the agent column the metric counts
     * by. The request was checked against the metric's dimensions, so only those, and a ticket's priority
     * and tags, reach here.
     */
    private static String filter(Filter filter, String alias, String agent, int firstParameter) {
        return filter.sql(dimension -> {
            String column = columnOf(dimension, alias, agent);
            if (column == null) {
                throw new IllegalArgumentException(dimension.wire() + " is not a dimension of these facts");
            }
            return column;
        }, firstParameter);
    }

    /** An episode's column for {@code groupBy}; {@code agent} is the agent column the metric counts by. */
    private static String episodeColumn(Dimension groupBy, String agent) {
        return column(groupBy, "e", agent);
    }

    /** The channel or team column of the episode row {@code alias}, or {@code agent}, for {@code groupBy}. */
    private static String column(Dimension groupBy, String alias, String agent) {
        String column = groupBy == null ? null : columnOf(groupBy, alias, agent);
        return column == null ? "NULL::text" : column;
    }

    /** The column of {@code dimension} in the rows {@code alias} (episodes, or rows with their columns); null where they have none. */
    private static String columnOf(Dimension dimension, String alias, String agent) {
        return switch (dimension) {
            case CHANNEL, TEAM, PRIORITY, TAG -> alias + "." + dimension.column();
            case AGENT -> agent;
            default -> null;
        };
    }

}
