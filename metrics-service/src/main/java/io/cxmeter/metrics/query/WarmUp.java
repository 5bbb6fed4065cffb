package io.cxmeter.metrics.query;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxmeter.metrics.facts.Dimension;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Runs every metric's query path before the replica reports ready: compiled code answers a grouped
 * query 3 to 6 times as fast as the first requests of a new JVM (the benchmark's "first" column), so a
 * replica added under load would otherwise serve its first dashboards slowly. Each round asks every
 * metric, alone, grouped and as a weekly series, for a tenant that cannot exist (tenant ids are
 * lowercase letters, digits and '-'), so it only reads, and writes the answers as JSON. Readiness
 * ("query warm-up") is down until the rounds are done, or up anyway after {@code max-duration} or a
 * failure: a warm-up never keeps a working replica out of service.
 */
@ApplicationScoped
@Readiness
public class WarmUp implements HealthCheck {

    static final String TENANT = "~warm-up";
    /** A zone with DST, so that the weekly series cut their buckets the way most tenants' do. */
    private static final ZoneId ZONE = ZoneId.of("Europe/Vilnius");
    private static final Logger LOG = Logger.getLogger(WarmUp.class);

    @Inject
    MetricsEngine engine;

    @Inject
    ObjectMapper json;

    @Inject
    WarmUpConfig config;

    private volatile String state = "pending";

    void start(@Observes StartupEvent ignored) {
        if (config.rounds() <= 0) {
            state = "off";
            return;
        }
        List<MetricRequest> requests = requests();
        long started = System.nanoTime();
        Multi.createFrom().range(0, config.rounds())
                .onItem().transformToUniAndConcatenate(round -> answerAll(requests))
                .collect().last()
                .ifNoItem().after(config.maxDuration()).fail()
                .subscribe().with(
                        done -> {
                            state = "done";
                            LOG.infof("Query warm-up: %d rounds of every metric in %d ms", config.rounds(),
                                    Duration.ofNanos(System.nanoTime() - started).toMillis());
                        },
                        failure -> {
                            state = "given up";
                            LOG.warnf("Query warm-up stopped (%s); serving anyway", failure.toString());
                        });
    }

    /** Every metric alone, and grouped by its first dimension as a weekly series, over one quarter. */
    private static List<MetricRequest> requests() {
        Instant to = Instant.parse("2026-01-01T00:00:00Z");
        Instant from = to.minus(Duration.ofDays(91));
        List<MetricRequest> requests = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            Instant at = metric == Metric.OPEN_TICKETS ? to : null;
            Dimension groupBy = metric.dimensions().isEmpty() ? null : metric.dimensions().iterator().next();
            requests.add(request(metric, from, to, at, null, null));
            requests.add(request(metric, from, to, at, groupBy, Interval.WEEK));
        }
        return requests;
    }

    /** One round: each request answered and its answer written as JSON, one after the other. */
    private Uni<byte[]> answerAll(List<MetricRequest> requests) {
        return Multi.createFrom().iterable(requests)
                .onItem().transformToUniAndConcatenate(engine::compute)
                .onItem().transform(result -> {
                    try {
                        return json.writeValueAsBytes(result);
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .collect().last();
    }

    private static MetricRequest request(Metric metric, Instant from, Instant to, Instant at, Dimension groupBy,
            Interval interval) {
        return new MetricRequest(TENANT, ZONE, metric, from, to, at, groupBy, interval, null);
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("query warm-up").status(!state.equals("pending")).withData("state", state).build();
    }
}
