package io.cxmeter.ticket.teams;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.cxmeter.imports.TenantIds;
import io.cxmeter.problem.OptionalText;

public final class TeamRequests {

    private TeamRequests() {
    }

    @Schema(name = "NewTeam", example = "{\"id\":\"tier-1\",\"name\":\"First line\"}")
    public record NewTeam(
            @NotBlank @Pattern(regexp = TenantIds.REGEX, message = TenantIds.RULE) String id,
            @NotBlank @Size(max = 200) String name) {
    }

    /** Absent fields stay as they are. */
    @Schema(name = "TeamChanges", example = "{\"active\":false}")
    public record TeamChanges(
            @Size(max = 200) @Pattern(regexp = OptionalText.NOT_BLANK, message = OptionalText.NOT_BLANK_RULE) String name,
            Boolean active) {
    }
}
