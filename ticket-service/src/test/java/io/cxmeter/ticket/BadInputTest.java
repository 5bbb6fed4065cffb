package io.cxmeter.ticket;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.cxmeter.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Input a careless or hostile client may send: each is a 4xx problem naming what is wrong, in the
 * product's words (no Java type, no parser token), and nothing is stored.
 */
@QuarkusTest
class BadInputTest {

    private final String tenant = "tenant-" + UUID.randomUUID();

    @Inject
    Pool pool;

    private RequestSpecification as() {
        return given().auth().oauth2(TestTokens.forTenant(tenant));
    }

    private ValidatableResponse postTicket(String body) {
        return as().contentType(ContentType.JSON).body(body).post("/api/v1/tickets").then()
                .contentType("application/problem+json")
                .body(not(containsString("io.cxmeter"))).body(not(containsString("java.")))
                .body(not(containsString("JsonToken"))).body(not(containsString("START_")));
    }

    private long stored() {
        return pool.preparedQuery("SELECT (SELECT count(*) FROM ticket WHERE tenant_id = $1) + (SELECT count(*) FROM agent WHERE tenant_id = $1)"
                + " + (SELECT count(*) FROM customer WHERE tenant_id = $1)").execute(Tuple.of(tenant)).await().indefinitely()
                .iterator().next().getLong(0);
    }

    @Test
    void aNulCharacterAnywhereInTheBodyIsRefusedByField() {
        postTicket("{\"id\":\"T-1\",\"channel\":\"email\",\"subject\":\"a\\u0000b\"}").statusCode(400)
                .body("errors[0].field", equalTo("subject"));
        postTicket("{\"id\":\"T-1\",\"channel\":\"email\",\"tags\":[\"ok\",\"x\\u0000\"]}").statusCode(400)
                .body("errors[0].field", equalTo("tags[1]"));
        as().contentType(ContentType.JSON)
                .body("{\"id\":\"C-1\",\"since\":\"2026-01-01T00:00:00Z\",\"attributes\":{\"note\":\"x\\u0000\"}}")
                .post("/api/v1/customers").then().statusCode(400).body("errors[0].field", containsString("attributes"));
        as().contentType("application/x-ndjson")
                .body("{\"id\":\"T-2\",\"channel\":\"email\",\"subject\":\"\\u0000\",\"createdAt\":\"2026-02-03T08:00:00Z\"}"
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/tickets/import").then().statusCode(422)
                .body("errors[0].error", containsString("subject must not contain the NUL character"));
        assertEquals(0, stored());
    }

    @Test
    void wrongTypesAndBrokenJsonAreNamedInPlainWords() {
        postTicket("{\"id\":\"T-1\",\"channel\":\"fax\"}").statusCode(400)
                .body("errors[0].field", equalTo("channel")).body("errors[0].error", containsString("must be one of"));
        postTicket("{\"id\":\"T-1\",\"channel\":\"email\",\"createdAt\":\"yesterday\"}").statusCode(400)
                .body("errors[0].field", equalTo("createdAt")).body("errors[0].error", containsString("ISO-8601"));
        postTicket("{\"id\":\"T-1\",\"channel\":[\"email\"]}").statusCode(400).body("errors[0].field", equalTo("channel"));
        postTicket("{\"id\":\"T-1\",\"channel\":\"email\"").statusCode(400).body("detail", containsString("not valid JSON"));
        as().contentType(ContentType.JSON).body("{\"type\":\"handled\",\"talkSeconds\":99999999999}")
                .post("/api/v1/tickets/T-404/events").then().statusCode(400)
                .body("errors[0].field", equalTo("talkSeconds")).body(not(containsString("java.")));
        as().contentType(ContentType.JSON).body("{\"type\":\"handled\",\"talkSeconds\":NaN}")
                .post("/api/v1/tickets/T-404/events").then().statusCode(400)
                .body("errors[0].field", equalTo("talkSeconds")).body("errors[0].error", containsString("NaN"));
        assertEquals(0, stored());
    }

    @Test
    void aQueryParameterOfTheWrongTypeIsABadRequestNotANotFound() {
        as().get("/api/v1/agents?limit=99999999999").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        as().get("/api/v1/tickets?limit=abc").then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    @Test
    void idsFollowOneRuleOnEveryWayIn() {
        String rule = "must be 1 to 128 ASCII letters";
        for (String id : new String[] {"a|b", "{x}", "50%", "../../customers/X", "a#b?c", "Ąžuolas", "😀", "x".repeat(129)}) {
            String json = new io.vertx.core.json.JsonObject().put("id", id).put("channel", "email").encode();
            postTicket(json).statusCode(400).body("errors[0].field", equalTo("id")).body("errors[0].error", containsString(rule));
            String line = new io.vertx.core.json.JsonObject(json).put("createdAt", "2026-02-03T08:00:00Z").encode();
            as().contentType("application/x-ndjson").body(line.getBytes(StandardCharsets.UTF_8))
                    .post("/api/v1/tickets/import").then().statusCode(422)
                    .body("errors[0].error", containsString(rule));
            as().contentType(ContentType.JSON).body(new io.vertx.core.json.JsonObject().put("id", id)
                    .put("since", "2026-01-01T00:00:00Z").encode()).post("/api/v1/customers").then().statusCode(422)
                    .body("errors[0].error", containsString(rule));
            as().contentType(ContentType.JSON).body(new io.vertx.core.json.JsonObject().put("id", id).put("name", "N").encode())
                    .post("/api/v1/agents").then().statusCode(400).body("errors[0].field", equalTo("id"));
        }
        // An agent named inside an import follows the same rule.
        as().contentType("application/x-ndjson").body(("{\"id\":\"T-9\",\"channel\":\"email\",\"createdAt\":\"2026-02-03T08:00:00Z\","
                + "\"events\":[{\"type\":\"assigned\",\"at\":\"2026-02-03T08:01:00Z\",\"agentId\":\"" + "a".repeat(900) + "\"}]}")
                .getBytes(StandardCharsets.UTF_8)).post("/api/v1/tickets/import").then().statusCode(422)
                .body("errors[0].error", containsString("events[0].agentId"));
        assertEquals(0, stored());
        // A valid id with every allowed character is stored and its Location names it as a path segment.
        as().contentType(ContentType.JSON).body("{\"id\":\"A.b_c-d:e@f+g=h~i\",\"channel\":\"email\"}").post("/api/v1/tickets")
                .then().statusCode(201).header("Location", containsString("/api/v1/tickets/A.b_c-d:e@f+g=h~i"));
    }
}
