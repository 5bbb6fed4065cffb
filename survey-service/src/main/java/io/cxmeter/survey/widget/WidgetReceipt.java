package io.cxmeter.survey.widget;

/** The stored answer: its id (which the follow-up comment names) and score. */
public record WidgetReceipt(String id, double score) {
}
