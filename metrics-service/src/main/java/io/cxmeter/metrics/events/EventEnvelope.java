package io.cxmeter.metrics.events;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event as a producer's outbox delivers it. {@code id} is the producer's event id: delivering
 * the same id again is a no-op. The payload stays a JSON tree until its type is known, and is then
 * read straight into that type's record.
 */
public record EventEnvelope(
        @NotBlank @Size(max = 200) String id,
        @NotBlank @Size(max = 100) String type,
        @NotNull OffsetDateTime occurredAt,
        @Schema(type = SchemaType.OBJECT, description = "The event's data; its shape depends on type") JsonNode payload) {

    /** The payload, an empty object when there is none. */
    public JsonNode payloadOrEmpty() {
        return payload == null || payload.isNull() ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                : payload;
    }
}
