package io.cxmeter.survey.surveys;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/** A survey as stored (table {@code survey}); {@link SurveyRepository} reads and writes it. */
public class Survey {

    public UUID id;

    public String tenantId;

    public String name;

    public SurveyKind kind;

    public int scaleMin;

    public int scaleMax;

    public Integer positiveFrom;

    /** Whether a negative response opens a follow-up ticket. */
    public boolean followUp;

    public SurveyStatus status;

    /** Not secret: it identifies the survey to the widget and rating links, and can be rotated. */
    public String publicKey;

    /** The question per locale; null: the built-in question of the kind. */
    public Map<String, String> questions;

    /** The locale whose texts a visitor gets when none matches theirs. */
    public String defaultLocale;

    /** Whether the widget asks the follow-up (free-text) question after the score. */
    public boolean askComment;

    /** The follow-up question per locale; null: the built-in one. */
    public Map<String, String> followUpQuestion;

    /** Labels given to answers that do not name their own. */
    public String touchpoint;

    public String channel;

    /** The sites (scheme://host[:port]) whose pages may show the widget. */
    public List<String> allowedOrigins;

    /** A visitor or customer who answered through the widget is not asked again for this many days. */
    public int minDaysBetweenAsks;

    /** The tenant's time zone when the survey was last written: for answers that come without a tenant token. */
    public String zone;

    public OffsetDateTime createdAt;

    public OffsetDateTime updatedAt;

    public SurveyScale scale() {
        return new SurveyScale(scaleMin, scaleMax, positiveFrom);
    }

    static Survey of(Row row) {
        Survey survey = new Survey();
        survey.id = row.getUUID("id");
        survey.tenantId = row.getString("tenant_id");
        survey.name = row.getString("name");
        survey.kind = SurveyKind.valueOf(row.getString("kind"));
        survey.scaleMin = row.getInteger("scale_min");
        survey.scaleMax = row.getInteger("scale_max");
        survey.positiveFrom = row.getInteger("positive_from");
        survey.followUp = row.getBoolean("follow_up");
        survey.status = SurveyStatus.valueOf(row.getString("status"));
        survey.publicKey = row.getString("public_key");
        survey.questions = texts(row.getValue("questions"));
        survey.defaultLocale = row.getString("default_locale");
        survey.askComment = row.getBoolean("ask_comment");
        survey.followUpQuestion = texts(row.getValue("follow_up_question"));
        survey.touchpoint = row.getString("touchpoint");
        survey.channel = row.getString("channel");
        survey.allowedOrigins = origins(row.getString("allowed_origins"));
        survey.minDaysBetweenAsks = row.getInteger("min_days_between_asks");
        survey.zone = row.getString("zone");
        survey.createdAt = row.getOffsetDateTime("created_at");
        survey.updatedAt = row.getOffsetDateTime("updated_at");
        return survey;
    }

    /** Texts per locale as a JSON column holds them; null: the built-in texts. */
    public static Map<String, String> texts(Object json) {
        if (!(json instanceof JsonObject object)) {
            return null;
        }
        Map<String, String> texts = new LinkedHashMap<>();
        object.forEach(entry -> texts.put(entry.getKey(), String.valueOf(entry.getValue())));
        return texts;
    }

    static JsonObject json(Map<String, String> texts) {
        return texts == null ? null : new JsonObject(new LinkedHashMap<>(texts));
    }

    /** The origins a column holds: they hold no spaces, so the column keeps them space-separated. */
    public static List<String> origins(String column) {
        return column == null || column.isBlank() ? List.of() : List.of(column.split(" "));
    }

    static String originsColumn(List<String> origins) {
        return origins == null ? "" : String.join(" ", origins);
    }
}
