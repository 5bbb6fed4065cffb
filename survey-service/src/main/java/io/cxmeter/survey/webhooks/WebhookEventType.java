package io.cxmeter.survey.webhooks;

import java.util.Arrays;
import java.util.Optional;

/** The events an endpoint can subscribe to. */
public enum WebhookEventType {

    RESPONSE_CREATED("response.created", "A customer answered a survey (once per answer, however often it is changed)"),
    RESPONSE_NEGATIVE("response.negative",
            "An answer is negative: an NPS detractor (0-6), a CSAT or CES score below the survey's positiveFrom"
                    + " (once per answer)"),
    FOLLOWUP_CREATED("followup.created", "A follow-up of a low score was opened (its owner, due time and ticket)"),
    FOLLOWUP_RESOLVED("followup.resolved", "A follow-up was resolved (once per resolution: a reopened one resolved again"
            + " is a new event)"),
    ALERT_FIRED("alert.fired", "An alert rule's value crossed its threshold (once per crossing; the rule, the group, the value"
            + " and its sample)"),
    ALERT_RESOLVED("alert.resolved", "A firing alert's value is back past the rule's recoverAt (once per recovery)");

    private final String wireName;
    private final String description;

    WebhookEventType(String wireName, String description) {
        this.wireName = wireName;
        this.description = description;
    }

    public String wireName() {
        return wireName;
    }

    public String description() {
        return description;
    }

    /**
     * Whether another service reports this event (ticket-service its follow-ups, metrics-service its
     * alerts), rather than survey-service making it from its own changes.
     */
    public boolean reportedByAnotherService() {
        return this != RESPONSE_CREATED && this != RESPONSE_NEGATIVE;
    }

    public boolean alert() {
        return this == ALERT_FIRED || this == ALERT_RESOLVED;
    }

    public static Optional<WebhookEventType> of(String wireName) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(wireName)).findFirst();
    }
}
