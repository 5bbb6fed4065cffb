package io.cxmeter.survey.surveys;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A new survey. Without {@code scale} the kind's default scale applies (NPS 0–10, CSAT 1–5, CES 1–7).
 * With {@code followUp}, a negative response (an NPS detractor, CSAT or CES below positiveFrom) opens
 * a follow-up ticket.
 */
@Schema(name = "SurveyRequest", example = "{\"name\":\"After-chat CSAT\",\"kind\":\"CSAT\",\"scale\":{\"min\":1,\"max\":5},\"positiveFrom\":4}")
public record SurveyRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull SurveyKind kind,
        @Valid ScaleRequest scale,
        Integer positiveFrom,
        Boolean followUp) {

    public record ScaleRequest(@NotNull Integer min, @NotNull Integer max) {
    }
}
