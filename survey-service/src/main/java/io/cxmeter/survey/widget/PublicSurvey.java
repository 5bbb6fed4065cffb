package io.cxmeter.survey.widget;

import java.util.List;
import java.util.Map;

import io.cxmeter.survey.responses.ResponseStore;
import io.cxmeter.survey.surveys.Survey;
import io.cxmeter.survey.responses.SurveyFacts;
import io.vertx.mutiny.sqlclient.Row;

/** A survey as its public key shows it to visitors: facts for answers plus texts, origins and throttling. */
public record PublicSurvey(String tenantId, SurveyFacts facts, Map<String, String> questions, String defaultLocale,
        boolean askComment, Map<String, String> followUpQuestion, List<String> allowedOrigins, int minDaysBetweenAsks,
        String zone) {

    public static final String COLUMNS = ResponseStore.SURVEY_FACTS + ", tenant_id, questions, default_locale, ask_comment,"
            + " follow_up_question, allowed_origins, min_days_between_asks, zone";

    public static PublicSurvey of(Row row) {
        return new PublicSurvey(row.getString("tenant_id"), ResponseStore.facts(row), Survey.texts(row.getValue("questions")),
                row.getString("default_locale"), row.getBoolean("ask_comment"), Survey.texts(row.getValue("follow_up_question")),
                Survey.origins(row.getString("allowed_origins")), row.getInteger("min_days_between_asks"), row.getString("zone"));
    }

    /** Whether a page of {@code origin} may use the survey; a request without Origin comes from no browser page. */
    boolean allows(String origin) {
        return origin == null || allowedOrigins.contains(origin);
    }
}
