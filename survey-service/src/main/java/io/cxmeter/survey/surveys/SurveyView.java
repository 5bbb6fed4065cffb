package io.cxmeter.survey.surveys;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A survey as the API shows it; {@code questions} and {@code followUpQuestion} are null while the built-in texts apply. */
public record SurveyView(UUID id, String name, SurveyKind kind, Scale scale, Integer positiveFrom,
        SurveyStatus status, boolean followUp, String publicKey, Map<String, String> questions, String defaultLocale,
        boolean askComment, Map<String, String> followUpQuestion, String touchpoint, String channel,
        List<String> allowedOrigins, int minDaysBetweenAsks, OffsetDateTime createdAt) {

    public record Scale(int min, int max) {
    }

    static SurveyView of(Survey survey) {
        return new SurveyView(survey.id, survey.name, survey.kind, new Scale(survey.scaleMin, survey.scaleMax),
                survey.positiveFrom, survey.status, survey.followUp, survey.publicKey, survey.questions,
                survey.defaultLocale, survey.askComment, survey.followUpQuestion, survey.touchpoint, survey.channel,
                survey.allowedOrigins, survey.minDaysBetweenAsks, survey.createdAt);
    }
}
