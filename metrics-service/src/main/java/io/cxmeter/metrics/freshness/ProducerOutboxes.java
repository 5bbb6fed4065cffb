package io.cxmeter.metrics.freshness;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;


import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;

/**
 * Asks each event producer what of the tenant still waits in its outbox, with the caller's own token
 * (the producers accept the gateway's token and take the tenant from it). A producer that does not
 * answer within the timeout is reported unreachable: freshness is then not claimed.
 */
@ApplicationScoped
public class ProducerOutboxes {

    /** A producer's outbox status endpoint (libs/outbox OutboxStatusResource). */
    @Path("/status/v1/outbox")
    public interface StatusClient {

        record Status(String service, long pendingEvents, OffsetDateTime oldestPendingAt) {
        }

        @GET
        Uni<Status> status(@HeaderParam("Authorization") String authorization);
    }

    private record Producer(String service, StatusClient client) {
    }

    @Inject
    ProducersConfig config;

    private List<Producer> producers;

    @PostConstruct
    void init() {
        producers = List.of(new Producer("survey-service", client(config.surveyUrl())),
                new Producer("ticket-service", client(config.ticketUrl())));
    }

    private StatusClient client(URI url) {
        return QuarkusRestClientBuilder.newBuilder().baseUri(url)
                .connectTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .build(StatusClient.class);
    }

    /** Every producer's waiting changes for the caller's tenant, asked at once. */
    public Uni<List<Freshness.Waiting>> waiting(String authorization) {
        List<Uni<Freshness.Waiting>> asks = producers.stream().map(producer -> producer.client().status(authorization)
                .ifNoItem().after(config.timeout()).fail()
                .map(status -> new Freshness.Waiting(producer.service(), producer.service() + " outbox", true,
                        status.pendingEvents(), status.oldestPendingAt() == null ? null
                                : status.oldestPendingAt().withOffsetSameInstant(ZoneOffset.UTC)))
                .onFailure().recoverWithItem(failure -> new Freshness.Waiting(producer.service(),
                        producer.service() + " outbox", false, null, null)))
                .toList();
        return Uni.join().all(asks).andFailFast();
    }
}
