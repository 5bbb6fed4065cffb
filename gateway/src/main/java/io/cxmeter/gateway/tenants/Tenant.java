package io.cxmeter.gateway.tenants;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.cxmeter.gateway.identity.TenantRef;

@Entity
@Table(name = "tenant")
public class Tenant {

    /** Chosen at registration; the value the tenant's OIDC tokens carry in the tenant claim. */
    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    /** IANA zone in which calendar buckets of metrics are cut. */
    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    /** ISO 4217 code of purchase amounts. */
    public String currency;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public TenantRef ref() {
        return new TenantRef(id, timeZone, currency);
    }
}
