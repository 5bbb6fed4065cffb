package io.cxmeter.survey.surveys;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What may change on a survey: its name, its status and whether it opens follow-up tickets. Paused and archived surveys take no
 * responses; archiving is final. Kind and scale never change: the answers given would mean
 * something else.
 */
@Schema(name = "SurveyChanges", example = "{\"status\":\"paused\"}")
public record SurveyChanges(@Size(min = 1, max = 200) String name, SurveyStatus status, Boolean followUp) {
}
