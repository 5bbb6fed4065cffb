package io.cxmeter.survey.surveys;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Only active surveys accept responses. */
public enum SurveyStatus {
    @JsonProperty("active") ACTIVE,
    @JsonProperty("paused") PAUSED,
    @JsonProperty("archived") ARCHIVED
}
