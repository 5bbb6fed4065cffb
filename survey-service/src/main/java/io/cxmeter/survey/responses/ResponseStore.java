package io.cxmeter.survey.responses;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.events.ResponseDeleted;
import io.cxmeter.events.ResponseUpserted;
import io.cxmeter.imports.ImportResult;
import io.cxmeter.outbox.Outbox;
import io.cxmeter.survey.webhooks.WebhookEvents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Responses in the service's own database, written set-based, each change with its outbox event for
 * metrics-service ({@code response.upserted}, {@code response.deleted}; the contract is in
 * metrics-service/README.md). The aggregate id of an event is {@code surveyId:id}: the tenant's
 * response ids are unique within a survey.
 */
@ApplicationScoped
public class ResponseStore {


    private static final String UPSERT = """
            INSERT INTO response (tenant_id, survey_id, response_key, score, comment, customer_id, ticket_id, agent_id,
                                  channel, touchpoint, locale, submitted_at, created_at, updated_at)
            SELECT $1, $2, u.*, $13, $13 FROM unnest($3::text[], $4::float8[], $5::text[], $6::text[], $7::text[], $8::text[],
                   $9::text[], $10::text[], $11::text[], $12::timestamptz[])
                   AS u(response_key, score, comment, customer_id, ticket_id, agent_id, channel, touchpoint, locale, submitted_at)
            ON CONFLICT (tenant_id, survey_id, response_key) DO UPDATE SET score = EXCLUDED.score, comment = EXCLUDED.comment,
                customer_id = EXCLUDED.customer_id, ticket_id = EXCLUDED.ticket_id, agent_id = EXCLUDED.agent_id,
                channel = EXCLUDED.channel, touchpoint = EXCLUDED.touchpoint, locale = EXCLUDED.locale,
                submitted_at = EXCLUDED.submitted_at, updated_at = EXCLUDED.updated_at
            RETURNING response_key, (xmax = 0) AS inserted""";

    private static final String COLUMNS = "r.survey_id, r.response_key, r.score, r.comment, r.customer_id, r.ticket_id,"
            + " r.agent_id, r.channel, r.touchpoint, r.locale, r.submitted_at, f.follow_up_ticket_id";

    private static final String FROM = " FROM response r LEFT JOIN follow_up f ON f.tenant_id = r.tenant_id"
            + " AND f.survey_id = r.survey_id AND f.response_key = r.response_key";

    /** A negative answer on a survey that follows up: its follow-up, once, whatever the retries and re-imports. */
    private static final String FOLLOW_UP = """
            INSERT INTO follow_up (tenant_id, survey_id, response_key, score, channel, customer_id, agent_id, ticket_id, zone,
                                   created_at, next_attempt_at)
            SELECT $1, $2, u.*, $9, $10, $10 FROM unnest($3::text[], $4::float8[], $5::text[], $6::text[], $7::text[], $8::text[])
                   AS u(response_key, score, channel, customer_id, agent_id, ticket_id)
            ON CONFLICT (tenant_id, survey_id, response_key) DO NOTHING""";

    @Inject
    Outbox outbox;

    @Inject
    WebhookEvents webhooks;

    /** The survey's facts, or null when the tenant has no such survey. */
    public Uni<SurveyFacts> survey(SqlConnection connection, String tenantId, UUID surveyId) {
        return connection.preparedQuery("SELECT " + SURVEY_FACTS + " FROM survey"
                + " WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenantId, surveyId))
                .map(rows -> rows.size() == 0 ? null : facts(rows.iterator().next()));
    }

    /** Creates or updates the responses (by id within the survey) and announces each, in the request's zone. */
    public Uni<ImportResult> upsert(SqlConnection connection, String tenantId, SurveyFacts survey, List<ResponseDraft> responses) {
        return upsert(connection, tenantId, outbox.zone(), survey, responses);
    }

    /** As above for a tenant whose time zone is {@code zone} (a rating link: no tenant token). */
    public Uni<ImportResult> upsert(SqlConnection connection, String tenantId, String zone, SurveyFacts survey,
            List<ResponseDraft> responses) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Tuple args = Tuple.wrap(new ArrayList<>(Arrays.asList(tenantId, survey.id(),
                responses.stream().map(ResponseDraft::id).toArray(String[]::new),
                responses.stream().map(ResponseDraft::score).toArray(Double[]::new),
                responses.stream().map(ResponseDraft::comment).toArray(String[]::new),
                responses.stream().map(ResponseDraft::customerId).toArray(String[]::new),
                responses.stream().map(ResponseDraft::ticketId).toArray(String[]::new),
                responses.stream().map(ResponseDraft::agentId).toArray(String[]::new),
                responses.stream().map(ResponseDraft::channel).toArray(String[]::new),
                responses.stream().map(ResponseDraft::touchpoint).toArray(String[]::new),
                responses.stream().map(ResponseDraft::locale).toArray(String[]::new),
                responses.stream().map(r -> r.submittedAt().atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new),
                now)));
        return connection.preparedQuery(UPSERT).execute(args).flatMap(rows -> {
            Set<String> created = new HashSet<>();
            for (Row row : rows) {
                if (row.getBoolean("inserted")) {
                    created.add(row.getString("response_key"));
                }
            }
            ImportResult result = new ImportResult(created.size(), responses.size() - created.size());
            List<ResponseUpserted> events = responses.stream().map(r -> event(survey, r)).toList();
            return outbox.add(connection, tenantId, events, now, zone)
                    .flatMap(ignored -> followUps(connection, tenantId, zone, survey, responses, now))
                    .flatMap(ignored -> webhooks.responses(connection, tenantId, survey, responses, created, now))
                    .map(ignored -> result);
        });
    }

