package io.cxmeter.survey.invitations;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.cxmeter.imports.TenantIds;

/** Whom and what an e-mail invitation is about; all optional. */
public record InvitationRequest(
        @Pattern(regexp = TenantIds.REGEX, message = TenantIds.RULE) String customerId,
        @Pattern(regexp = TenantIds.REGEX, message = TenantIds.RULE) String ticketId,
        @Pattern(regexp = TenantIds.REGEX, message = TenantIds.RULE) String agentId,
        @Size(max = 100) String channel,
        @Pattern(regexp = "[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", message = "must be a language tag like lt or lt-LT") String locale) {
}
