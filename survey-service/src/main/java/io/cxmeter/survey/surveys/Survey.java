package io.cxmeter.survey.surveys;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

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

    /** The question per locale; null: the built-in question of the kind. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "questions")
    public Map<String, String> questions;

    /** The locale whose texts a visitor gets when none matches theirs. */
    @Column(name = "default_locale", nullable = false)
    public String defaultLocale;

    /** Whether the widget asks the follow-up (free-text) question after the score. */
    @Column(name = "ask_comment", nullable = false)
    public boolean askComment;

    /** The follow-up question per locale; null: the built-in one. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "follow_up_question")
    public Map<String, String> followUpQuestion;

    /** Labels given to answers that do not name their own. */
    public String touchpoint;

    public String channel;

    /** The sites (scheme://host[:port]) whose pages may show the widget. */
    @Convert(converter = Origins.class)
    @Column(name = "allowed_origins", nullable = false)
    public List<String> allowedOrigins;

    /** A visitor or customer who answered through the widget is not asked again for this many days. */
    @Column(name = "min_days_between_asks", nullable = false)
    public int minDaysBetweenAsks;

    /** The tenant's time zone when the survey was last written: for answers that come without a tenant token. */
    @Column(nullable = false)
    public String zone;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public SurveyScale scale() {
        return new SurveyScale(scaleMin, scaleMax, positiveFrom);
    }

    /** Origins hold no spaces: the column keeps them space-separated. */
    public static class Origins implements AttributeConverter<List<String>, String> {

        /** The origins a column holds. */
        public static List<String> parse(String column) {
            return column == null || column.isBlank() ? List.of() : List.of(column.split(" "));
        }

        @Override
        public String convertToDatabaseColumn(List<String> origins) {
            return origins == null ? "" : String.join(" ", origins);
        }

        @Override
        public List<String> convertToEntityAttribute(String column) {
            return parse(column);
        }
    }
}