    private Uni<Void> followUps(SqlConnection connection, String tenantId, String zone, SurveyFacts survey,
            List<ResponseDraft> responses, OffsetDateTime now) {
        List<ResponseDraft> negative = survey.followUp()
                ? responses.stream().filter(r -> survey.isNegative(r.score())).toList() : List.of();
        if (negative.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(FOLLOW_UP).execute(Tuple.wrap(new ArrayList<>(Arrays.asList(tenantId, survey.id(),
                negative.stream().map(ResponseDraft::id).toArray(String[]::new),
                negative.stream().map(ResponseDraft::score).toArray(Double[]::new),
                negative.stream().map(ResponseDraft::channel).toArray(String[]::new),
                negative.stream().map(ResponseDraft::customerId).toArray(String[]::new),
                negative.stream().map(ResponseDraft::agentId).toArray(String[]::new),
                negative.stream().map(ResponseDraft::ticketId).toArray(String[]::new),
                zone, now)))).replaceWithVoid();
    }

    public Uni<ResponseDraft> find(SqlConnection connection, String tenantId, UUID surveyId, String key) {
        return connection.preparedQuery("SELECT " + COLUMNS + FROM + " WHERE r.tenant_id = $1 AND r.survey_id = $2"
                + " AND r.response_key = $3").execute(Tuple.of(tenantId, surveyId, key))
                .map(rows -> rows.size() == 0 ? null : draft(rows.iterator().next()));
    }

    /** The survey's responses that pass the filter, oldest first, after the cursor (submittedAt, id). */
    public Uni<List<ResponseDraft>> page(SqlConnection connection, String tenantId, SurveyFacts survey, ResponseFilter filter,
            Instant afterAt, String afterKey, int limit) {
        ResponseFilter.Sql conditions = filter.toSql(survey, 6);
        List<Object> args = new ArrayList<>(Arrays.asList(tenantId, survey.id(), utc(afterAt), afterKey, limit));
        args.addAll(conditions.arguments());
        return connection.preparedQuery("SELECT " + COLUMNS + FROM + " WHERE r.tenant_id = $1 AND r.survey_id = $2"
                + " AND (r.submitted_at, r.response_key) > ($3, $4)" + conditions.conditions()
                + " ORDER BY r.submitted_at, r.response_key LIMIT $5")
                .execute(Tuple.wrap(args))
                .map(rows -> {
                    List<ResponseDraft> page = new ArrayList<>();
                    rows.forEach(row -> page.add(draft(row)));
                    return page;
                });
    }

    /** Erases every response naming the customer, in every survey; the number erased. */
    public Uni<Integer> eraseCustomer(SqlConnection connection, String tenantId, String customerId) {
        return connection.preparedQuery("DELETE FROM follow_up WHERE tenant_id = $1 AND customer_id = $2")
                .execute(Tuple.of(tenantId, customerId))
                .flatMap(ignored -> connection.preparedQuery("DELETE FROM widget_answer WHERE tenant_id = $1 AND subject = $2")
                        .execute(Tuple.of(tenantId, "c:" + customerId)))
                .flatMap(ignored -> connection.preparedQuery("DELETE FROM response WHERE tenant_id = $1 AND customer_id = $2"
                        + " RETURNING survey_id, response_key").execute(Tuple.of(tenantId, customerId)))
                .flatMap(rows -> {
                    List<ResponseDeleted> events = new ArrayList<>();
                    rows.forEach(row -> events.add(new ResponseDeleted(aggregate(row.getUUID("survey_id"), row.getString("response_key")))));
                    return outbox.add(connection, tenantId, events, OffsetDateTime.now(ZoneOffset.UTC))
                            .map(ignored -> events.size());
                });
    }

    /** The response id other services see: unique per tenant (the tenant's ids are unique per survey). */
    public static String aggregate(UUID surveyId, String key) {
        return surveyId + ":" + key;
    }

    /** The event metrics-service reads: the response with its survey's kind, scale and threshold. */
    private static ResponseUpserted event(SurveyFacts survey, ResponseDraft r) {
        return new ResponseUpserted(aggregate(survey.id(), r.id()), survey.id().toString(), survey.kind(), survey.scaleMin(),
                survey.scaleMax(), survey.positiveFrom(), r.score(), r.submittedAt(), r.channel(), r.touchpoint(),
                r.agentId(), r.ticketId(), r.customerId(), r.locale());
    }

    /** The survey columns {@link #facts(Row)} reads. */
    public static final String SURVEY_FACTS = "id, kind, scale_min, scale_max, positive_from, status, follow_up, channel, touchpoint";

    public static SurveyFacts facts(Row row) {
        return new SurveyFacts(row.getUUID("id"), row.getString("kind"), row.getInteger("scale_min"),
                row.getInteger("scale_max"), row.getInteger("positive_from"), row.getString("status"),
                row.getBoolean("follow_up"), row.getString("channel"), row.getString("touchpoint"));
    }

    private static ResponseDraft draft(Row row) {
        return new ResponseDraft(row.getString("response_key"), row.getDouble("score"), row.getString("comment"),
                row.getString("customer_id"), row.getString("ticket_id"), row.getString("agent_id"), row.getString("channel"),
                row.getString("touchpoint"), row.getString("locale"), row.getOffsetDateTime("submitted_at").toInstant(),
                row.getString("follow_up_ticket_id"));
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
