package io.cxmeter.gateway.identity;

/** The tenant a caller acts for, with the settings every service needs. */
public record TenantRef(String id, String timeZone, String currency) {
}
