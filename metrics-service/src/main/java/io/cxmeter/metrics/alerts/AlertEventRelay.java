package io.cxmeter.metrics.alerts;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.cxmeter.peerevents.SurveyWebhookEvents;
import io.cxmeter.peerevents.WebhookEventReporter;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Reports alert transitions to survey-service, which delivers them to the tenant's webhooks
 * ({@code alert.fired}, {@code alert.resolved}) and e-mails the rule's recipients, at least once.
 * Each event's key is its row id, so survey-service makes one message of it however often it is
 * reported; reported rows stay as the rule's history.
 */
@ApplicationScoped
public class AlertEventRelay {

    private static final Logger LOG = Logger.getLogger(AlertEventRelay.class);

    @Inject
    Pool pool;

    @Inject
    AlertsConfig config;

    @Inject
    @RestClient
    SurveyWebhookEvents surveys;

    private WebhookEventReporter reporter;

    @PostConstruct
    void init() {
        if (config.report()) {
            reporter = new WebhookEventReporter(pool, surveys, config.signingKey(), "metrics-service",
                    new WebhookEventReporter.Source("alert transitions", "alert_event", "reported_at IS NULL",
                            "UPDATE alert_event SET reported_at = now() WHERE id = ANY ($1)",
                            row -> new SurveyWebhookEvents.Event(row.getString("event_type"), "alert-event-" + row.getLong("id"),
                                    null, row.getOffsetDateTime("occurred_at").toInstant(),
                                    ((JsonObject) row.getValue("data")).getMap())),
                    config.maxBackoff());
        }
    }

    @Scheduled(every = "${cxmeter.alerts.report-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = RelayOff.class)
    Uni<Void> tick() {
        return relayOnce().onFailure().invoke(e -> LOG.warnf("Reporting alert transitions failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One round: the waiting transitions reported, per tenant; how many survey-service took. */
    public Uni<Integer> relayOnce() {
        return reporter.reportOnce();
    }

    /** Lets tests and single-purpose deployments switch reporting off. */
    @ApplicationScoped
    public static class RelayOff implements Scheduled.SkipPredicate {

        @Inject
        AlertsConfig config;

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.report();
        }
    }
}
