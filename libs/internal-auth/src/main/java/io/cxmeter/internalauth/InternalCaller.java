package io.cxmeter.internalauth;

import java.util.Objects;
import java.util.Set;

/**
 * Who a forwarded request acts for: the tenant (never taken from the request itself), the subject
 * (an API key id or the identity provider's user), the roles, and the tenant's settings that every
 * service needs to interpret time and money.
 */
public record InternalCaller(String tenantId, String subject, Set<String> roles, String timeZone, String currency) {

    public static final String ROLE_READ = "read";
    public static final String ROLE_WRITE = "write";
    public static final String ROLE_ADMIN = "admin";

    public InternalCaller {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(subject, "subject");
        roles = Set.copyOf(roles);
        timeZone = timeZone == null ? "UTC" : timeZone;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
