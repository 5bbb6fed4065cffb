package io.cxmeter.gateway.apikeys;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/** A just-issued key: the only time {@code key} is ever shown. */
public record NewApiKey(UUID id, String name, String prefix, Set<String> scopes, OffsetDateTime createdAt, String key) {
}
