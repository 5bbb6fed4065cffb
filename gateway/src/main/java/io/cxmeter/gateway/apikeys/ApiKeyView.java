package io.cxmeter.gateway.apikeys;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/** A key as listings show it: never the secret, only the prefix that identifies it. */
public record ApiKeyView(UUID id, String name, String prefix, Set<String> scopes, OffsetDateTime createdAt,
        OffsetDateTime revokedAt, OffsetDateTime lastUsedAt) {
}
