package io.cxmeter.survey.surveys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.cxmeter.survey.TimeCursor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Surveys in plain SQL. Every query takes the tenant first: there is no way to read surveys across tenants. */
@ApplicationScoped
public class SurveyRepository {

    private static final String INSERT = """
            INSERT INTO survey (id, tenant_id, name, kind, scale_min, scale_max, positive_from, follow_up, status, public_key,
                                questions, default_locale, ask_comment, follow_up_question, touchpoint, channel,
                                allowed_origins, min_days_between_asks, zone, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)""";

    /** What a survey's changes may touch: never its tenant, kind, scale or creation. */
    private static final String UPDATE = """
            UPDATE survey SET name = $3, positive_from = $4, follow_up = $5, status = $6, public_key = $7, questions = $8,
                              default_locale = $9, ask_comment = $10, follow_up_question = $11, touchpoint = $12,
                              channel = $13, allowed_origins = $14, min_days_between_asks = $15, zone = $16, updated_at = $17
            WHERE tenant_id = $1 AND id = $2""";

    public Uni<Void> insert(SqlClient client, Survey s) {
        return client.preparedQuery(INSERT).execute(Tuple.from(Arrays.asList(s.id, s.tenantId, s.name, s.kind.name(), s.scaleMin,
                s.scaleMax, s.positiveFrom, s.followUp, s.status.name(), s.publicKey, Survey.json(s.questions), s.defaultLocale,
                s.askComment, Survey.json(s.followUpQuestion), s.touchpoint, s.channel, Survey.originsColumn(s.allowedOrigins),
                s.minDaysBetweenAsks, s.zone, s.createdAt, s.updatedAt))).replaceWithVoid();
    }

    public Uni<Void> update(SqlClient client, Survey s) {
        return client.preparedQuery(UPDATE).execute(Tuple.from(Arrays.asList(s.tenantId, s.id, s.name, s.positiveFrom, s.followUp,
                s.status.name(), s.publicKey, Survey.json(s.questions), s.defaultLocale, s.askComment,
                Survey.json(s.followUpQuestion), s.touchpoint, s.channel, Survey.originsColumn(s.allowedOrigins),
                s.minDaysBetweenAsks, s.zone, s.updatedAt))).replaceWithVoid();
    }

    /** The tenant's survey, or null; {@code lock}: held until the transaction ends, for a change. */
    public Uni<Survey> findForTenant(SqlClient client, String tenantId, UUID id, boolean lock) {
        return client.preparedQuery("SELECT * FROM survey WHERE tenant_id = $1 AND id = $2" + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(tenantId, id))
                .map(rows -> rows.size() == 0 ? null : Survey.of(rows.iterator().next()));
    }

    /** Newest first; {@code before} is the creation time and id of the last survey of the previous page. */
    public Uni<List<Survey>> page(SqlClient client, String tenantId, TimeCursor before, int limit) {
        return client.preparedQuery("""
                SELECT * FROM survey WHERE tenant_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3))
                ORDER BY created_at DESC, id DESC LIMIT $4""")
                .execute(Tuple.from(Arrays.asList(tenantId, before == null ? null : before.createdAt(),
                        before == null ? null : before.id(), limit)))
                .map(rows -> {
                    List<Survey> page = new ArrayList<>(rows.size());
                    rows.forEach(row -> page.add(Survey.of(row)));
                    return page;
                });
    }
}
