package io.cxmeter.ticket.agents;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.cxmeter.imports.TenantIds;
import io.cxmeter.problem.OptionalText;

/** Changes to an agent; absent fields stay as they are. An inactive agent keeps its history. */
@Schema(name = "AgentChanges", example = "{\"name\":\"Rūta Kazlauskienė\",\"team\":\"tier-2\",\"active\":false}")
public record AgentChanges(
        @Size(max = 200) @Pattern(regexp = OptionalText.NOT_BLANK, message = OptionalText.NOT_BLANK_RULE) String name,
        @Pattern(regexp = "(" + TenantIds.REGEX + ")?", message = TenantIds.RULE) String team,
        Boolean active) {
}
