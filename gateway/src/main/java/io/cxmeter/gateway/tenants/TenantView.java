package io.cxmeter.gateway.tenants;

import java.time.OffsetDateTime;

public record TenantView(String id, String name, String timeZone, String currency, OffsetDateTime createdAt) {

    static TenantView of(Tenant tenant) {
        return new TenantView(tenant.id, tenant.name, tenant.timeZone, tenant.currency, tenant.createdAt);
    }
}
