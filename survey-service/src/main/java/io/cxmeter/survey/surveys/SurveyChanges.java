package io.cxmeter.survey.surveys;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.cxmeter.problem.OptionalText;

/**
 * What may change on a survey: everything but its kind and scale (the answers given would mean
 * something else). A field left out stays as it is; {@code questions} or {@code followUpQuestion} as
 * {@code {}} go back to the built-in texts, and an empty {@code touchpoint} or {@code channel} removes
 * the label. Paused and archived surveys take no responses; archiving is final.
 */
@Schema(name = "SurveyChanges", example = "{\"status\":\"paused\"}")
public record SurveyChanges(
        @Size(max = 200) @Pattern(regexp = OptionalText.NOT_BLANK, message = OptionalText.NOT_BLANK_RULE) String name,
        SurveyStatus status,
        Boolean followUp,
        @Size(max = 50) Map<String, @NotBlank @Size(max = 500) String> questions,
        String defaultLocale,
        Boolean askComment,
        @Size(max = 50) Map<String, @NotBlank @Size(max = 500) String> followUpQuestion,
        @Size(max = 100) String touchpoint,
        @Size(max = 100) String channel,
        @Size(max = 50) List<@NotBlank @Size(max = 200) String> allowedOrigins,
        @Min(0) @Max(365) Integer minDaysBetweenAsks) {
}
