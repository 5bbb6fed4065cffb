package io.cxmeter.survey.webhooks;

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

import io.cxmeter.problem.Problem;
import io.cxmeter.problem.ProblemException;
import io.cxmeter.survey.delivery.Sealing;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** A tenant's webhook endpoints: saved checked, secrets sealed, rotated with an overlap. */
@ApplicationScoped
public class WebhookEndpoints {

    /** What an endpoint is: where, which events, and whether it takes deliveries now and why not. */
    @Schema(name = "WebhookEndpoint")
    public record View(UUID id, String url, String description, List<String> eventTypes, boolean enabled,
            Instant disabledAt, String disabledReason, Instant failingSince, Instant previousSecretValidUntil,
            Instant createdAt, Instant updatedAt) {
    }

    /** An endpoint with its secret, shown once: when it is made and when the secret is rotated. */
    @Schema(name = "WebhookEndpointWithSecret")
    public record WithSecret(View endpoint,
            @Schema(description = "The signing secret (whsec_…): shown only in this answer") String secret) {
    }

    private static final String COLUMNS = "id, url, description, event_types, enabled, disabled_at, disabled_reason,"
            + " failing_since, previous_secret_until, created_at, updated_at";

    @Inject
    Pool pool;

    @Inject
    Sealing sealing;

    @Inject
    WebhookTargets targets;

    public Uni<WithSecret> create(String tenantId, String url, List<String> eventTypes, String description) {
        return checked(url, eventTypes).flatMap(ignored -> {
            String secret = WebhookSigner.newSecret();
            OffsetDateTime now = now();
            return pool.preparedQuery("INSERT INTO webhook_endpoint (tenant_id, id, url, description, event_types, enabled,"
                    + " secret_sealed, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, true, $6, $7, $7) RETURNING " + COLUMNS)
                    .execute(Tuple.tuple(Arrays.asList(tenantId, UUID.randomUUID(), url, description,
                            eventTypes.toArray(String[]::new), sealing.seal(tenantId, secret), now)))
                    .map(rows -> new WithSecret(view(rows.iterator().next()), secret));
        });
    }

    public Uni<List<View>> list(String tenantId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM webhook_endpoint WHERE tenant_id = $1 ORDER BY created_at, id")
                .execute(Tuple.of(tenantId)).map(rows -> {
                    List<View> views = new ArrayList<>();
                    rows.forEach(row -> views.add(view(row)));
                    return views;
                });
    }

    public Uni<View> get(String tenantId, UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM webhook_endpoint WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id)).map(rows -> found(rows.size() == 0 ? null : view(rows.iterator().next())));
    }

    /**
     * Changes what is given (null keeps it). Enabling a disabled endpoint clears why it was disabled
     * and resumes its pending deliveries.
     */
    public Uni<View> update(String tenantId, UUID id, String url, List<String> eventTypes, String description, Boolean enabled) {
        return get(tenantId, id).flatMap(current -> checked(url == null ? current.url() : url,
                eventTypes == null ? current.eventTypes() : eventTypes))
                .flatMap(ignored -> pool.preparedQuery("""
                        UPDATE webhook_endpoint SET url = coalesce($3, url), event_types = coalesce($4, event_types),
                            description = coalesce($5, description), enabled = coalesce($6::boolean, enabled),
                            disabled_at = CASE WHEN coalesce($6, enabled) THEN NULL ELSE coalesce(disabled_at, $7) END,
                            disabled_reason = CASE WHEN coalesce($6, enabled) THEN NULL
                                ELSE coalesce(disabled_reason, 'paused by the tenant') END,
                            failing_since = CASE WHEN $6::boolean THEN NULL ELSE failing_since END,
                            updated_at = $7
                        WHERE tenant_id = $1 AND id = $2 RETURNING """ + " " + COLUMNS)
                        .execute(Tuple.tuple(Arrays.asList(tenantId, id, url,
                                eventTypes == null ? null : eventTypes.toArray(String[]::new), description, enabled, now())))
                        .map(rows -> found(rows.size() == 0 ? null : view(rows.iterator().next()))));
    }

    public Uni<Boolean> delete(String tenantId, UUID id) {
        return pool.preparedQuery("DELETE FROM webhook_endpoint WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id)).map(rows -> rows.rowCount() > 0);
    }

    /** A new secret; the one it replaces still signs (beside it) for {@code overlapSeconds}. */
    public Uni<WithSecret> rotate(String tenantId, UUID id, long overlapSeconds) {
        String secret = WebhookSigner.newSecret();
        OffsetDateTime now = now();
        return pool.preparedQuery("UPDATE webhook_endpoint SET previous_secret_sealed = CASE WHEN $5::bigint > 0 THEN secret_sealed END,"
                + " previous_secret_until = CASE WHEN $5::bigint > 0 THEN $4 + make_interval(secs => $5::bigint::float8) END,"
                + " secret_sealed = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2 RETURNING " + COLUMNS)
                .execute(Tuple.of(tenantId, id, sealing.seal(tenantId, secret), now, overlapSeconds))
                .map(rows -> new WithSecret(found(rows.size() == 0 ? null : view(rows.iterator().next())), secret));
    }

    /** The URL and event types checked (the host resolved off the event loop); a 400 naming the field if not. */
    private Uni<Void> checked(String url, List<String> eventTypes) {
        List<Problem.Violation> violations = new ArrayList<>();
        for (int i = 0; i < eventTypes.size(); i++) {
            if (WebhookEventType.of(eventTypes.get(i)).isEmpty()) {
                violations.add(Problem.Violation.ofField("eventTypes[" + i + "]", "is not an event type; known: "
                        + String.join(", ", Arrays.stream(WebhookEventType.values()).map(WebhookEventType::wireName).toList())));
            }
        }
        return Uni.createFrom().item(() -> targets.refusal(url)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(refusal -> {
                    if (refusal != null) {
                        violations.add(Problem.Violation.ofField("url", refusal));
                    }
                    if (!violations.isEmpty()) {
                        throw new ProblemException(400, "The endpoint cannot be saved", violations);
                    }
                    return null;
                });
    }

    private static View found(View view) {
        if (view == null) {
            throw ProblemException.notFound("No such webhook endpoint");
        }
        return view;
    }

    static View view(Row row) {
        return new View(row.getUUID("id"), row.getString("url"), row.getString("description"),
                List.of(row.getArrayOfStrings("event_types")), row.getBoolean("enabled"), instant(row, "disabled_at"),
                row.getString("disabled_reason"), instant(row, "failing_since"), instant(row, "previous_secret_until"),
                instant(row, "created_at"), instant(row, "updated_at"));
    }

    static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
