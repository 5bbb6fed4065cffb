package io.cxmeter.gateway.tenants;

import io.cxmeter.gateway.apikeys.NewApiKey;

/** A new tenant with its first admin API key, shown this once. */
public record RegisteredTenant(TenantView tenant, NewApiKey adminKey) {
}
