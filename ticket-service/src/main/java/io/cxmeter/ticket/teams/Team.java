package io.cxmeter.ticket.teams;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A team of one tenant, named by the tenant's own id (the value tickets and agents carry in {@code team}). */
@Entity
@Table(name = "team")
public class Team {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "team_id", nullable = false, updatable = false)
    public String teamId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
