package io.cxmeter.survey.surveys;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "survey")
public class Survey {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public SurveyKind kind;

    @Column(name = "scale_min", nullable = false, updatable = false)
    public int scaleMin;

    @Column(name = "scale_max", nullable = false, updatable = false)
    public int scaleMax;

    @Column(name = "positive_from")
    public Integer positiveFrom;

    /** Whether a negative response opens a follow-up ticket. */
    @Column(name = "follow_up", nullable = false)
    public boolean followUp;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SurveyStatus status;

    /** Not secret: it identifies the survey to the widget and rating links, and can be rotated. */
    @Column(name = "public_key", nullable = false, unique = true)
    public String publicKey;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public SurveyScale scale() {
        return new SurveyScale(scaleMin, scaleMax, positiveFrom);
    }
}
