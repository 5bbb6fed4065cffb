package io.cxmeter.survey.invitations;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.events.InvitationUpserted;
import io.cxmeter.outbox.Outbox;
import io.cxmeter.problem.ProblemException;
import io.cxmeter.survey.Secrets;
import io.cxmeter.survey.delivery.InvitationDelivery;
import io.cxmeter.survey.delivery.MailMessages;
import io.cxmeter.survey.delivery.Suppressions;
import io.cxmeter.survey.responses.ResponseDraft;
import io.cxmeter.survey.responses.ResponseRules;
import io.cxmeter.survey.responses.ResponseStore;
import io.cxmeter.survey.responses.SurveyFacts;
import io.cxmeter.survey.texts.BuiltInTexts;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * E-mail invitations and their one-click rating links. An invitation's response has the id
 * {@code inv-<invitation id>}: clicking another score within 24 hours of the first click changes it,
 * never adds a second one. Invitations go to metrics-service ({@code invitation.upserted}) for the
 * response rate.
 */
@ApplicationScoped
public class InvitationService {

    static final Duration CHANGE_WINDOW = Duration.ofHours(24);

    @Inject
    Pool pool;

    @Inject
    ResponseStore responses;

    @Inject
    Outbox outbox;

    @Inject
    MailMessages messages;

    @Inject
    InvitationDelivery delivery;

    @Inject
    Suppressions suppressions;

