package io.cxmeter.survey.widget;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.imports.Fields;
import io.cxmeter.problem.ProblemException;
import io.cxmeter.survey.Secrets;
import io.cxmeter.survey.delivery.Fatigue;
import io.cxmeter.survey.invitations.InvitationConfig;
import io.cxmeter.survey.invitations.InvitationService;
import io.cxmeter.survey.responses.ResponseDraft;
import io.cxmeter.survey.responses.ResponseRules;
import io.cxmeter.survey.responses.ResponseStore;
import io.cxmeter.survey.surveys.SurveyView;
import io.cxmeter.survey.texts.BuiltInTexts;
import io.cxmeter.survey.texts.Locales;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The widget's side of a survey, found by its public key. Every call first checks the page's Origin
 * against the survey's allowed origins (403, nothing stored), then that the survey takes answers (409).
 * An answer made through the widget has the id {@code w-<random>}: that id, known only to the
 * visitor's page, lets it add the follow-up comment within 24 hours.
 */
@ApplicationScoped
public class WidgetService {

    static final Duration COMMENT_WINDOW = Duration.ofHours(24);
    static final String TOUCHPOINT = "widget";

    @Inject
    Pool pool;

    @Inject
    ResponseStore responses;

    @Inject
    Fatigue fatigue;

    @Inject
    InvitationService invitations;

    @Inject
    InvitationConfig invitationConfig;

    /** What happens to the caller's CORS: the origin to allow once the survey has accepted it. */
    public interface Cors {
        void allow(String origin);
    }

    public Uni<WidgetConfig> config(String publicKey, String origin, Cors cors, String wanted, String visitorId,
            String customerId) {
        // The console (served from cxmeter's own origin) previews any survey; reading the texts records nothing.
        String page = origin != null && origin.equals(ownOrigin()) ? null : origin;
        return pool.withConnection(connection -> visible(connection, publicKey, page, cors).flatMap(survey ->
                lastAnswer(connection, survey, subjects(visitorId, customerId)).flatMap(last -> {
                    boolean ask = last == null || survey.minDaysBetweenAsks() == 0
                            || last.plus(Duration.ofDays(survey.minDaysBetweenAsks())).isBefore(Instant.now());
                    // An identified visitor draws on the customer's fatigue budget, like every other way of asking.
                    Uni<Boolean> budget = !ask || identified(customerId) == null ? Uni.createFrom().item(ask)
                            : fatigue.check(connection, survey.tenantId(), customerId, survey.facts().id(),
                                    Fatigue.Channel.WIDGET, Instant.now()).map(Fatigue.Decision::allowed);
                    return budget.map(allowed -> config(publicKey, survey, wanted, allowed));
                })));
    }

    /** Stores a score (and comment, if given); 429 if this visitor or customer answered too recently. */
    public Uni<WidgetReceipt> answer(String publicKey, String origin, Cors cors, WidgetAnswer answer, Throttled throttled) {
        return pool.withTransaction(connection -> visible(connection, publicKey, origin, cors).flatMap(survey -> {
            Instant now = Instant.now();
            List<String> problems = new ArrayList<>();
            ResponseDraft draft = ResponseRules.check(new ResponseDraft("w-" + Secrets.random(16), answer.score(), blankToNull(answer.comment()),
                    answer.customerId(), null, null, null, null, answer.locale(), now, null), survey.facts(), now, problems);
            Fields.rejectIfAny(problems);
            List<String> subjects = subjects(answer.visitorId(), answer.customerId());
            return lastAnswer(connection, survey, subjects).flatMap(last -> {
                if (last != null && survey.minDaysBetweenAsks() > 0) {
                    Instant next = last.plus(Duration.ofDays(survey.minDaysBetweenAsks()));
                    if (next.isAfter(now)) {
                        throttled.retryAfter(Duration.between(now, next));
                        throw new ProblemException(429, "This visitor answered the survey on " + last
                                + "; it asks again after " + survey.minDaysBetweenAsks() + " days.");
                    }
                }
                return remember(connection, survey, subjects, now)
                        .flatMap(done -> responses.upsert(connection, survey.tenantId(), survey.zone(), survey.facts(),
                                List.of(draft)))
                        .flatMap(done -> answered(connection, survey, answer.impressionId(), now))
                        .map(done -> new WidgetReceipt(draft.id(), draft.score()));
            });
        }));
    }

