package io.cxmeter.metrics.events;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "EventBatch", example = "{\"events\":[{\"id\":\"7b0c…\",\"type\":\"response.accepted\","
        + "\"occurredAt\":\"2026-02-03T08:20:00Z\",\"payload\":{\"surveyId\":\"…\",\"score\":9}}]}")
public record EventBatch(@NotNull @Size(min = 1, max = EventBatch.MAX_EVENTS) List<@NotNull @Valid EventEnvelope> events) {

    public static final int MAX_EVENTS = 1000;
}
