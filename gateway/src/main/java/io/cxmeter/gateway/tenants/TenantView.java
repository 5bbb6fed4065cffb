package io.cxmeter.gateway.tenants;

import java.time.OffsetDateTime;

public record TenantView(String id, String name, String timeZone, String currency, OffsetDateTime createdAt) {
}
