package io.cxmeter.ticket.followups;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.cxmeter.imports.TenantIds;

/** The request bodies of the follow-up API. */
public final class FollowUpRequests {

    private FollowUpRequests() {
    }

    /**
     * A change to a follow-up; a field left out stays. {@code ownerAgentId} or {@code ownerTeamId}
     * as an empty string clears it. Moving the status moves the follow-up ticket with it.
     */
    @Schema(name = "FollowUpChanges", example = "{\"status\":\"contacted\",\"ownerAgentId\":\"A-3\"}")
    public record Changes(FollowUpStatus status,
            @Pattern(regexp = "|" + TenantIds.REGEX, message = TenantIds.RULE) String ownerAgentId,
            @Pattern(regexp = "|" + TenantIds.REGEX, message = TenantIds.RULE) String ownerTeamId,
            OffsetDateTime dueAt) {
    }

    @Schema(name = "NewFollowUpNote", example = "{\"text\":\"Called back, replacement router on its way.\"}")
    public record NewNote(@NotBlank @Size(max = 4000) String text) {
    }

    /** The tenant's rule for new follow-ups. */
    @Schema(name = "FollowUpPolicy", example = "{\"dueWithinHours\":24,\"queueTeamId\":\"care\"}")
    public record Policy(@NotNull @Min(1) @Max(24 * 90) Integer dueWithinHours,
            @Pattern(regexp = TenantIds.REGEX, message = TenantIds.RULE) String queueTeamId) {
    }
}
