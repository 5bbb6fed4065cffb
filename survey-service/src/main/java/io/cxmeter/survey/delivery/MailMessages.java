package io.cxmeter.survey.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.cxmeter.survey.Page;
import io.cxmeter.survey.TimeCursor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The record of every survey e-mail. A message is {@code scheduled} (due at {@code dueAt}), then
 * {@code sent} and {@code answered}; or {@code failed} (the relay's reason), {@code cancelled} (the
 * ticket reopened, the survey paused, answered before a reminder) or {@code skipped} (fatigue budget,
 * suppressed address, no address).
 */
@ApplicationScoped
public class MailMessages {

    public static final String SCHEDULED = "scheduled";
    public static final String SENT = "sent";
    public static final String ANSWERED = "answered";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";
    public static final String SKIPPED = "skipped";

    public static final String INVITATION = "invitation";
    public static final String REMINDER = "reminder";

    public static final String TRIGGER_API = "api";
    public static final String TRIGGER_RESOLVED = "ticket-resolved";

    /** A message as the API shows it. */
    @Schema(name = "EmailMessage")
    public record View(UUID id, UUID surveyId, String kind, String trigger, String status, String reason, String recipient,
            String customerId, String ticketId, String agentId, String channel, String locale, UUID invitationId,
            Instant dueAt, Instant createdAt, Instant sentAt, Instant answeredAt, int attempts) {

        static View of(Row row) {
            return new View(row.getUUID("id"), row.getUUID("survey_id"), row.getString("kind"), row.getString("trigger"),
                    row.getString("status"), row.getString("reason"), row.getString("recipient"), row.getString("customer_id"),
                    row.getString("ticket_id"), row.getString("agent_id"), row.getString("channel"), row.getString("locale"),
                    row.getUUID("invitation_id"), instant(row, "due_at"), instant(row, "created_at"), instant(row, "sent_at"),
                    instant(row, "answered_at"), row.getInteger("attempts"));
        }
    }

    /** A message to write. */
    public record Draft(String tenantId, UUID surveyId, String kind, String trigger, UUID reminderOf, UUID invitationId,
            String customerId, String ticketId, Instant resolvedAt, String agentId, String channel, String team,
            String recipient, String recipientName, String locale, String zone, String status, String reason, Instant dueAt) {
    }

    @Inject
    Pool pool;

    /** Writes the message unless the same one exists (one per survey and resolution, one reminder per message); its id or null. */
    public Uni<UUID> add(SqlClient client, Draft d) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return client.preparedQuery("""
                INSERT INTO mail_message (id, tenant_id, survey_id, kind, trigger, reminder_of, invitation_id, customer_id,
                    ticket_id, resolved_at, agent_id, channel, team, recipient, recipient_name, locale, zone, status, reason,
                    due_at, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
                ON CONFLICT DO NOTHING RETURNING id""")
                .execute(Tuple.tuple(Arrays.asList(id, d.tenantId(), d.surveyId(), d.kind(), d.trigger(), d.reminderOf(),
                        d.invitationId(), d.customerId(), d.ticketId(), utc(d.resolvedAt()), d.agentId(), d.channel(), d.team(),
                        d.recipient(), d.recipientName(), d.locale(), d.zone(), d.status(), d.reason(), utc(d.dueAt()), now)))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("id"));
    }

    /** The invitation was answered: its sent messages say so, and its pending reminder is not sent. */
    public Uni<Void> answered(SqlClient client, UUID invitationId, OffsetDateTime at) {
        return client.preparedQuery("UPDATE mail_message SET status = $2, answered_at = $3 WHERE invitation_id = $1 AND status = $4")
                .execute(Tuple.of(invitationId, ANSWERED, at, SENT))
                .flatMap(done -> client.preparedQuery("UPDATE mail_message SET status = $2, reason = $3"
                        + " WHERE invitation_id = $1 AND status = $4 AND kind = $5")
                        .execute(Tuple.of(invitationId, CANCELLED, "answered before the reminder was due", SCHEDULED, REMINDER)))
                .replaceWithVoid();
    }

    /** A ticket reopened: the e-mails waiting for its resolution's delay are not sent. */
    public Uni<Integer> cancelForTicket(SqlClient client, String tenantId, String ticketId) {
        return client.preparedQuery("UPDATE mail_message SET status = $3, reason = $4 WHERE tenant_id = $1 AND ticket_id = $2"
                + " AND status = $5 AND trigger = $6")
                .execute(Tuple.of(tenantId, ticketId, CANCELLED, "the ticket was reopened before the send", SCHEDULED,
                        TRIGGER_RESOLVED))
                .map(rows -> rows.rowCount());
    }

    public Uni<View> find(String tenantId, UUID id) {
        return pool.preparedQuery("SELECT * FROM mail_message WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenantId, id))
                .map(rows -> rows.size() == 0 ? null : View.of(rows.iterator().next()));
    }

    /**
     * The tenant's messages narrowed by the filters given (null: any), newest first, a page of at most
     * {@code limit} after {@code before} (the last of the page before) when given.
     */
    public Uni<Page<View>> list(String tenantId, UUID surveyId, String customerId, String ticketId, String status,
            TimeCursor before, int limit) {
        return pool.preparedQuery("""
                SELECT * FROM mail_message WHERE tenant_id = $1 AND ($2::uuid IS NULL OR survey_id = $2)
                    AND ($3::text IS NULL OR customer_id = $3) AND ($4::text IS NULL OR ticket_id = $4)
                    AND ($5::text IS NULL OR status = $5)
                    AND ($6::timestamptz IS NULL OR (created_at, id) < ($6, $7::uuid))
                ORDER BY created_at DESC, id DESC LIMIT $8""")
                .execute(Tuple.tuple(Arrays.asList(tenantId, surveyId, customerId, ticketId, status,
                        before == null ? null : before.createdAt(), before == null ? null : before.id(), limit + 1)))
                .map(rows -> {
                    List<View> views = new ArrayList<>();
                    rows.forEach(row -> views.add(View.of(row)));
                    return TimeCursor.page(views, limit, last -> new TimeCursor(utc(last.createdAt()), last.id()));
                });
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
