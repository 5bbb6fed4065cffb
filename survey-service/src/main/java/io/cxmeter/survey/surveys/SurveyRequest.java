package io.cxmeter.survey.surveys;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A new survey. Without {@code scale} the kind's default scale applies (NPS 0–10, CSAT 1–5, CES 1–7).
 * With {@code followUp}, a negative response (an NPS detractor, CSAT or CES below positiveFrom) opens
 * a follow-up ticket.
 *
 * <p>What visitors see: {@code questions} (locale → text; without it, the built-in question of the
 * kind in en, lt, lv, et, da, ru, de, fr, es), {@code defaultLocale} (the texts for a visitor whose
 * locale matches none; "en" unless given), {@code askComment} (the widget's free-text follow-up
 * question, on unless false) with {@code followUpQuestion} texts (built-in unless given).
 * {@code touchpoint} and {@code channel} label answers that do not name their own;
 * {@code allowedOrigins} lists the sites that may embed the widget; {@code minDaysBetweenAsks} keeps
 * the widget from asking one visitor or customer again too soon (0: no limit).
 */
@Schema(name = "SurveyRequest", example = "{\"name\":\"After-chat CSAT\",\"kind\":\"CSAT\",\"scale\":{\"min\":1,\"max\":5},"
        + "\"positiveFrom\":4,\"questions\":{\"en\":\"How did we do?\",\"lt\":\"Kaip mums sekėsi?\"},\"defaultLocale\":\"en\","
        + "\"touchpoint\":\"help-center\",\"allowedOrigins\":[\"https://www.example.com\"],\"minDaysBetweenAsks\":30}")
public record SurveyRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull SurveyKind kind,
        @Valid ScaleRequest scale,
        Integer positiveFrom,
        Boolean followUp,
        @Size(max = 50) Map<String, @NotBlank @Size(max = 500) String> questions,
        String defaultLocale,
        Boolean askComment,
        @Size(max = 50) Map<String, @NotBlank @Size(max = 500) String> followUpQuestion,
        @Size(max = 100) String touchpoint,
        @Size(max = 100) String channel,
        @Size(max = 50) List<@NotBlank @Size(max = 200) String> allowedOrigins,
        @Min(0) @Max(365) Integer minDaysBetweenAsks) {

    public record ScaleRequest(@NotNull Integer min, @NotNull Integer max) {
    }

    SurveyChanges presentation() {
        return new SurveyChanges(null, null, null, questions, defaultLocale, askComment, followUpQuestion, touchpoint,
                channel, allowedOrigins, minDaysBetweenAsks);
    }
}
