package io.cxmeter.ticket.hours;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxmeter.events.TicketUpserted;
import io.cxmeter.ticket.tickets.TicketResend;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Business calendars of a tenant: the default (team '') and teams' own. A change re-measures every
 * ticket: in its transaction, the tenant's tickets are queued to be sent to metrics-service again
 * with the calendars now in force ({@link TicketResend}).
 */
@ApplicationScoped
public class BusinessHoursStore {

    /** The team id under which the tenant's default calendar is stored. */
    static final String DEFAULT = "";

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    @Inject
    TicketResend resend;

    public Uni<BusinessHoursView> get(String tenantId, String team) {
        return pool.preparedQuery("SELECT definition, updated_at FROM business_calendar WHERE tenant_id = $1 AND team_id = $2")
                .execute(Tuple.of(tenantId, team)).map(rows -> rows.size() == 0 ? null : view(team, rows.iterator().next()));
    }

    /** The teams' own calendars, by team id. */
    public Uni<List<BusinessHoursView>> teams(String tenantId) {
        return pool.preparedQuery("SELECT team_id, definition, updated_at FROM business_calendar WHERE tenant_id = $1"
                + " AND team_id <> $2 ORDER BY team_id").execute(Tuple.of(tenantId, DEFAULT))
                .map(rows -> {
                    List<BusinessHoursView> views = new java.util.ArrayList<>(rows.size());
                    rows.forEach(row -> views.add(view(row.getString("team_id"), row)));
                    return views;
                });
    }

    /** Stores the calendar (already normalized) and queues the tenant's tickets to be measured with it. */
    public Uni<BusinessHoursView> put(String tenantId, String team, BusinessHours hours, String zone) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        JsonObject definition = JsonObject.mapFrom(mapper.convertValue(hours, Map.class));
        return pool.withTransaction(connection -> connection.preparedQuery("""
                INSERT INTO business_calendar (tenant_id, team_id, definition, updated_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT (tenant_id, team_id) DO UPDATE SET definition = EXCLUDED.definition, updated_at = EXCLUDED.updated_at
                RETURNING definition, updated_at""").execute(Tuple.of(tenantId, team, definition, now))
                .flatMap(rows -> resend.queue(connection, tenantId, zone).map(ignored -> view(team, rows.iterator().next()))));
    }

    /** Removes the calendar (the team falls back to the default, the default to always open); whether there was one. */
    public Uni<Boolean> delete(String tenantId, String team, String zone) {
        return pool.withTransaction(connection -> connection.preparedQuery(
                "DELETE FROM business_calendar WHERE tenant_id = $1 AND team_id = $2").execute(Tuple.of(tenantId, team))
                .flatMap(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : resend.queue(connection, tenantId, zone).map(ignored -> true)));
    }

    /**
     * The tenant's calendars by team ({@link #DEFAULT}: the default) as tickets carry them to
     * metrics-service, in the caller's transaction.
     */
    public Uni<Map<String, TicketUpserted.BusinessHours>> calendars(SqlConnection connection, String tenantId) {
        return connection.preparedQuery("SELECT team_id, definition FROM business_calendar WHERE tenant_id = $1")
                .execute(Tuple.of(tenantId)).map(rows -> {
                    Map<String, TicketUpserted.BusinessHours> out = new HashMap<>();
                    rows.forEach(row -> out.put(row.getString("team_id"),
                            ((JsonObject) row.getValue("definition")).mapTo(TicketUpserted.BusinessHours.class)));
                    return out;
                });
    }

    /** The calendar a ticket of {@code team} is measured with: the team's own, else the default, else none. */
    public static TicketUpserted.BusinessHours forTeam(Map<String, TicketUpserted.BusinessHours> calendars, String team) {
        TicketUpserted.BusinessHours own = team == null ? null : calendars.get(team);
        return own != null ? own : calendars.get(DEFAULT);
    }

    private BusinessHoursView view(String team, Row row) {
        BusinessHours hours = ((JsonObject) row.getValue("definition")).mapTo(BusinessHours.class);
        // jsonb keeps keys in its own order: weekdays are shown Monday first.
        Map<String, java.util.List<BusinessHours.Slot>> week = new java.util.LinkedHashMap<>();
        for (java.time.DayOfWeek day : java.time.DayOfWeek.values()) {
            String name = day.name().toLowerCase(java.util.Locale.ROOT);
            if (hours.schedule() != null && hours.schedule().containsKey(name)) {
                week.put(name, hours.schedule().get(name));
            }
        }
        return new BusinessHoursView(DEFAULT.equals(team) ? null : team, hours.timeZone(), week, hours.holidays(),
                row.getOffsetDateTime("updated_at").toInstant());
    }
}
