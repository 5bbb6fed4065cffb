package io.cxmeter.metrics.events;

import java.time.OffsetDateTime;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * One event as a producer's outbox delivers it. {@code id} is the producer's event id: delivering
 * the same id again is a no-op.
 */
public record EventEnvelope(
        @NotBlank @Size(max = 200) String id,
        @NotBlank @Size(max = 100) String type,
        @NotNull OffsetDateTime occurredAt,
        Map<String, Object> payload) {
}
