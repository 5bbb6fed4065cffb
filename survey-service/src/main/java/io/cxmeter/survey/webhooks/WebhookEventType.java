package io.cxmeter.survey.webhooks;

import java.util.Arrays;
import java.util.Optional;

/** The events an endpoint can subscribe to. */
public enum WebhookEventType {

    RESPONSE_CREATED("response.created", "A customer answered a survey (once per answer, however often it is changed)"),
    RESPONSE_NEGATIVE("response.negative",
            "An answer is negative: an NPS detractor (0-6), a CSAT or CES score below the survey's positiveFrom"
                    + " (once per answer)");

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

    public static Optional<WebhookEventType> of(String wireName) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(wireName)).findFirst();
    }
}
