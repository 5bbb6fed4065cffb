package io.cxmeter.metrics.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.metrics.facts.Dimension;
import io.cxmeter.metrics.facts.Filter;
import io.cxmeter.metrics.query.Metric;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The tenants' alert rules, with the state of each watched value. */
@ApplicationScoped
public class AlertRules {

    static final String COLUMNS = "id, tenant_id, name, metric, statistic, group_by, watch_groups, survey_id, business_clock, filters,"
            + " window_seconds, condition, threshold, recover_at, min_sample, hold_seconds, recipients, enabled, zone, created_at,"
            + " updated_at";

    private static final String UPSERT = """
            INSERT INTO alert_rule (id, tenant_id, name, metric, statistic, group_by, survey_id, window_seconds, condition,
                                    threshold, recover_at, min_sample, hold_seconds, recipients, enabled, zone, created_at, updated_at,
                                    watch_groups, business_clock, filters)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
            ON CONFLICT (id) DO UPDATE SET name = $3, metric = $4, statistic = $5, group_by = $6, survey_id = $7,
                window_seconds = $8, condition = $9, threshold = $10, recover_at = $11, min_sample = $12,
                hold_seconds = $13, recipients = $14, enabled = $15, zone = $16, updated_at = $18, watch_groups = $19,
                business_clock = $20, filters = $21, evaluated_at = NULL,
                last_error = NULL
            WHERE alert_rule.tenant_id = $2""";

    @Inject
    Pool pool;

    /** Saves a new or changed rule; a changed rule starts afresh (what it watched before no longer applies). */
    public Uni<AlertRule> save(AlertRule rule, boolean changed) {
        Tuple values = Tuple.tuple(List.of(rule.id(), rule.tenantId(), rule.name(), rule.metric().id(), rule.statistic()))
                .addString(rule.groupBy() == null ? null : rule.groupBy().wire()).addString(rule.surveyId())
                .addLong(rule.window().toSeconds()).addString(rule.condition().name()).addDouble(rule.threshold())
                .addDouble(rule.recoverAt()).addInteger(rule.minSample()).addLong(rule.holdFor().toSeconds())
                .addArrayOfString(rule.recipients().toArray(String[]::new)).addBoolean(rule.enabled()).addString(rule.zone())
                .addOffsetDateTime(utc(rule.createdAt())).addOffsetDateTime(utc(rule.updatedAt()))
                .addArrayOfString(rule.groups().toArray(String[]::new)).addBoolean(rule.businessClock())
                .addJsonObject(new JsonObject(new LinkedHashMap<>(rule.filter().byName())));
        return pool.withTransaction(connection -> (changed
                ? connection.preparedQuery("DELETE FROM alert_state WHERE rule_id = $1").execute(Tuple.of(rule.id())).replaceWithVoid()
                : Uni.createFrom().voidItem())
                .flatMap(ignored -> connection.preparedQuery(UPSERT).execute(values)))
                .map(ignored -> rule);
    }

    public Uni<AlertRule> find(String tenantId, UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM alert_rule WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id)).map(rows -> rows.size() == 0 ? null : of(rows.iterator().next()));
    }

    /** The rule, if it is still enabled, locked for its evaluation unless another evaluation holds it. */
    Uni<AlertRule> lockForEvaluation(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM alert_rule WHERE id = $1 AND enabled FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? null : of(rows.iterator().next()));
    }

    public Uni<List<AlertRule>> list(String tenantId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM alert_rule WHERE tenant_id = $1 ORDER BY created_at, id")
                .execute(Tuple.of(tenantId)).map(rows -> {
                    List<AlertRule> rules = new ArrayList<>();
                    rows.forEach(row -> rules.add(of(row)));
                    return rules;
                });
    }

    public Uni<Boolean> delete(String tenantId, UUID id) {
        return pool.preparedQuery("DELETE FROM alert_rule WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenantId, id))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Where each watched value of the rules stands, by rule id; the total first, then groups by key. */
    public Uni<Map<UUID, List<AlertRule.Watched>>> states(List<UUID> ruleIds) {
        return pool.preparedQuery("SELECT rule_id, group_key, status, since, value, sample FROM alert_state"
                + " WHERE rule_id = ANY ($1) ORDER BY rule_id, group_key")
                .execute(Tuple.of(ruleIds.toArray(UUID[]::new))).map(rows -> {
                    Map<UUID, List<AlertRule.Watched>> states = new LinkedHashMap<>();
                    rows.forEach(row -> states.computeIfAbsent(row.getUUID("rule_id"), key -> new ArrayList<>())
                            .add(new AlertRule.Watched(row.getString("group_key").isEmpty() ? null : row.getString("group_key"),
                                    row.getString("status").toLowerCase(java.util.Locale.ROOT),
                                    instant(row.getOffsetDateTime("since")), row.getDouble("value"), row.getLong("sample"))));
                    return states;
                });
    }

    static AlertRule of(Row row) {
        return new AlertRule(row.getUUID("id"), row.getString("tenant_id"), row.getString("name"),
                Metric.byId(row.getString("metric")).orElseThrow(), row.getString("statistic"),
                row.getString("group_by") == null ? null : Dimension.fromWire(row.getString("group_by")),
                Arrays.asList(row.getArrayOfStrings("watch_groups")), row.getString("survey_id"), row.getBoolean("business_clock"),
                filter(row.getJsonObject("filters")), Duration.ofSeconds(row.getLong("window_seconds")),
                AlertRule.Condition.valueOf(row.getString("condition")), row.getDouble("threshold"), row.getDouble("recover_at"),
                row.getInteger("min_sample"), Duration.ofSeconds(row.getLong("hold_seconds")),
                Arrays.asList(row.getArrayOfStrings("recipients")), row.getBoolean("enabled"), row.getString("zone"),
                instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("updated_at")));
    }

    /** A stored rule's filter ({"channel": ["email"], …}); it was checked against the metric when saved. */
    private static Filter filter(JsonObject stored) {
        Map<Dimension, List<String>> values = new EnumMap<>(Dimension.class);
        for (Dimension dimension : Dimension.values()) {
            JsonArray named = stored.getJsonArray(dimension.wire());
            if (named != null) {
                values.put(dimension, named.stream().map(String::valueOf).toList());
            }
        }
        return Filter.of(values);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
