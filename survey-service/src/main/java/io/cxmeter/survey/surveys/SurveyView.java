package io.cxmeter.survey.surveys;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A survey as the API shows it. */
public record SurveyView(UUID id, String name, SurveyKind kind, Scale scale, Integer positiveFrom,
        SurveyStatus status, boolean followUp, String publicKey, OffsetDateTime createdAt) {

    public record Scale(int min, int max) {
    }

    static SurveyView of(Survey survey) {
        return new SurveyView(survey.id, survey.name, survey.kind, new Scale(survey.scaleMin, survey.scaleMax),
                survey.positiveFrom, survey.status, survey.followUp, survey.publicKey, survey.createdAt);
    }
}