    /**
     * Records that the widget was shown: an ask on the widget touchpoint for the response rate, and
     * for an identified customer an ask drawn on their fatigue budget.
     */
    public Uni<WidgetImpression.Receipt> impression(String publicKey, String origin, Cors cors, WidgetImpression impression) {
        return pool.withTransaction(connection -> visible(connection, publicKey, origin, cors).flatMap(survey -> {
            UUID id = UUID.randomUUID();
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            String customer = identified(impression.customerId());
            String locale = impression.locale() == null || !Locales.TAG.matcher(impression.locale()).matches() ? null
                    : impression.locale();
            return connection.preparedQuery("""
                    INSERT INTO widget_impression (id, tenant_id, survey_id, customer_id, locale, shown_at)
                    VALUES ($1, $2, $3, $4, $5, $6)""")
                    .execute(Tuple.tuple(java.util.Arrays.asList(id, survey.tenantId(), survey.facts().id(), customer, locale, now)))
                    .flatMap(done -> customer == null ? Uni.createFrom().voidItem()
                            : Fatigue.record(connection, survey.tenantId(), customer, survey.facts().id(), Fatigue.Channel.WIDGET,
                                    Fatigue.Decision.ALLOWED, now.toInstant()))
                    .flatMap(done -> invitations.announce(connection, survey.tenantId(), survey.zone(), id, survey.facts().id(),
                            now, null, TOUCHPOINT, null, locale, false))
                    .map(done -> new WidgetImpression.Receipt(id.toString()));
        }));
    }

    /** The impression an answer was given in is answered (once). */
    private Uni<Void> answered(SqlConnection connection, PublicSurvey survey, UUID impressionId, Instant now) {
        if (impressionId == null) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("""
                UPDATE widget_impression SET answered_at = $3 WHERE id = $1 AND survey_id = $2 AND answered_at IS NULL
                RETURNING shown_at, locale""")
                .execute(Tuple.of(impressionId, survey.facts().id(), OffsetDateTime.ofInstant(now, ZoneOffset.UTC)))
                .flatMap(rows -> rows.size() == 0 ? Uni.createFrom().voidItem()
                        : invitations.announce(connection, survey.tenantId(), survey.zone(), impressionId, survey.facts().id(),
                                rows.iterator().next().getOffsetDateTime("shown_at"), null, TOUCHPOINT, null,
                                rows.iterator().next().getString("locale"), true));
    }

    /** Where the Retry-After of a throttled answer goes. */
    public interface Throttled {
        void retryAfter(Duration wait);
    }

    /** Adds (or replaces) the follow-up comment of an answer given through the widget within the last 24 hours. */
    public Uni<WidgetReceipt> comment(String publicKey, String origin, Cors cors, String id, WidgetComment body) {
        String comment = body == null ? null : blankToNull(body.comment());
        if (comment != null && comment.length() > ResponseRules.MAX_COMMENT) {
            throw ProblemException.unprocessable("comment has " + comment.length() + " characters; at most "
                    + ResponseRules.MAX_COMMENT);
        }
        return pool.withTransaction(connection -> visible(connection, publicKey, origin, cors).flatMap(survey -> {
            if (id == null || !id.startsWith("w-")) {
                throw ProblemException.notFound("No widget answer '" + id + "' in this survey");
            }
            return responses.find(connection, survey.tenantId(), survey.facts().id(), id).flatMap(existing -> {
                if (existing == null) {
                    throw ProblemException.notFound("No widget answer '" + id + "' in this survey");
                }
                if (existing.submittedAt().plus(COMMENT_WINDOW).isBefore(Instant.now())) {
                    throw new ProblemException(410, "Comments can be added within 24 hours of the answer.");
                }
                ResponseDraft updated = existing.withComment(comment);
                return responses.upsert(connection, survey.tenantId(), survey.zone(), survey.facts(), List.of(updated))
                        .map(done -> new WidgetReceipt(updated.id(), updated.score()));
            });
        }));
    }

    /** Answers a CORS preflight: the survey must exist and the origin be allowed. */
    public Uni<Void> preflight(String publicKey, String origin, Cors cors) {
        return pool.withConnection(connection -> survey(connection, publicKey, origin, cors)).replaceWithVoid();
    }