    public Uni<InvitationView> create(String tenantId, String zone, UUID surveyId, InvitationRequest request, URI base) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        UUID id = UUID.randomUUID();
        String token = Secrets.random(32);
        return pool.withTransaction(connection -> responses.survey(connection, tenantId, surveyId).flatMap(survey -> {
            if (survey == null) {
                throw ProblemException.notFound("No survey " + surveyId);
            }
            if (!survey.acceptsResponses()) {
                throw ProblemException.conflict("The survey is " + survey.status().toLowerCase() + "; it accepts no responses");
            }
            return delivery.beforeInvitation(connection, tenantId, zone, surveyId, request, now.toInstant())
                    .flatMap(sending -> insert(connection, tenantId, zone, surveyId, id, token, request, now)
                            .flatMap(done -> sending
                                    ? delivery.scheduleSend(connection, tenantId, zone, surveyId, id, request, now.toInstant())
                                    : announce(connection, tenantId, zone, id, surveyId, now, request.channel(),
                                            request.agentId(), request.locale(), false).replaceWith((UUID) null))
                            .map(message -> view(id, surveyId, now.toInstant(), survey, base.resolve("r/" + token + "/"),
                                    message)));
        }));
    }

    /** Stores an invitation with its link token; nothing is announced yet. */
    public Uni<Void> insert(SqlConnection connection, String tenantId, String zone, UUID surveyId, UUID id, String token,
            InvitationRequest request, OffsetDateTime now) {
        return connection.preparedQuery("""
                INSERT INTO invitation (id, tenant_id, survey_id, token, customer_id, ticket_id, agent_id, channel, locale,
                                        zone, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)""")
                .execute(Tuple.tuple(java.util.Arrays.asList(id, tenantId, surveyId, token, request.customerId(),
                        request.ticketId(), request.agentId(), request.channel(), request.locale(), zone, now)))
                .replaceWithVoid();
    }

    /** Tells metrics-service an e-mail invitation went out (at {@code sentAt}): the response rate counts it. */
    public Uni<Void> announce(SqlConnection connection, String tenantId, String zone, UUID id, UUID surveyId,
            OffsetDateTime sentAt, String channel, String agentId, String locale, boolean responded) {
        return announce(connection, tenantId, zone, id, surveyId, sentAt, channel, "email", agentId, locale, responded);
    }

    /** Tells metrics-service about an ask on any touchpoint (an e-mail sent, a widget shown) and whether it was answered. */
    public Uni<Void> announce(SqlConnection connection, String tenantId, String zone, UUID id, UUID surveyId,
            OffsetDateTime sentAt, String channel, String touchpoint, String agentId, String locale, boolean responded) {
        return outbox.add(connection, tenantId, List.of(new InvitationUpserted(id.toString(), surveyId.toString(),
                sentAt.toInstant(), channel, touchpoint, agentId, locale, responded)),
                OffsetDateTime.now(ZoneOffset.UTC), zone);
    }

    /** What a click shows: the status and the page. */
    public record Outcome(int status, String html) {
    }

    /**
     * What opening a rating link shows: the score about to be recorded, recorded by the page's script
     * as soon as a browser runs it (or by its button). Nothing is written: mail scanners fetch every
     * link of a message, and a fetch must not answer for the customer.
     */
    public Uni<Outcome> preview(String token, String scoreText) {
        return withLink(token, (connection, link) -> {
            Double score = parse(scoreText);
            if (ResponseRules.scoreProblem(score, link.survey()) != null) {
                return Uni.createFrom().item(offScale(link, scoreText));
            }
            return Uni.createFrom().item(new Outcome(200, RatingPage.confirm(link.texts(), link.lang(), ResponseRules.format(score))));
        });
    }

    private static Outcome offScale(Link link, String scoreText) {
        return new Outcome(422, RatingPage.message(link.lang(), "The score " + scoreText
                + " is not on this survey's scale " + link.survey().scaleMin() + "–" + link.survey().scaleMax() + "."));
    }

    /** Records the score of a link (or changes it within 24 hours of the first). */
    public Uni<Outcome> rate(String token, String scoreText, String commentAction) {
        return withLink(token, (connection, link) -> {
            Row invitation = link.invitation();
            SurveyFacts survey = link.survey();
            Double score = parse(scoreText);
            List<String> problems = new ArrayList<>();
            Instant first = invitation.getOffsetDateTime("responded_at") == null ? Instant.now()
                    : invitation.getOffsetDateTime("responded_at").toInstant();
            return responses.find(connection, link.tenantId(), survey.id(), link.responseKey()).flatMap(existing -> {
                ResponseDraft draft = ResponseRules.check(new ResponseDraft(link.responseKey(), score, existing == null ? null
                        : existing.comment(), invitation.getString("customer_id"), invitation.getString("ticket_id"),
                        invitation.getString("agent_id"), invitation.getString("channel"), "email",
                        invitation.getString("locale"), first, null), survey, Instant.now(), problems);
                if (draft == null) {
                    return Uni.createFrom().item(offScale(link, scoreText));
                }
                return record(connection, invitation, survey, draft).map(done -> new Outcome(200,
                        RatingPage.thanks(link.texts(), link.lang(), commentAction, draft.comment(), false)));
            });
        });
    }

    /** Adds (or replaces) the comment of the invitation's response. */
    public Uni<Outcome> comment(String token, String comment, String commentAction) {
        return withLink(token, (connection, link) -> {
            if (comment != null && comment.length() > ResponseRules.MAX_COMMENT) {
                return Uni.createFrom().item(new Outcome(422, RatingPage.message(link.lang(), "At most "
                        + ResponseRules.MAX_COMMENT + " characters, please.")));
            }
            return responses.find(connection, link.tenantId(), link.survey().id(), link.responseKey()).flatMap(existing -> {
                if (existing == null) {
                    return Uni.createFrom().item(new Outcome(409, RatingPage.message(link.lang(), link.texts().addComment())));
                }
                ResponseDraft updated = existing.withComment(comment);
                return responses.upsert(connection, link.tenantId(), link.invitation().getString("zone"), link.survey(),
                        List.of(updated)).map(done -> new Outcome(200,
                                RatingPage.thanks(link.texts(), link.lang(), commentAction, updated.comment(), true)));
            });
        });
    }

    /**
     * What the unsubscribe link of an e-mail shows: a page whose button unsubscribes (a plain fetch by
     * a mail scanner changes nothing).
     */
    public Uni<Outcome> unsubscribePage(String token) {
        return pool.withConnection(connection -> invitation(connection, token, false).map(invitation -> {
            if (invitation == null) {
                return new Outcome(404, RatingPage.message("en", "This link is not known."));
            }
            String lang = lang(invitation);
            return new Outcome(200, RatingPage.unsubscribe(BuiltInTexts.forLocale(lang), lang));
        }));
    }

    /**
     * Unsubscribes the address the invitation was mailed to (RFC 8058 one-click, or the page's
     * button): the tenant never mails it again. Repeating it changes nothing.
     */
    public Uni<Outcome> unsubscribe(String token) {
        return pool.withTransaction(connection -> invitation(connection, token, false).flatMap(invitation -> {
            if (invitation == null) {
                return Uni.createFrom().item(new Outcome(404, RatingPage.message("en", "This link is not known.")));
            }
            String lang = lang(invitation);
            String tenantId = invitation.getString("tenant_id");
            return connection.preparedQuery("SELECT DISTINCT recipient FROM mail_message WHERE invitation_id = $1"
                    + " AND recipient IS NOT NULL").execute(Tuple.of(invitation.getUUID("id")))
                    .flatMap(rows -> {
                        List<String> addresses = new ArrayList<>();
                        rows.forEach(row -> addresses.add(row.getString("recipient")));
                        return Multi.createFrom().iterable(addresses).onItem().transformToUniAndConcatenate(address ->
                                suppressions.add(connection, tenantId, address, Suppressions.Reason.UNSUBSCRIBED,
                                        "one-click unsubscribe")).collect().last();
                    })
                    .map(done -> new Outcome(200, RatingPage.message(lang, BuiltInTexts.forLocale(lang).get("unsubscribed"))));
        }));
    }

    private static String lang(Row invitation) {
        return invitation.getString("locale") == null ? "en" : invitation.getString("locale");
    }

    /** A link that may still answer: its invitation (locked), survey, page texts and response id. */
    private record Link(Row invitation, SurveyFacts survey, RatingTexts texts, String lang) {

        String tenantId() {
            return invitation.getString("tenant_id");
        }

        String responseKey() {
            return "inv-" + invitation.getUUID("id");
        }
    }

    /**
     * Runs {@code step} in a transaction for the link of {@code token}, or answers why it cannot: an
     * unknown token (404), more than 24 hours after the first click (410), a survey not taking answers (409).
     */
    private Uni<Outcome> withLink(String token, java.util.function.BiFunction<SqlConnection, Link, Uni<Outcome>> step) {
        return pool.withTransaction(connection -> invitation(connection, token).flatMap(invitation -> {
            if (invitation == null) {
                return Uni.createFrom().item(new Outcome(404, RatingPage.message("en", "This rating link is not known.")));
            }
            RatingTexts texts = RatingTexts.forLocale(invitation.getString("locale"));
            String lang = invitation.getString("locale") == null ? "en" : invitation.getString("locale");
            OffsetDateTime responded = invitation.getOffsetDateTime("responded_at");
            if (responded != null && responded.toInstant().plus(CHANGE_WINDOW).isBefore(Instant.now())) {
                return Uni.createFrom().item(new Outcome(410, RatingPage.message(lang, texts.expired())));
            }
            return responses.survey(connection, invitation.getString("tenant_id"), invitation.getUUID("survey_id"))
                    .flatMap(survey -> survey == null || !survey.acceptsResponses()
                            ? Uni.createFrom().item(new Outcome(409, RatingPage.message(lang, texts.paused())))
                            : step.apply(connection, new Link(invitation, survey, texts, lang)));
        }));
    }

    private Uni<Void> record(SqlConnection connection, Row invitation, SurveyFacts survey, ResponseDraft draft) {
        String tenantId = invitation.getString("tenant_id");
        String zone = invitation.getString("zone");
        Uni<Void> stored = responses.upsert(connection, tenantId, zone, survey, List.of(draft)).replaceWithVoid();
        if (invitation.getOffsetDateTime("responded_at") != null) {
            return stored;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UUID id = invitation.getUUID("id");
        return stored
                .flatMap(done -> connection.preparedQuery("UPDATE invitation SET responded_at = $2 WHERE id = $1")
                        .execute(Tuple.of(id, now)))
                .flatMap(done -> messages.answered(connection, id, now))
                .flatMap(done -> announce(connection, tenantId, zone, id, survey.id(), invitation.getOffsetDateTime("created_at"),
                        invitation.getString("channel"), invitation.getString("agent_id"), invitation.getString("locale"), true));
    }

    private static Uni<Row> invitation(SqlConnection connection, String token) {
        return invitation(connection, token, true);
    }

    private static Uni<Row> invitation(SqlConnection connection, String token, boolean lock) {
        return connection.preparedQuery("SELECT * FROM invitation WHERE token = $1" + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(token))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next());
    }


    static Double parse(String score) {
        try {
            return Double.valueOf(score);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static InvitationView view(UUID id, UUID surveyId, Instant createdAt, SurveyFacts survey, URI links, UUID messageId) {
        List<InvitationView.Link> list = new ArrayList<>();
        StringBuilder html = new StringBuilder("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"4\"><tr>");
        for (int score = survey.scaleMin(); score <= survey.scaleMax(); score++) {
            String url = links.resolve(Integer.toString(score)).toString();
            list.add(new InvitationView.Link(score, url));
            html.append("<td><a href=\"").append(RatingPage.escape(url)).append("\" aria-label=\"").append(score)
                    .append("\" style=\"display:inline-block;min-width:2em;padding:.5em;border:1px solid #888;")
                    .append("border-radius:4px;text-align:center;text-decoration:none;color:#222\">").append(score)
                    .append("</a></td>");
        }
        return new InvitationView(id, surveyId, createdAt, list, html.append("</tr></table>").toString(), messageId);
    }

}
