package io.cxmeter.ticket.agents;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new agent. {@code active} defaults to true. */
@Schema(name = "AgentRequest", example = "{\"id\":\"A-3\",\"name\":\"Rūta K.\",\"team\":\"tier-1\",\"active\":true}")
public record AgentRequest(
        @NotBlank @Size(max = 128) @Pattern(regexp = "[\\p{Graph}]+", message = "must not contain spaces or control characters")
        String id,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 128) String team,
        Boolean active) {
}
