package io.cxmeter.metrics.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.cxmeter.internalauth.Caller;
import io.cxmeter.internalauth.InternalCaller;
import io.cxmeter.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@Path("/api/v1/alerts")
@Tag(name = "Alerts", description = "Rules on any metric that fire once when a value crosses a threshold and resolve once when it"
        + " recovers, told through webhooks (alert.fired, alert.resolved) and e-mail")
public class AlertResource {

    /** One firing or resolution of a rule. */
    public record Event(long id, String type, String group, Instant at, Map<String, Object> data, boolean reported) {
    }

    @Inject
    Caller caller;

    @Inject
    AlertRules rules;

    @Inject
    Pool pool;

    @GET
    @Path("/rules")
    @Operation(operationId = "listAlertRules", summary = "The tenant's alert rules, oldest first, each with where its values stand")
    @APIResponse(responseCode = "200", description = "The rules")
    public Uni<List<AlertRule.View>> list() {
        return rules.list(caller.tenantId()).flatMap(found -> rules.states(found.stream().map(AlertRule::id).toList())
                .map(states -> found.stream().map(rule -> rule.view(states.getOrDefault(rule.id(), List.of()))).toList()));
    }

    @POST
    @Path("/rules")
    @RolesAllowed(InternalCaller.ROLE_ADMIN)
    @Operation(operationId = "createAlertRule", summary = "Watch a metric (admin): evaluated as data arrives and at least every minute")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "A field is wrong (each is named); nothing was created")
    public Uni<RestResponse<AlertRule.View>> create(@NotNull AlertRule.Request request) {
        Instant now = Instant.now();
        AlertRule rule = request.toRule(UUID.randomUUID(), caller.tenantId(), caller.get().timeZone(), now, now);
        return rules.save(rule, false).map(saved -> RestResponse.ResponseBuilder.<AlertRule.View>created(
                java.net.URI.create("/api/v1/alerts/rules/" + saved.id())).entity(saved.view(List.of())).build());
    }

    @GET
    @Path("/rules/{id}")
    @Operation(operationId = "getAlertRule", summary = "One rule with where its total or each group stands")
    @APIResponse(responseCode = "200", description = "The rule")
    @APIResponse(responseCode = "404", description = "No such rule")
    public Uni<AlertRule.View> get(@PathParam("id") UUID id) {
        return existing(id).flatMap(rule -> rules.states(List.of(id))
                .map(states -> rule.view(states.getOrDefault(id, List.of()))));
    }

    @PUT
    @Path("/rules/{id}")
    @RolesAllowed(InternalCaller.ROLE_ADMIN)
    @Operation(operationId = "updateAlertRule", summary = "Replace a rule (admin); a changed rule starts afresh, with nothing firing")
    @APIResponse(responseCode = "200", description = "Changed")
    @APIResponse(responseCode = "400", description = "A field is wrong (each is named); nothing was changed")
    @APIResponse(responseCode = "404", description = "No such rule")
    public Uni<AlertRule.View> update(@PathParam("id") UUID id, @NotNull AlertRule.Request request) {
        return existing(id).flatMap(current -> {
            AlertRule changed = request.toRule(id, current.tenantId(), caller.get().timeZone(), current.createdAt(), Instant.now());
            return rules.save(changed, true).map(saved -> saved.view(List.of()));
        });
    }

    @DELETE
    @Path("/rules/{id}")
    @RolesAllowed(InternalCaller.ROLE_ADMIN)
    @Operation(operationId = "deleteAlertRule", summary = "Delete a rule with its states and history (admin); nothing more is told of it")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such rule")
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return rules.delete(caller.tenantId(), id).map(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("No such alert rule");
            }
            return RestResponse.noContent();
        });
    }

    @GET
    @Path("/rules/{id}/events")
    @Operation(operationId = "listAlertEvents", summary = "The rule's firings and resolutions, newest first")
    @APIResponse(responseCode = "200", description = "The events")
    @APIResponse(responseCode = "404", description = "No such rule")
    public Uni<List<Event>> events(@PathParam("id") UUID id,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return existing(id).flatMap(rule -> pool.preparedQuery("SELECT id, group_key, event_type, occurred_at, data, reported_at"
                + " FROM alert_event WHERE rule_id = $1 ORDER BY id DESC LIMIT $2").execute(Tuple.of(id, limit)))
                .map(rows -> {
                    List<Event> events = new ArrayList<>();
                    rows.forEach(row -> events.add(new Event(row.getLong("id"), row.getString("event_type"),
                            row.getString("group_key").isEmpty() ? null : row.getString("group_key"),
                            row.getOffsetDateTime("occurred_at").toInstant(), ((JsonObject) row.getValue("data")).getMap(),
                            row.getOffsetDateTime("reported_at") != null)));
                    return events;
                });
    }

    private Uni<AlertRule> existing(UUID id) {
        return rules.find(caller.tenantId(), id).map(rule -> {
            if (rule == null) {
                throw ProblemException.notFound("No such alert rule");
            }
            return rule;
        });
    }
}
