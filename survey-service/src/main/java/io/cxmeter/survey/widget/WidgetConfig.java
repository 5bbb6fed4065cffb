package io.cxmeter.survey.widget;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.cxmeter.survey.surveys.SurveyView.Scale;

/**
 * What the widget shows, in one language: the question with the scale and its end labels, the
 * follow-up question (null when the survey asks none) and the widget's words. {@code locale} is the
 * language chosen for the visitor's locale (exact tag, then language, then the survey's default).
 * {@code ask} is false when this visitor or customer answered within {@code minDaysBetweenAsks}.
 */
@Schema(name = "WidgetConfig")
public record WidgetConfig(String publicKey, String kind, Scale scale, String locale, String question, String low,
        String high, String followUpQuestion, Words words, int minDaysBetweenAsks, boolean ask) {

    public record Words(String send, String skip, String close, String thanks, String failed) {
    }
}
