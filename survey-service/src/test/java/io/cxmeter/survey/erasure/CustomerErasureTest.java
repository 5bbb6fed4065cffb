package io.cxmeter.survey.erasure;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.cxmeter.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** ticket-service's erasure of a customer, as survey-service carries it out: nothing naming them is left. */
@QuarkusTest
class CustomerErasureTest {

    private final String tenant = "tenant-" + UUID.randomUUID();

    @Inject
    Pool pool;

    private RequestSpecification as() {
        return given().auth().oauth2(TestTokens.forTenantInZone(tenant, "Europe/Vilnius")).contentType(ContentType.JSON);
    }

    private long count(String sql) {
        return pool.preparedQuery(sql).execute(Tuple.of(tenant)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void responsesCommentsInvitationsAndOutboxEventsOfTheCustomerAreErased() {
        String nps = as().body("{\"name\":\"NPS\",\"kind\":\"NPS\",\"followUp\":true}").post("/api/v1/surveys")
                .then().statusCode(201).extract().path("id");
        as().body("{\"score\":2,\"customerId\":\"C-1\",\"comment\":\"Call me on +370 600 00000, jonas@example.com\"}")
                .post("/api/v1/surveys/" + nps + "/responses").then().statusCode(201);
        as().body("{\"score\":9,\"customerId\":\"C-2\",\"comment\":\"Fine\"}").post("/api/v1/surveys/" + nps + "/responses")
                .then().statusCode(201);
        List<String> links = as().body("{\"customerId\":\"C-1\"}").post("/api/v1/surveys/" + nps + "/invitations")
                .then().statusCode(201).extract().jsonPath().getList("links.url");
        given().post(URI.create(links.get(8)).getPath()).then().statusCode(200);
        // Some events already left (delivered), the rest still wait.
        pool.preparedQuery("UPDATE outbox_event SET published_at = now() WHERE tenant_id = $1 AND type = 'response.upserted'"
                + " AND payload ->> 'score' = '2.0'").execute(Tuple.of(tenant)).await().indefinitely();

        // Only a service's token opens /internal: a tenant's cannot erase this way.
        as().body("{\"customerId\":\"C-1\"}").post("/internal/v1/erasures").then().statusCode(401);
        given().auth().oauth2(TestTokens.peer(tenant)).contentType(ContentType.JSON).body("{\"customerId\":\"C-1\"}")
                .post("/internal/v1/erasures").then().statusCode(200)
                .body("responses", equalTo(2)).body("invitations", equalTo(1));

        assertEquals(0, count("SELECT count(*) FROM response WHERE tenant_id = $1 AND (customer_id = 'C-1' OR comment LIKE '%jonas%')"));
        assertEquals(1, count("SELECT count(*) FROM response WHERE tenant_id = $1"), "another customer's answer stays");
        assertEquals(0, count("SELECT count(*) FROM invitation WHERE tenant_id = $1"));
        assertEquals(0, count("SELECT count(*) FROM follow_up WHERE tenant_id = $1 AND customer_id = 'C-1'"));
        assertEquals(0, count("SELECT count(*) FROM outbox_event WHERE tenant_id = $1 AND payload::text LIKE '%C-1%'"));
        // metrics-service is told to forget the answers and the invitation.
        assertEquals(2, count("SELECT count(*) FROM outbox_event WHERE tenant_id = $1 AND type = 'response.deleted'"));
        assertEquals(1, count("SELECT count(*) FROM outbox_event WHERE tenant_id = $1 AND type = 'invitation.deleted'"));
        // Asked again (a retry after a lost answer): nothing left to erase, no error.
        given().auth().oauth2(TestTokens.peer(tenant)).contentType(ContentType.JSON).body("{\"customerId\":\"C-1\"}")
                .post("/internal/v1/erasures").then().statusCode(200).body("responses", equalTo(0));
    }

    @Test
    void aMalformedCustomerIdIsRefused() {
        given().auth().oauth2(TestTokens.peer(tenant)).contentType(ContentType.JSON).body("{\"customerId\":\"../x\"}")
                .post("/internal/v1/erasures").then().statusCode(400).contentType("application/problem+json");
    }
}
