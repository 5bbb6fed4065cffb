package io.cxmeter.ticket.erasure;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** survey-service's erasure endpoint (idempotent). */
@Path("/internal/v1/erasures")
@RegisterRestClient(configKey = "survey-erasures")
interface SurveyErasureClient {

    record Request(String customerId) {
    }

    record Answer(int responses, int invitations) {
    }

    @POST
    Uni<Answer> erase(@HeaderParam("Authorization") String authorization, Request request);
}
