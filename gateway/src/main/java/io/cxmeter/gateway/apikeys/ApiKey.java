package io.cxmeter.gateway.apikeys;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "api_key")
public class ApiKey {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false, unique = true)
    public String prefix;

    @Column(name = "secret_hash", nullable = false)
    public String secretHash;

    /** Comma-separated: read, write, admin. */
    @Column(nullable = false)
    public String scopes;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    /** Updated at most once a minute per key, so authentication stays a read. */
    @Column(name = "last_used_at")
    public OffsetDateTime lastUsedAt;

    public Set<String> scopeSet() {
        return scopeSet(scopes);
    }

    /** The scopes as the column stores them (comma-separated). */
    static Set<String> scopeSet(String scopes) {
        return Arrays.stream(scopes.split(",")).filter(s -> !s.isBlank()).collect(Collectors.toUnmodifiableSet());
    }

    void scopeSet(Set<String> granted) {
        scopes = granted.stream().sorted().collect(Collectors.joining(","));
    }
}
