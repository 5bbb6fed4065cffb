package io.cxmeter.survey.invitations;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.cxmeter.imports.TenantIds;

/**
 * Whom and what an e-mail invitation is about; all optional. With {@code send: true} cxmeter sends
 * it to {@code email} through the tenant's SMTP relay (the fatigue budget and suppression list
 * decide at send time); otherwise the tenant sends the links itself.
 */
public record InvitationRequest(
        @Pattern(regexp = TenantIds.REGEX, message = TenantIds.RULE) String customerId,
        @Pattern(regexp = TenantIds.REGEX, message = TenantIds.RULE) String ticketId,
        @Pattern(regexp = TenantIds.REGEX, message = TenantIds.RULE) String agentId,
        @Size(max = 100) String channel,
        @Pattern(regexp = "[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", message = "must be a language tag like lt or lt-LT") String locale,
        Boolean send,
        @Email @Size(max = 254) String email,
        @Size(max = 100) @Pattern(regexp = "[^\\r\\n]*", message = "must be one line") String name) {

    public boolean sending() {
        return Boolean.TRUE.equals(send);
    }
}
