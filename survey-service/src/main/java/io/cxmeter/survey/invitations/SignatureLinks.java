package io.cxmeter.survey.invitations;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.cxmeter.problem.ProblemException;
import io.cxmeter.survey.Secrets;
import io.cxmeter.survey.responses.ResponseDraft;
import io.cxmeter.survey.responses.ResponseRules;
import io.cxmeter.survey.responses.ResponseStore;
import io.cxmeter.survey.responses.SurveyFacts;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * An agent's e-mail signature link for a survey: one stable link per agent and survey, the same in
 * every e-mail the agent sends, naming no recipient. Its token starts with {@code s.} (never part of
 * an invitation token). An answer is attributed to the agent; the browser keeps the answer's id in
 * a cookie for a day, and another click from it within that day changes the first answer instead of
 * adding one. The gateway rate-limits the link per client address.
 */
@ApplicationScoped
public class SignatureLinks {

    static final String PREFIX = "s.";
    static final Duration SAME_ANSWER = Duration.ofHours(24);
    static final String TOUCHPOINT = "email-signature";

    @Inject
    Pool pool;

    @Inject
    ResponseStore responses;

    /** Whether {@code token} is a signature link's. */
    static boolean owns(String token) {
        return token != null && token.startsWith(PREFIX);
    }

    /**
     * An agent's signature link: one link per score (a click answers with that score, attributed to
     * the agent) and a ready HTML snippet with them as buttons, for the signature.
     */
    @Schema(name = "SignatureLink")
    public record View(UUID surveyId, String agentId, Instant createdAt, List<InvitationView.Link> links, String html) {
    }

    /** The agent's link for the survey (made on first request, the same ever after). */
    public Uni<View> link(String tenantId, String zone, UUID surveyId, String agentId, URI base) {
        return pool.withTransaction(connection -> responses.survey(connection, tenantId, surveyId).flatMap(survey -> {
            if (survey == null) {
                throw ProblemException.notFound("No survey " + surveyId);
            }
            return connection.preparedQuery("""
                    INSERT INTO signature_link (token, tenant_id, survey_id, agent_id, zone, created_at)
                    VALUES ($1, $2, $3, $4, $5, $6)
                    ON CONFLICT (tenant_id, survey_id, agent_id) DO UPDATE SET agent_id = EXCLUDED.agent_id
                    RETURNING token, created_at""")
                    .execute(Tuple.of(PREFIX + Secrets.random(24), tenantId, surveyId, agentId, zone,
                            OffsetDateTime.now(ZoneOffset.UTC)))
                    .map(rows -> {
                        Row row = rows.iterator().next();
                        InvitationView links = InvitationService.view(null, surveyId, row.getOffsetDateTime("created_at")
                                .toInstant(), survey, base.resolve("r/" + row.getString("token") + "/"), null);
                        return new View(surveyId, agentId, links.createdAt(), links.links(), links.html());
                    });
        }));
    }

    /** A click's outcome and the answer's id, which the browser keeps for a day. */
    public record Rated(InvitationService.Outcome outcome, String responseKey) {
    }

    public Uni<InvitationService.Outcome> preview(String token, String scoreText, String lang) {
        return withLink(token, lang, (connection, link) -> {
            Double score = InvitationService.parse(scoreText);
            InvitationService.Outcome page = ResponseRules.scoreProblem(score, link.survey()) != null ? offScale(link, scoreText)
                    : new InvitationService.Outcome(200, RatingPage.confirm(link.texts(), link.lang(), ResponseRules.format(score)));
            return Uni.createFrom().item(new Rated(page, null));
        }).map(Rated::outcome);
    }

