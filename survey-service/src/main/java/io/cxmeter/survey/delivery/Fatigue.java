package io.cxmeter.survey.delivery;

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

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One fatigue budget per customer, drawn on by every way of asking (e-mail, API invitations, the
 * widget for identified visitors), decided at ask time in the asking transaction. Every decision
 * about a known customer is written to the ledger ({@code customer_ask}): the asks made are what
 * the budget counts, the skips say why a customer was not asked. Decisions about one customer are
 * serialized by a transaction-scoped advisory lock, so two replicas cannot both spend the last ask.
 */
@ApplicationScoped
public class Fatigue {

    /** The ways of asking. */
    public enum Channel {
        EMAIL("email"), API("api"), WIDGET("widget");

        public final String wire;

        Channel(String wire) {
            this.wire = wire;
        }
    }

    /** Whether a customer may be asked now; if not, why and from when on. */
    public record Decision(boolean allowed, String reason, Instant nextAllowedAt) {

        public static final Decision ALLOWED = new Decision(true, null, null);
    }

    /** One entry of the ledger. */
    @Schema(name = "CustomerAsk")
    public record Ask(Instant at, UUID surveyId, String channel, boolean asked, String reason) {
    }

    @Inject
    Pool pool;

    public Uni<ContactPolicy> policy(SqlClient client, String tenantId) {
        return client.preparedQuery("SELECT * FROM contact_policy WHERE tenant_id = $1").execute(Tuple.of(tenantId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new ContactPolicy(row.getInteger("max_asks"), row.getInteger("period_days"),
                            row.getInteger("min_days_between"), row.getOffsetDateTime("updated_at").toInstant());
                });
    }

    public Uni<ContactPolicy> save(String tenantId, ContactPolicy policy) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return pool.preparedQuery("""
                INSERT INTO contact_policy (tenant_id, max_asks, period_days, min_days_between, updated_at)
                VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (tenant_id) DO UPDATE SET max_asks = EXCLUDED.max_asks, period_days = EXCLUDED.period_days,
                    min_days_between = EXCLUDED.min_days_between, updated_at = EXCLUDED.updated_at""")
                .execute(Tuple.of(tenantId, policy.maxAsks(), policy.perDays(), policy.minDaysBetween(), now))
                .map(done -> new ContactPolicy(policy.maxAsks(), policy.perDays(), policy.minDaysBetween(), now.toInstant()));
    }

    public Uni<Boolean> delete(String tenantId) {
        return pool.preparedQuery("DELETE FROM contact_policy WHERE tenant_id = $1").execute(Tuple.of(tenantId))
                .map(rows -> rows.rowCount() > 0);
    }

    /**
     * Decides whether {@code customerId} may be asked now and writes the decision to the ledger: an
     * ask spends the budget, a skip records its reason. A customer the caller does not name is always
     * asked (there is no one to count against).
     */
    public Uni<Decision> ask(SqlConnection connection, String tenantId, String customerId, UUID surveyId, Channel channel,
            Instant now) {
        if (customerId == null) {
            return Uni.createFrom().item(Decision.ALLOWED);
        }
        return decide(connection, tenantId, customerId, now)
                .call(decision -> record(connection, tenantId, customerId, surveyId, channel, decision, now));
    }

    /** Decides as {@link #ask} does, writing only a skip (the widget asks when it is shown, not when it is loaded). */
    public Uni<Decision> check(SqlConnection connection, String tenantId, String customerId, UUID surveyId, Channel channel,
            Instant now) {
        if (customerId == null) {
            return Uni.createFrom().item(Decision.ALLOWED);
        }
        return decide(connection, tenantId, customerId, now).call(decision -> decision.allowed() ? Uni.createFrom().voidItem()
                : record(connection, tenantId, customerId, surveyId, channel, decision, now));
    }

    /** The decision for a customer now, without writing it (what the API answers). */
    public Uni<Decision> decide(SqlConnection connection, String tenantId, String customerId, Instant now) {
        return connection.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1 || '/' || $2, 0))")
                .execute(Tuple.of(tenantId, customerId))
                .flatMap(locked -> policy(connection, tenantId))
                .flatMap(policy -> policy == null ? Uni.createFrom().item(Decision.ALLOWED)
                        : connection.preparedQuery("""
                                SELECT count(*) FILTER (WHERE at > $3) AS in_period, max(at) AS last,
                                       (array_agg(at ORDER BY at) FILTER (WHERE at > $3))[1] AS oldest_in_period
                                FROM customer_ask WHERE tenant_id = $1 AND customer_id = $2 AND asked""")
                                .execute(Tuple.of(tenantId, customerId,
                                        OffsetDateTime.ofInstant(now.minus(Duration.ofDays(policy.perDays())), ZoneOffset.UTC)))
                                .map(rows -> decide(policy, rows.iterator().next(), now)));
    }

    static Decision decide(ContactPolicy policy, Row row, Instant now) {
        long inPeriod = row.getLong("in_period");
        OffsetDateTime last = row.getOffsetDateTime("last");
        if (last != null && policy.minDaysBetween() > 0) {
            Instant next = last.toInstant().plus(Duration.ofDays(policy.minDaysBetween()));
            if (next.isAfter(now)) {
                return new Decision(false, "asked on " + last.toInstant() + "; the contact policy keeps at least "
                        + days(policy.minDaysBetween()) + " between asks", next);
            }
        }
        if (inPeriod >= policy.maxAsks()) {
            Instant next = row.getOffsetDateTime("oldest_in_period").toInstant().plus(Duration.ofDays(policy.perDays()));
            return new Decision(false, "asked " + inPeriod + (inPeriod == 1 ? " time" : " times") + " in the last "
                    + days(policy.perDays()) + "; the contact policy allows " + policy.maxAsks(), next);
        }
        return Decision.ALLOWED;
    }

    private static String days(int days) {
        return days + (days == 1 ? " day" : " days");
    }

    /** Writes a decision to the ledger (as {@link #ask} does), on any connection. */
    public static Uni<Void> record(SqlClient connection, String tenantId, String customerId, UUID surveyId,
            Channel channel, Decision decision, Instant now) {
        return connection.preparedQuery("""
                INSERT INTO customer_ask (id, tenant_id, customer_id, survey_id, channel, asked, reason, at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""")
                .execute(Tuple.tuple(java.util.Arrays.asList(UUID.randomUUID(), tenantId, customerId, surveyId, channel.wire,
                        decision.allowed(), decision.reason(), OffsetDateTime.ofInstant(now, ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    /** The customer's latest asks and skips, newest first. */
    public Uni<List<Ask>> ledger(SqlClient client, String tenantId, String customerId, int limit) {
        return client.preparedQuery("SELECT * FROM customer_ask WHERE tenant_id = $1 AND customer_id = $2"
                + " ORDER BY at DESC, id LIMIT $3").execute(Tuple.of(tenantId, customerId, limit))
                .map(rows -> {
                    List<Ask> asks = new ArrayList<>();
                    rows.forEach(row -> asks.add(new Ask(row.getOffsetDateTime("at").toInstant(), row.getUUID("survey_id"),
                            row.getString("channel"), row.getBoolean("asked"), row.getString("reason"))));
                    return asks;
                });
    }
}
