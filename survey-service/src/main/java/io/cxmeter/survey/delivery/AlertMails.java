package io.cxmeter.survey.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.cxmeter.outbox.Backoff;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.SMTPException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * E-mail to the people an alert rule names, when it fires and when it resolves: written in the
 * transaction that takes the event from metrics-service (once per event and recipient, however
 * often it is reported), sent through the tenant's SMTP relay like survey e-mail — claimed with
 * {@code FOR UPDATE SKIP LOCKED}, retried with back-off for {@link DeliveryConfig#giveUpAfter()},
 * failed at once when the tenant has no relay or the relay refuses for good.
 */
@ApplicationScoped
public class AlertMails {

    private static final Logger LOG = Logger.getLogger(AlertMails.class);

    private static final String QUEUE = """
            INSERT INTO alert_mail (id, tenant_id, event_key, recipient, subject, body, status, due_at, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, 'scheduled', $7, $7)
            ON CONFLICT (tenant_id, event_key, recipient) DO NOTHING""";

    private static final String CLAIM = """
            SELECT * FROM alert_mail WHERE status = 'scheduled' AND due_at <= now()
            ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED""";

    /** One alert transition as metrics-service reports it: its key, type, when, and the rule's data. */
    public record Transition(String key, boolean fired, Instant at, Map<String, Object> data) {
    }

    /** An alert e-mail as the API shows it. */
    public record View(UUID id, String eventKey, String recipient, String subject, String status, String reason, int attempts,
            Instant createdAt, Instant sentAt) {
    }

    @Inject
    Pool pool;

    @Inject
    DeliveryConfig config;

    @Inject
    MailSettingsStore settings;

    @Inject
    Relays relays;

    /** Queues an e-mail per recipient of the transition, in the caller's transaction. */
    public Uni<Void> queue(SqlConnection connection, String tenantId, Transition transition, List<String> recipients,
            OffsetDateTime now) {
        if (recipients.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String subject = subject(transition);
        String body = body(transition);
        List<Tuple> rows = recipients.stream().distinct().map(recipient -> Tuple.tuple(List.of(UUID.randomUUID(), tenantId,
                transition.key(), recipient, subject, body, now))).toList();
        return connection.preparedQuery(QUEUE).executeBatch(rows).replaceWithVoid();
    }

    /** The tenant's alert e-mails, newest first. */
    public Uni<List<View>> list(String tenantId, int limit) {
        return pool.preparedQuery("SELECT * FROM alert_mail WHERE tenant_id = $1 ORDER BY created_at DESC, id LIMIT $2")
                .execute(Tuple.of(tenantId, limit)).map(rows -> {
                    List<View> views = new ArrayList<>();
                    rows.forEach(row -> views.add(new View(row.getUUID("id"), row.getString("event_key"), row.getString("recipient"),
                            row.getString("subject"), row.getString("status"), row.getString("reason"), row.getInteger("attempts"),
                            row.getOffsetDateTime("created_at").toInstant(),
                            row.getOffsetDateTime("sent_at") == null ? null : row.getOffsetDateTime("sent_at").toInstant())));
                    return views;
                });
    }

    static String subject(Transition transition) {
        Map<String, Object> rule = rule(transition);
        Object group = transition.data().get("group");
        return (transition.fired() ? "Alert: " : "Resolved: ") + rule.get("name")
                + (group == null ? "" : " (" + rule.get("groupBy") + " " + group + ")");
    }

    static String body(Transition transition) {
        Map<String, Object> data = transition.data();
        Map<String, Object> rule = rule(transition);
        Object group = data.get("group");
        String watched = rule.get("metric") + ("value".equals(rule.get("statistic")) ? "" : " " + rule.get("statistic"))
                + " over the last " + rule.get("window") + (group == null ? "" : ", " + rule.get("groupBy") + " " + group);
        StringBuilder text = new StringBuilder();
        text.append(rule.get("name")).append(transition.fired() ? " fired" : " resolved").append(" at ")
                .append(transition.at()).append(".\n\n");
        text.append(watched).append(": ").append(number(data.get("value"))).append(" (on ").append(data.get("sample"))
                .append(")\n");
        String condition = String.valueOf(rule.get("condition")).toLowerCase(Locale.ROOT);
        if (transition.fired()) {
            text.append("The rule fires when it is ").append(condition).append(' ').append(number(rule.get("threshold")))
                    .append(" and resolves when it is back ").append("below".equals(condition) ? "at or above " : "at or below ")
                    .append(number(rule.get("recoverAt"))).append(".\n");
        } else {
            text.append("Back ").append("below".equals(condition) ? "at or above " : "at or below ")
                    .append(number(rule.get("recoverAt"))).append("; it had fired at ").append(data.get("firingSince"))
                    .append(".\n");
        }
        Object period = data.get("period");
        if (period instanceof Map<?, ?> p) {
            text.append("Period: ").append(p.get("from")).append(" to ").append(p.get("to")).append(".\n");
        }
        text.append("\nThe rule's history: GET /api/v1/alerts/rules/").append(rule.get("id")).append("/events\n");
        return text.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rule(Transition transition) {
        return transition.data().get("rule") instanceof Map<?, ?> rule ? (Map<String, Object>) rule : Map.of();
    }

    private static String number(Object value) {
        if (value instanceof Number number) {
            double d = number.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.2f", d);
        }
        return String.valueOf(value);
    }

    @Scheduled(every = "${cxmeter.delivery.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = MailSender.SenderDisabled.class)
    Uni<Void> tick() {
        return sendDue().onFailure().invoke(e -> LOG.warnf("Sending alert e-mails failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One round over the due alert e-mails; how many left for their recipients. */
    public Uni<Integer> sendDue() {
        return pool.withTransaction(connection -> connection.preparedQuery(CLAIM).execute(Tuple.of(config.batchSize()))
                .flatMap(rows -> {
                    List<Row> due = new ArrayList<>();
                    rows.forEach(due::add);
                    return Multi.createFrom().iterable(due).onItem().transformToUniAndConcatenate(row -> send(connection, row))
                            .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
                }));
    }

    private Uni<Integer> send(SqlConnection connection, Row row) {
        Instant now = Instant.now();
        return settings.find(connection, row.getString("tenant_id")).flatMap(relay -> {
            if (relay == null) {
                return close(connection, row, "failed", "no SMTP relay is configured");
            }
            MailMessage message = new MailMessage()
                    .setFrom(relay.sender())
                    .setTo(row.getString("recipient")).setSubject(row.getString("subject")).setText(row.getString("body"));
            message.addHeader("Auto-Submitted", "auto-generated");
            return relays.send(relay, message)
                    .onItem().transformToUni(sent -> connection.preparedQuery("UPDATE alert_mail SET status = 'sent',"
                            + " reason = NULL, sent_at = $2, attempts = attempts + 1 WHERE id = $1")
                            .execute(Tuple.of(row.getUUID("id"), OffsetDateTime.ofInstant(now, ZoneOffset.UTC))).map(done -> 1))
                    .onFailure().recoverWithUni(failure -> failed(connection, row, failure, now));
        });
    }

    private Uni<Integer> failed(SqlConnection connection, Row row, Throwable failure, Instant now) {
        String reason = MailSender.reason(failure);
        int attempts = row.getInteger("attempts") + 1;
        if (failure instanceof SMTPException smtp && smtp.isPermanent()) {
            return close(connection, row, "failed", reason);
        }
        if (row.getOffsetDateTime("created_at").toInstant().plus(config.giveUpAfter()).isBefore(now)) {
            return close(connection, row, "failed", "gave up after " + attempts + " tries: " + reason);
        }
        long seconds = Backoff.seconds(attempts, config.maxBackoff());
        LOG.warnf("Alert e-mail %s not sent yet (try %d, next in %d s): %s", row.getUUID("id"), attempts, seconds, reason);
        return connection.preparedQuery("UPDATE alert_mail SET attempts = $2, due_at = $3, reason = $4 WHERE id = $1")
                .execute(Tuple.of(row.getUUID("id"), attempts, OffsetDateTime.ofInstant(now, ZoneOffset.UTC).plusSeconds(seconds),
                        "not sent yet, trying again: " + reason))
                .map(done -> 0);
    }

    private static Uni<Integer> close(SqlConnection connection, Row row, String status, String reason) {
        return connection.preparedQuery("UPDATE alert_mail SET status = $2, reason = $3, attempts = attempts + 1 WHERE id = $1")
                .execute(Tuple.of(row.getUUID("id"), status, reason)).map(done -> 0);
    }
}