    /** Records a click; {@code previousKey} (the browser's cookie) names the answer a click within a day changes. */
    public Uni<Rated> rate(String token, String scoreText, String previousKey, String lang, String commentAction) {
        return withLink(token, lang, (connection, link) -> previous(connection, link, previousKey).flatMap(previous -> {
            Instant now = Instant.now();
            String key = previous == null ? "sig-" + Secrets.random(16) : previous.id();
            List<String> problems = new ArrayList<>();
            ResponseDraft draft = ResponseRules.check(new ResponseDraft(key, InvitationService.parse(scoreText),
                    previous == null ? null : previous.comment(), null, null, link.agentId(), "email", TOUCHPOINT, link.lang(),
                    previous == null ? now : previous.submittedAt(), null), link.survey(), now, problems);
            if (draft == null) {
                return Uni.createFrom().item(new Rated(offScale(link, scoreText), null));
            }
            return responses.upsert(connection, link.tenantId(), link.zone(), link.survey(), List.of(draft))
                    .map(done -> new Rated(new InvitationService.Outcome(200, RatingPage.thanks(link.texts(), link.lang(),
                            commentAction, draft.comment(), false)), key));
        }));
    }

    /** Adds the comment to the answer the browser gave within the last day. */
    public Uni<InvitationService.Outcome> comment(String token, String comment, String previousKey, String lang,
            String commentAction) {
        return withLink(token, lang, (connection, link) -> {
            if (comment != null && comment.length() > ResponseRules.MAX_COMMENT) {
                return Uni.createFrom().item(new Rated(new InvitationService.Outcome(422, RatingPage.message(link.lang(),
                        "At most " + ResponseRules.MAX_COMMENT + " characters, please.")), null));
            }
            return previous(connection, link, previousKey).flatMap(previous -> {
                if (previous == null) {
                    return Uni.createFrom().item(new Rated(new InvitationService.Outcome(409,
                            RatingPage.message(link.lang(), link.texts().addComment())), null));
                }
                ResponseDraft updated = previous.withComment(comment);
                return responses.upsert(connection, link.tenantId(), link.zone(), link.survey(), List.of(updated))
                        .map(done -> new Rated(new InvitationService.Outcome(200, RatingPage.thanks(link.texts(), link.lang(),
                                commentAction, updated.comment(), true)), previous.id()));
            });
        }).map(Rated::outcome);
    }

    private record Link(Row row, SurveyFacts survey, RatingTexts texts, String lang) {

        String tenantId() {
            return row.getString("tenant_id");
        }

        String zone() {
            return row.getString("zone");
        }

        String agentId() {
            return row.getString("agent_id");
        }
    }

    /** The answer this browser gave through this link within the last day, if any. */
    private Uni<ResponseDraft> previous(SqlConnection connection, Link link, String key) {
        if (key == null || !key.startsWith("sig-") || key.length() > 40) {
            return Uni.createFrom().nullItem();
        }
        return responses.find(connection, link.tenantId(), link.survey().id(), key).map(found -> found != null
                && link.agentId().equals(found.agentId()) && TOUCHPOINT.equals(found.touchpoint())
                && found.submittedAt().plus(SAME_ANSWER).isAfter(Instant.now()) ? found : null);
    }

    private static InvitationService.Outcome offScale(Link link, String scoreText) {
        return new InvitationService.Outcome(422, RatingPage.message(link.lang(), "The score " + scoreText
                + " is not on this survey's scale " + link.survey().scaleMin() + "–" + link.survey().scaleMax() + "."));
    }

    private Uni<Rated> withLink(String token, String lang, java.util.function.BiFunction<SqlConnection, Link, Uni<Rated>> step) {
        return pool.withTransaction(connection -> connection.preparedQuery("SELECT * FROM signature_link WHERE token = $1")
                .execute(Tuple.of(token)).flatMap(rows -> {
                    String language = io.cxmeter.survey.texts.BuiltInTexts.forLocale(lang).language();
                    RatingTexts texts = RatingTexts.forLocale(language);
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(new Rated(new InvitationService.Outcome(404,
                                RatingPage.message("en", "This rating link is not known.")), null));
                    }
                    Row row = rows.iterator().next();
                    return responses.survey(connection, row.getString("tenant_id"), row.getUUID("survey_id"))
                            .flatMap(survey -> survey == null || !survey.acceptsResponses()
                                    ? Uni.createFrom().item(new Rated(new InvitationService.Outcome(409,
                                            RatingPage.message(language, texts.paused())), null))
                                    : step.apply(connection, new Link(row, survey, texts, language)));
                }));
    }
}
