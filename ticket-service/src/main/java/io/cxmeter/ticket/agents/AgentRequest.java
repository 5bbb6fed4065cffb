package io.cxmeter.ticket.agents;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.cxmeter.imports.TenantIds;

/** A new agent. {@code active} defaults to true. */
@Schema(name = "AgentRequest", example = "{\"id\":\"A-3\",\"name\":\"Rūta K.\",\"team\":\"tier-1\",\"active\":true}")
public record AgentRequest(
        @NotBlank @Pattern(regexp = TenantIds.REGEX, message = TenantIds.RULE)
        String id,
        @NotBlank @Size(max = 200) String name,
        @Pattern(regexp = TenantIds.REGEX, message = TenantIds.RULE) String team,
        Boolean active) {
}
