package io.cxmeter.ticket.tickets;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.cxmeter.events.Channel;
import io.cxmeter.events.EventType;
import io.cxmeter.events.Priority;
import io.cxmeter.events.TicketStatus;
import io.cxmeter.imports.TenantIds;

/** The request bodies of the live ticket API. */
public final class TicketRequests {

    private TicketRequests() {
    }

    /** A new conversation; {@code createdAt} defaults to now, {@code priority} to normal. */
    @Schema(name = "NewTicket", example = "{\"id\":\"T-1001\",\"channel\":\"chat\",\"subject\":\"Router down\","
            + "\"customerId\":\"C-17\",\"priority\":\"high\",\"team\":\"tier-1\",\"tags\":[\"router\"]}")
    public record NewTicket(
            @NotBlank @Pattern(regexp = TenantIds.REGEX, message = TenantIds.RULE) String id,
            @NotNull Channel channel,
            @Size(max = 1000) String subject,
            Priority priority,
            @Pattern(regexp = TenantIds.REGEX, message = TenantIds.RULE) String team,
            @Pattern(regexp = TenantIds.REGEX, message = TenantIds.RULE) String customerId,
            @Size(max = 50) List<@NotBlank @Size(max = 100) @Pattern(regexp = "[^\\p{Cc}]+", message = "must not contain control characters") String> tags,
            OffsetDateTime createdAt) {
    }

    /** Any event of docs/api.md; {@code at} defaults to now. Status events go through the status machine. */
    @Schema(name = "TicketEventRequest", example = "{\"type\":\"agent_reply\",\"agentId\":\"A-3\"}")
    public record NewEvent(@NotNull EventType type, OffsetDateTime at, @Pattern(regexp = TenantIds.REGEX, message = TenantIds.RULE) String agentId,
            TicketStatus status, @Min(0) Integer talkSeconds, @Min(0) Integer holdSeconds, @Min(0) Integer wrapUpSeconds) {
    }

    @Schema(name = "StatusChange", example = "{\"status\":\"resolved\"}")
    public record StatusChange(@NotNull TicketStatus status, OffsetDateTime at) {
    }

    @Schema(name = "AgentAction", example = "{\"agentId\":\"A-3\"}")
    public record AgentAction(@NotBlank @Pattern(regexp = TenantIds.REGEX, message = TenantIds.RULE) String agentId, OffsetDateTime at) {
    }
}