    /** The survey of the key, after the origin check, if it takes answers. */
    private Uni<PublicSurvey> visible(SqlConnection connection, String publicKey, String origin, Cors cors) {
        return survey(connection, publicKey, origin, cors).map(survey -> {
            if (!survey.facts().acceptsResponses()) {
                throw ProblemException.conflict("The survey is " + survey.facts().status().toLowerCase()
                        + "; it accepts no responses");
            }
            return survey;
        });
    }

    private Uni<PublicSurvey> survey(SqlConnection connection, String publicKey, String origin, Cors cors) {
        return connection.preparedQuery("SELECT " + PublicSurvey.COLUMNS + " FROM survey WHERE public_key = $1")
                .execute(Tuple.of(publicKey))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("No survey has the public key '" + publicKey
                                + "' (it may have been rotated).");
                    }
                    PublicSurvey survey = PublicSurvey.of(rows.iterator().next());
                    if (!survey.allows(origin)) {
                        throw ProblemException.forbidden("Pages of " + origin + " may not use this survey: add the origin"
                                + " to the survey's allowedOrigins.");
                    }
                    if (origin != null) {
                        cors.allow(origin);
                    }
                    return survey;
                });
    }

    /**
     * The widget in the language closest to the visitor's: the tenant's question if it has one (exact
     * tag, language, then the survey's default locale), else the built-in one; every other word in
     * the language of the question shown.
     */
    public static WidgetConfig config(String publicKey, PublicSurvey survey, String wanted, boolean ask) {
        String kind = survey.facts().kind();
        String locale;
        String question;
        if (survey.questions() != null) {
            locale = Locales.choose(survey.questions(), wanted, survey.defaultLocale());
            question = survey.questions().get(locale);
        } else {
            BuiltInTexts.Words builtIn = BuiltInTexts.forLocale(wanted, survey.defaultLocale());
            locale = builtIn.language();
            question = builtIn.question(kind);
        }
        BuiltInTexts.Words words = BuiltInTexts.forLocale(locale);
        String followUp = null;
        if (survey.askComment()) {
            followUp = survey.followUpQuestion() == null ? words.get("followUpQuestion")
                    : survey.followUpQuestion().get(Locales.choose(survey.followUpQuestion(), wanted, survey.defaultLocale()));
        }
        return new WidgetConfig(publicKey, kind, new SurveyView.Scale(survey.facts().scaleMin(), survey.facts().scaleMax()),
                locale, question, words.low(kind), words.high(kind), followUp,
                new WidgetConfig.Words(words.get("send"), words.get("skip"), words.get("close"), words.get("thanks"),
                        words.get("failed")), survey.minDaysBetweenAsks(), ask);
    }

    private static Uni<Instant> lastAnswer(SqlConnection connection, PublicSurvey survey, List<String> subjects) {
        if (subjects.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return connection.preparedQuery("SELECT max(answered_at) AS last FROM widget_answer"
                + " WHERE survey_id = $1 AND subject = ANY($2)")
                .execute(Tuple.of(survey.facts().id(), subjects.toArray(String[]::new)))
                .map(rows -> {
                    OffsetDateTime last = rows.iterator().next().getOffsetDateTime("last");
                    return last == null ? null : last.toInstant();
                });
    }

    private static Uni<Void> remember(SqlConnection connection, PublicSurvey survey, List<String> subjects, Instant now) {
        if (subjects.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("""
                INSERT INTO widget_answer (tenant_id, survey_id, subject, answered_at)
                SELECT $1, $2, s, $4 FROM unnest($3::text[]) s
                ON CONFLICT (survey_id, subject) DO UPDATE SET answered_at = EXCLUDED.answered_at""")
                .execute(Tuple.of(survey.tenantId(), survey.facts().id(), subjects.toArray(String[]::new),
                        now.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    private static List<String> subjects(String visitorId, String customerId) {
        List<String> subjects = new ArrayList<>(2);
        if (visitorId != null && !visitorId.isBlank() && visitorId.length() <= 100) {
            subjects.add("v:" + visitorId);
        }
        if (customerId != null && !customerId.isBlank() && customerId.length() <= 100) {
            subjects.add("c:" + customerId);
        }
        return subjects;
    }

    /** cxmeter's own origin (where the console is served), from its public address. */
    private String ownOrigin() {
        java.net.URI url = invitationConfig.publicUrl();
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    /** The customer a page names, if it is a usable id. */
    private static String identified(String customerId) {
        return customerId != null && !customerId.isBlank() && customerId.length() <= 100 ? customerId : null;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
