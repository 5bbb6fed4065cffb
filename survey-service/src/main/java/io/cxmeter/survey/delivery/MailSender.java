package io.cxmeter.survey.delivery;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.cxmeter.outbox.Backoff;
import io.cxmeter.survey.Secrets;
import io.cxmeter.survey.invitations.InvitationConfig;
import io.cxmeter.survey.invitations.InvitationRequest;
import io.cxmeter.survey.invitations.InvitationService;
import io.cxmeter.survey.widget.PublicSurvey;
import io.cxmeter.survey.widget.WidgetService;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.mail.SMTPException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sends the survey e-mails that are due. A scheduled message is a row, not a timer: a round claims
 * due rows one at a time with {@code FOR UPDATE SKIP LOCKED} (replicas share the work, a restart
 * loses nothing), sends each through the tenant's relay and records its outcome in that message's
 * own transaction, so a recipient can answer as soon as the message arrives. The link's invitation
 * is committed before the message leaves: its links never point at nothing.
 * The fatigue budget and the suppression list decide at the first try; a relay that is down or
 * answers 4xx is tried again with back-off for {@link DeliveryConfig#giveUpAfter()}; a permanent
 * refusal fails the message, and a refused recipient is suppressed (hard bounce).
 */
@ApplicationScoped
public class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class);

    private static final String CLAIM = """
            SELECT m.*, i.token, i.created_at AS invited_at, i.responded_at
            FROM mail_message m LEFT JOIN invitation i ON i.id = m.invitation_id
            WHERE m.status = 'scheduled' AND m.due_at <= now()
            ORDER BY m.due_at LIMIT $1 FOR UPDATE OF m SKIP LOCKED""";

    @Inject
    Pool pool;

    @Inject
    DeliveryConfig config;

    @Inject
    InvitationConfig invitationConfig;

    @Inject
    MailSettingsStore settings;

    @Inject
    Suppressions suppressions;

    @Inject
    Fatigue fatigue;

    @Inject
    MailMessages messages;

    @Inject
    InvitationService invitations;

    @Inject
    Relays relays;

    @Scheduled(every = "${cxmeter.delivery.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = SenderDisabled.class)
    Uni<Void> tick() {
        return sendDue().onFailure().invoke(e -> LOG.warnf("Sending survey e-mails failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One round over at most a batch of due messages; how many left for their recipients. */
    public Uni<Integer> sendDue() {
        return Multi.createBy().repeating().uni(this::sendNext).until(sent -> sent < 0).select().first(config.batchSize())
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
    }

    /** Claims, sends and records one due message in its own transaction: 1 if it left, 0 if not, -1 if none was due. */
    private Uni<Integer> sendNext() {
        return pool.withTransaction(connection -> connection.preparedQuery(CLAIM).execute(Tuple.of(1))
                .flatMap(rows -> rows.size() == 0 ? Uni.createFrom().item(-1) : process(connection, rows.iterator().next())));
    }

    private Uni<Integer> process(SqlConnection connection, Row row) {
        String tenantId = row.getString("tenant_id");
        UUID surveyId = row.getUUID("survey_id");
        Instant now = Instant.now();
        boolean reminder = MailMessages.REMINDER.equals(row.getString("kind"));
        if (reminder && row.getOffsetDateTime("responded_at") != null) {
            return close(connection, row, MailMessages.CANCELLED, "answered before the reminder was due");
        }
        return connection.preparedQuery("SELECT " + PublicSurvey.COLUMNS + " FROM survey WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, surveyId)).flatMap(surveys -> {
                    PublicSurvey survey = surveys.size() == 0 ? null : PublicSurvey.of(surveys.iterator().next());
                    if (survey == null || !survey.facts().acceptsResponses()) {
                        return close(connection, row, MailMessages.CANCELLED, "the survey is "
                                + (survey == null ? "gone" : survey.facts().status().toLowerCase()) + "; it takes no answers");
                    }
                    return settings.find(connection, tenantId).flatMap(relay -> relay == null
                            ? close(connection, row, MailMessages.FAILED, "no SMTP relay is configured")
                            : suppressions.find(connection, tenantId, row.getString("recipient")).flatMap(suppressed -> {
                                if (suppressed != null) {
                                    return close(connection, row, MailMessages.SKIPPED, "the address is suppressed ("
                                            + suppressed.reason().name().toLowerCase().replace('_', ' ') + ")");
                                }
                                boolean firstTry = row.getOffsetDateTime("first_try_at") == null;
                                Uni<Fatigue.Decision> budget = firstTry && !reminder
                                        ? fatigue.ask(connection, tenantId, row.getString("customer_id"), surveyId,
                                                Fatigue.Channel.EMAIL, now)
                                        : Uni.createFrom().item(Fatigue.Decision.ALLOWED);
                                return budget.flatMap(decision -> decision.allowed()
                                        ? send(connection, row, relay, survey, now)
                                        : close(connection, row, MailMessages.SKIPPED, decision.reason()));
                            }));
                });
    }

    private Uni<Integer> send(SqlConnection connection, Row row, MailSettings relay, PublicSurvey survey, Instant now) {
        return invitation(connection, row).flatMap(invitation -> {
            String locale = row.getString("locale") == null ? survey.defaultLocale() : row.getString("locale");
            MailComposer.Letter letter = new MailComposer.Letter(relay,
                    WidgetService.config(survey.facts().id().toString(), survey, locale, true),
                    invitationConfig.publicUrl().resolve("r/" + invitation.token() + "/"), row.getString("recipient"),
                    row.getString("recipient_name"), MailMessages.REMINDER.equals(row.getString("kind")),
                    row.getUUID("id").toString());
            return relays.send(relay, MailComposer.compose(letter))
                    .onItem().transformToUni(sent -> sent(connection, row, invitation, survey, now))
                    .onFailure().recoverWithUni(failure -> failed(connection, row, failure, now));
        });
    }

    /**
     * The invitation behind a message: made now for a triggered e-mail, else the one it was made for.
     * A new invitation is committed on its own before the message is sent, so its links work the
     * moment the message arrives (and still do if this round fails after the send).
     */
    private Uni<Invitation> invitation(SqlConnection connection, Row row) {
        if (row.getUUID("invitation_id") != null) {
            return Uni.createFrom().item(new Invitation(row.getUUID("invitation_id"), row.getString("token"),
                    row.getOffsetDateTime("invited_at")));
        }
        UUID id = UUID.randomUUID();
        String token = Secrets.random(32);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        InvitationRequest request = new InvitationRequest(row.getString("customer_id"), row.getString("ticket_id"),
                row.getString("agent_id"), row.getString("channel"), row.getString("locale"), true, row.getString("recipient"),
                row.getString("recipient_name"));
        return pool.withTransaction(own -> invitations.insert(own, row.getString("tenant_id"), row.getString("zone"),
                        row.getUUID("survey_id"), id, token, request, now))
                .flatMap(done -> connection.preparedQuery("UPDATE mail_message SET invitation_id = $2 WHERE id = $1")
                        .execute(Tuple.of(row.getUUID("id"), id)))
                .map(done -> new Invitation(id, token, now));
    }

    private record Invitation(UUID id, String token, OffsetDateTime createdAt) {
    }

    /**
     * Records a message as sent, or as answered when its recipient was quicker than this record: the
     * invitation is locked first, so an answer either waits for this record or is seen by it.
     */
    private Uni<Integer> sent(SqlConnection connection, Row row, Invitation invitation, PublicSurvey survey, Instant now) {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        boolean reminder = MailMessages.REMINDER.equals(row.getString("kind"));
        return connection.preparedQuery("SELECT responded_at FROM invitation WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(invitation.id()))
                .flatMap(rows -> {
                    OffsetDateTime answered = rows.size() == 0 ? null : rows.iterator().next().getOffsetDateTime("responded_at");
                    return connection.preparedQuery("""
                            UPDATE mail_message SET status = $3, answered_at = $4, reason = NULL, sent_at = $2,
                                attempts = attempts + 1, first_try_at = COALESCE(first_try_at, $2) WHERE id = $1""")
                            .execute(Tuple.of(row.getUUID("id"), at, answered == null || reminder ? MailMessages.SENT
                                    : MailMessages.ANSWERED, reminder ? null : answered))
                            // An answer already told metrics-service about the invitation, and needs no reminder.
                            .flatMap(done -> reminder || answered != null ? Uni.createFrom().voidItem()
                                    : announceAndRemind(connection, row, invitation, survey, now))
                            .map(done -> 1);
                });
    }

    private Uni<Void> announceAndRemind(SqlConnection connection, Row row, Invitation invitation, PublicSurvey survey, Instant now) {
        return invitations.announce(connection, row.getString("tenant_id"), row.getString("zone"), invitation.id(),
                        survey.facts().id(), invitation.createdAt(), row.getString("channel"), row.getString("agent_id"),
                        row.getString("locale"), false)
                .flatMap(done -> scheduleReminder(connection, row, invitation, now));
    }

    private Uni<Void> scheduleReminder(SqlConnection connection, Row row, Invitation invitation, Instant now) {
        return connection.preparedQuery("SELECT reminder_after_days FROM survey_delivery WHERE survey_id = $1")
                .execute(Tuple.of(row.getUUID("survey_id"))).flatMap(rows -> {
                    Integer days = rows.size() == 0 ? null : rows.iterator().next().getInteger("reminder_after_days");
                    if (days == null) {
                        return Uni.createFrom().voidItem();
                    }
                    return messages.add(connection, new MailMessages.Draft(row.getString("tenant_id"), row.getUUID("survey_id"),
                            MailMessages.REMINDER, row.getString("trigger"), row.getUUID("id"), invitation.id(),
                            row.getString("customer_id"), row.getString("ticket_id"), null, row.getString("agent_id"),
                            row.getString("channel"), row.getString("team"), row.getString("recipient"),
                            row.getString("recipient_name"), row.getString("locale"), row.getString("zone"),
                            MailMessages.SCHEDULED, null, now.plus(Duration.ofDays(days)))).replaceWithVoid();
                });
    }

    private Uni<Integer> failed(SqlConnection connection, Row row, Throwable failure, Instant now) {
        String reason = reason(failure);
        if (failure instanceof SMTPException smtp && smtp.isPermanent()) {
            Uni<Void> bounce = hardBounce(smtp) ? suppressions.add(connection, row.getString("tenant_id"),
                    row.getString("recipient"), Suppressions.Reason.HARD_BOUNCE, reason) : Uni.createFrom().voidItem();
            LOG.infof("Survey e-mail %s refused by the relay: %s", row.getUUID("id"), reason);
            return bounce.flatMap(done -> close(connection, row, MailMessages.FAILED, reason)).map(done -> 0);
        }
        int attempts = row.getInteger("attempts") + 1;
        OffsetDateTime firstTry = row.getOffsetDateTime("first_try_at") == null ? OffsetDateTime.ofInstant(now, ZoneOffset.UTC)
                : row.getOffsetDateTime("first_try_at");
        if (firstTry.toInstant().plus(config.giveUpAfter()).isBefore(now)) {
            return close(connection, row, MailMessages.FAILED, "gave up after " + attempts + " tries: " + reason).map(done -> 0);
        }
        long seconds = Backoff.seconds(attempts, config.maxBackoff());
        LOG.warnf("Survey e-mail %s not sent yet (try %d, next in %d s): %s", row.getUUID("id"), attempts, seconds, reason);
        return connection.preparedQuery("""
                UPDATE mail_message SET attempts = $2, first_try_at = $3, due_at = $4, reason = $5 WHERE id = $1""")
                .execute(Tuple.of(row.getUUID("id"), attempts, firstTry, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)
                        .plusSeconds(seconds), "not sent yet, trying again: " + reason))
                .map(done -> 0);
    }

    /** A refusal of the recipient itself (no such mailbox, bad address), not of the message or sender. */
    static boolean hardBounce(SMTPException smtp) {
        int code = smtp.getReplyCode();
        return code == 550 || code == 551 || code == 553
                || smtp.getEnhancedStatus() == SMTPException.EnhancedStatus.OTHER_ADDRESS;
    }

    static String reason(Throwable failure) {
        if (failure instanceof SMTPException smtp) {
            return "SMTP " + smtp.getReplyCode() + " " + String.join(" ", smtp.getReplyMessages()).strip();
        }
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : message;
    }

    private Uni<Integer> close(SqlConnection connection, Row row, String status, String reason) {
        return connection.preparedQuery("UPDATE mail_message SET status = $2, reason = $3,"
                + " first_try_at = COALESCE(first_try_at, now()) WHERE id = $1")
                .execute(Tuple.of(row.getUUID("id"), status, reason)).map(done -> 0);
    }

    /** Lets tests drive the sender themselves. */
    @ApplicationScoped
    public static class SenderDisabled implements Scheduled.SkipPredicate {

        @Inject
        DeliveryConfig config;

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.enabled();
        }
    }
}
