package io.cxmeter.survey.responses;

import java.util.UUID;

/** What a response needs to know of its survey: kind, scale, threshold and whether it takes answers. */
public record SurveyFacts(UUID id, String kind, int scaleMin, int scaleMax, Integer positiveFrom, String status) {

    public boolean acceptsResponses() {
        return "ACTIVE".equals(status);
    }
}
