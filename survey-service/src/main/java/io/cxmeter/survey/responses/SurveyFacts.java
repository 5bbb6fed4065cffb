package io.cxmeter.survey.responses;

import java.util.UUID;

/**
 * What a response needs to know of its survey: kind, scale, threshold, whether it takes answers and
 * follows up, and the channel and touchpoint labels that answers without their own get.
 */
public record SurveyFacts(UUID id, String kind, int scaleMin, int scaleMax, Integer positiveFrom, String status,
        boolean followUp, String channel, String touchpoint) {

    public boolean acceptsResponses() {
        return "ACTIVE".equals(status);
    }

    /** docs/metrics.md's negative answer: an NPS detractor (0–6), a CSAT or CES score below positiveFrom. */
    public boolean isNegative(double score) {
        return switch (kind) {
            case "NPS" -> score <= 6;
            case "CSAT", "CES" -> positiveFrom != null && score < positiveFrom;
            default -> false;
        };
    }
}
