package io.cxmeter.survey.surveys;

/** What a survey measures; each kind has its own scales (see {@link SurveyScale}). */
public enum SurveyKind {
    NPS,
    CSAT,
    CES,
    CUSTOM
}
