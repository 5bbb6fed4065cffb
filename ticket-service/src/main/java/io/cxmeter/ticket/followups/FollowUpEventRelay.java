package io.cxmeter.ticket.followups;

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
 * Reports follow-ups opened and resolved ({@code follow_up_event}, written by the database in the
 * follow-up's transaction) to survey-service for the tenant's webhooks, at least once; rows
 * survey-service took are deleted.
 */
@ApplicationScoped
public class FollowUpEventRelay {

    private static final Logger LOG = Logger.getLogger(FollowUpEventRelay.class);

    @Inject
    Pool pool;

    @Inject
    FollowUpEventsConfig config;

    @Inject
    @RestClient
    SurveyWebhookEvents surveys;

    private WebhookEventReporter reporter;

    @PostConstruct
    void init() {
        if (config.enabled()) {
            reporter = new WebhookEventReporter(pool, surveys, config.signingKey(), "ticket-service",
                    new WebhookEventReporter.Source("follow-up events", "follow_up_event", "true",
                            "DELETE FROM follow_up_event WHERE id = ANY ($1)",
                            row -> new SurveyWebhookEvents.Event(row.getString("event_type"), row.getString("event_key"),
                                    row.getString("customer_id"), row.getOffsetDateTime("occurred_at").toInstant(),
                                    ((JsonObject) row.getValue("data")).getMap())),
                    config.maxBackoff());
        }
    }

    @Scheduled(every = "${cxmeter.follow-up-events.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = RelayDisabled.class)
    Uni<Void> tick() {
        return relayOnce().onFailure().invoke(e -> LOG.warnf("Reporting follow-up events failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One round: the due events reported, per tenant; how many survey-service took. */
    public Uni<Integer> relayOnce() {
        return reporter.reportOnce();
    }

    /** Lets tests and single-purpose deployments switch the relay off. */
    @ApplicationScoped
    public static class RelayDisabled implements Scheduled.SkipPredicate {

        @Inject
        FollowUpEventsConfig config;

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.enabled();
        }
    }
}
