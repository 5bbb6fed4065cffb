package io.cxmeter.metrics.alerts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.cxmeter.metrics.events.Zones;
import io.cxmeter.metrics.query.MetricRequest;
import io.cxmeter.metrics.query.MetricResult;
import io.cxmeter.metrics.query.MetricsEngine;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Evaluates alert rules: those of tenants whose events were just applied, and every rule at least
 * every {@link AlertsConfig#every()}. A rule is evaluated in a transaction that holds its row
 * ({@code FOR UPDATE SKIP LOCKED}: replicas never evaluate one rule at once), reads the metric over
 * the window ending now through the same engine as the API, steps each watched value's state and
 * writes the transitions it made in the same transaction, for {@link AlertEventRelay} to report.
 */
@ApplicationScoped
public class AlertEvaluator {

    private static final Logger LOG = Logger.getLogger(AlertEvaluator.class);
    private static final String TOTAL = "";

    private static final String DUE = """
            SELECT id FROM alert_rule
            WHERE enabled AND (evaluated_at IS NULL OR evaluated_at <= $1 OR tenant_id = ANY ($2))
            ORDER BY evaluated_at NULLS FIRST LIMIT $3""";

    private static final String SAVE_STATE = """
            INSERT INTO alert_state (rule_id, group_key, status, since, value, sample) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (rule_id, group_key) DO UPDATE SET status = $3, since = $4, value = $5, sample = $6""";

    private static final String SAVE_EVENT = """
            INSERT INTO alert_event (tenant_id, rule_id, group_key, event_type, occurred_at, data, next_attempt_at)
            VALUES ($1, $2, $3, $4, $5, $6, $5)""";

    @Inject
    Pool pool;

    @Inject
    AlertsConfig config;

    @Inject
    AlertRules rules;

    @Inject
    MetricsEngine engine;

    @Inject
    FreshTenants fresh;

    @Scheduled(every = "${cxmeter.alerts.tick:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = EvaluatorOff.class)
    Uni<Void> tick() {
        return evaluateDue(Instant.now()).onFailure().invoke(e -> LOG.warnf("Evaluating alert rules failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One round: the rules of tenants with fresh data and the rules due, each evaluated at {@code now}. */
    public Uni<Integer> evaluateDue(Instant now) {
        String[] tenants = fresh.drain().toArray(String[]::new);
        return pool.preparedQuery(DUE).execute(Tuple.of(AlertRules.utc(now.minus(config.every())), tenants, config.batchSize()))
                .flatMap(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID("id")));
                    return Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(id -> evaluate(id, now))
                            .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
                });
    }

    /**
     * Evaluates one rule as at {@code now}: how many transitions it made (0 when another evaluation
     * held it or it is disabled). A metric that cannot be read is recorded on the rule, its states kept.
     */
    public Uni<Integer> evaluate(UUID ruleId, Instant now) {
        OffsetDateTime at = AlertRules.utc(now);
        return pool.withTransaction(connection -> rules.lockForEvaluation(connection, ruleId).flatMap(rule -> {
            if (rule == null) {
                return Uni.createFrom().item(0);
            }
            return engine.compute(request(rule, now))
                    .flatMap(result -> step(connection, rule, result, now))
                    .call(transitions -> connection.preparedQuery(
                            "UPDATE alert_rule SET evaluated_at = $2, last_error = NULL WHERE id = $1")
                            .execute(Tuple.of(rule.id(), at)))
                    .onFailure().recoverWithUni(failure -> {
                        LOG.warnf("Alert rule %s could not be evaluated: %s", rule.id(), failure.toString());
                        return connection.preparedQuery("UPDATE alert_rule SET evaluated_at = $2, last_error = $3 WHERE id = $1")
                                .execute(Tuple.of(rule.id(), at, String.valueOf(failure.getMessage()))).map(done -> 0);
                    });
        }));
    }

    private static MetricRequest request(AlertRule rule, Instant now) {
        return new MetricRequest(rule.tenantId(), Zones.of(rule.zone()), rule.metric(), now.minus(rule.window()), now, null,
                rule.groupBy(), null, rule.surveyId(), MetricRequest.DEFAULT_THRESHOLD, MetricRequest.DEFAULT_SHORT_ABANDON,
                MetricRequest.DEFAULT_WINDOW_DAYS, rule.businessClock(), rule.filter());
    }

    /**
     * What the answer says of each watched value: the total, or every group (only those the rule
     * names, if it names any); the caller adds those watched before and now absent.
     */
    static Map<String, AlertState.Observation> observe(AlertRule rule, MetricResult result) {
        Map<String, AlertState.Observation> seen = new LinkedHashMap<>();
        if (rule.groupBy() == null) {
            seen.put(TOTAL, new AlertState.Observation(statistic(rule, result.value(), result.details()), result.count()));
        } else if (result.groups() != null) {
            for (MetricResult.Group group : result.groups()) {
                if (group.key() != null && (rule.groups().isEmpty() || rule.groups().contains(group.key()))) {
                    seen.put(group.key(), new AlertState.Observation(statistic(rule, group.value(), group.details()), group.count()));
                }
            }
        }
        return seen;
    }

    private static Double statistic(AlertRule rule, Double value, Map<String, Object> details) {
        if (rule.statistic().equals("value")) {
            return value;
        }
        return details != null && details.get(rule.statistic()) instanceof Number number ? number.doubleValue() : null;
    }

    private Uni<Integer> step(SqlConnection connection, AlertRule rule, MetricResult result, Instant now) {
        return connection.preparedQuery("SELECT group_key, status, since, value, sample FROM alert_state WHERE rule_id = $1")
                .execute(Tuple.of(rule.id())).flatMap(rows -> {
                    Map<String, AlertState> before = new HashMap<>();
                    rows.forEach(row -> before.put(row.getString("group_key"), new AlertState(
                            AlertState.Status.valueOf(row.getString("status")), AlertRules.instant(row.getOffsetDateTime("since")),
                            row.getDouble("value"), row.getLong("sample"))));
                    Map<String, AlertState.Observation> seen = observe(rule, result);
                    before.keySet().forEach(key -> seen.putIfAbsent(key, new AlertState.Observation(null, 0)));
                    List<Tuple> states = new ArrayList<>();
                    List<Tuple> events = new ArrayList<>();
                    seen.forEach((key, observation) -> {
                        AlertState previous = before.getOrDefault(key, AlertState.INITIAL);
                        AlertState.Step step = previous.next(rule.condition(), rule.threshold(), rule.recoverAt(),
                                rule.minSample(), rule.holdFor(), observation, now);
                        AlertState next = step.state();
                        states.add(Tuple.tuple(List.of(rule.id(), key, next.status().name())).addOffsetDateTime(AlertRules.utc(next.since()))
                                .addDouble(next.value()).addLong(next.sample()));
                        if (step.transition() != null) {
                            events.add(Tuple.tuple(List.of(rule.tenantId(), rule.id(), key, step.transition().eventType(),
                                    AlertRules.utc(now), eventData(rule, key, step, previous, result))));
                        }
                    });
                    Uni<Void> saved = states.isEmpty() ? Uni.createFrom().voidItem()
                            : connection.preparedQuery(SAVE_STATE).executeBatch(states).replaceWithVoid();
                    return saved.flatMap(ignored -> events.isEmpty() ? Uni.createFrom().voidItem()
                            : connection.preparedQuery(SAVE_EVENT).executeBatch(events).replaceWithVoid())
                            .map(ignored -> events.size());
                });
    }

    /** The event's data, as webhook receivers get it (the recipients travel with it, for survey-service's mail). */
    private static JsonObject eventData(AlertRule rule, String key, AlertState.Step step, AlertState previous,
            MetricResult result) {
        JsonObject data = new JsonObject()
                .put("rule", new JsonObject().put("id", rule.id().toString()).put("name", rule.name())
                        .put("metric", rule.metric().id()).put("statistic", rule.statistic())
                        .put("groupBy", rule.groupBy() == null ? null : rule.groupBy().wire()).put("groups", rule.groups())
                        .put("surveyId", rule.surveyId())
                        .put("window", AlertRule.iso(rule.window())).put("condition", rule.condition().wire())
                        .put("threshold", rule.threshold()).put("recoverAt", rule.recoverAt())
                        .put("minSample", rule.minSample()).put("for", AlertRule.iso(rule.holdFor())))
                .put("group", key.isEmpty() ? null : key)
                .put("value", step.state().value()).put("sample", step.state().sample())
                .put("period", new JsonObject().put("from", result.from().toString()).put("to", result.to().toString()))
                .put("recipients", rule.recipients());
        if (step.transition() == AlertState.Transition.RESOLVED && previous.since() != null) {
            data.put("firingSince", previous.since().toString());
        }
        return data;
    }

    /** Lets tests and single-purpose deployments switch evaluation off. */
    @ApplicationScoped
    public static class EvaluatorOff implements Scheduled.SkipPredicate {

        @Inject
        AlertsConfig config;

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.evaluate();
        }
    }
}
