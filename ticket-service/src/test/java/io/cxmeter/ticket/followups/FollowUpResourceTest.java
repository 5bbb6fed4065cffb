package io.cxmeter.ticket.followups;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.cxmeter.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class FollowUpResourceTest {

    private final String tenant = "tenant-" + UUID.randomUUID();

    private RequestSpecification api() {
        return given().auth().oauth2(TestTokens.peer(tenant)).contentType(ContentType.JSON);
    }

    @Test
    void aNegativeResponseOpensExactlyOneFollowUpTicketHoweverOftenRetried() {
        String body = "{\"responseId\":\"R-5\",\"surveyId\":\"S-1\",\"score\":3,\"channel\":\"chat\",\"customerId\":\"C-17\","
                + "\"agentId\":\"A-3\",\"ticketId\":\"T-1001\"}";
        api().body(body).post("/internal/v1/follow-ups")
                .then().statusCode(201)
                .body("ticketId", equalTo("followup-S-1:R-5")).body("created", equalTo(true));
        api().body(body).post("/internal/v1/follow-ups")
                .then().statusCode(200).body("created", equalTo(false));
        // survey-service names the answer by survey and key: the same answer.
        api().body(body.replace("\"R-5\"", "\"S-1:R-5\"")).post("/internal/v1/follow-ups")
                .then().statusCode(200).body("created", equalTo(false)).body("ticketId", equalTo("followup-S-1:R-5"));

        tenantApi().get("/api/v1/tickets/followup-S-1:R-5").then().statusCode(200)
                .body("channel", equalTo("chat"))
                .body("status", equalTo("new"))
                .body("customerId", equalTo("C-17"))
                .body("tags", hasItems("follow-up", "survey:S-1", "about:T-1001"));
        tenantApi().queryParam("tag", "follow-up").get("/api/v1/tickets").then().body("items", hasSize(1));
    }

    @Test
    void onlyPeerServicesMayOpenFollowUps() {
        // A gateway token is for the public API; /internal is for the services' own key.
        tenantApi().body("{\"responseId\":\"R-7\",\"surveyId\":\"S-1\"}").post("/internal/v1/follow-ups")
                .then().statusCode(401);
        tenantApi().get("/api/v1/tickets/followup-S-1:R-7").then().statusCode(404);
    }

    private RequestSpecification tenantApi() {
        return given().auth().oauth2(TestTokens.forTenant(tenant)).contentType(ContentType.JSON);
    }

    @Test
    void aResponseWithoutAKnownChannelGetsAnApiTicket() {
        api().body("{\"responseId\":\"R-6\",\"surveyId\":\"S-1\",\"channel\":\"kiosk\"}").post("/internal/v1/follow-ups")
                .then().statusCode(201);
        tenantApi().get("/api/v1/tickets/followup-S-1:R-6").then().body("channel", equalTo("api"));
    }

    @Test
    void theResponseIdIsRequired() {
        api().body("{\"surveyId\":\"S-1\"}").post("/internal/v1/follow-ups")
                .then().statusCode(400).body("errors.field", contains("responseId"));
    }
}
