package io.cxmeter.survey.invitations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.cxmeter.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class InvitationTest {

    private final String tenant = "tenant-" + UUID.randomUUID();

    @Inject
    Pool pool;

    private RequestSpecification as() {
        return given().auth().oauth2(TestTokens.forTenantInZone(tenant, "Europe/Vilnius")).contentType(ContentType.JSON);
    }

    private long count(String sql) {
        return pool.preparedQuery(sql).execute(Tuple.of(tenant)).await().indefinitely().iterator().next().getLong(0);
    }

    /** The path of a link (tests call the service directly, not through the gateway). */
    private static String path(String url) {
        return URI.create(url).getPath();
    }

    private JsonPath invite(String survey, String body) {
        return as().body(body).post("/api/v1/surveys/" + survey + "/invitations").then().statusCode(201).extract().jsonPath();
    }

    @Test
    void oneClickRecordsTheScoreAndAnotherClickChangesIt() {
        String survey = as().body("{\"name\":\"NPS\",\"kind\":\"NPS\"}").post("/api/v1/surveys").then().extract().path("id");
        JsonPath invitation = invite(survey, "{\"customerId\":\"C-1\",\"agentId\":\"A-1\",\"channel\":\"email\",\"locale\":\"lt-LT\"}");
        List<String> links = invitation.getList("links.url");
        assertEquals(11, links.size(), "one link per score of 0–10");
        String html = invitation.getString("html");
        links.forEach(link -> org.junit.jupiter.api.Assertions.assertTrue(html.contains(link)));
        String id = invitation.getString("id");

        // Opening the link (a mail scanner, or a browser before its script runs) records nothing.
        given().head(path(links.get(9))).then().statusCode(200);
        given().get(path(links.get(9))).then().statusCode(200).contentType(startsWith("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .body(containsString("<script src=\"/widget/v1/rating.js\" defer></script>"))
                .body(not(containsString("<style")));
        as().get("/api/v1/surveys/" + survey + "/responses").then().body("items", hasSize(0));
        // The page posts it back. lt-LT falls back to the Lithuanian texts.
        given().post(path(links.get(9))).then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("Ačiū už jūsų atsiliepimą!")).body(containsString("action=\"comment\""));
        as().get("/api/v1/surveys/" + survey + "/responses/inv-" + id).then().statusCode(200)
                .body("score", equalTo(9.0f)).body("customerId", equalTo("C-1")).body("locale", equalTo("lt-LT"));

        given().post(path(links.get(3))).then().statusCode(200);
        as().get("/api/v1/surveys/" + survey + "/responses").then().body("items", hasSize(1)).body("items[0].score", equalTo(3.0f));

        // The comment is stored as given and shown escaped.
        String hostile = "<script>alert(1)</script>";
        given().contentType(ContentType.URLENC).formParam("comment", hostile)
                .post(path(links.get(3)).replaceAll("/3$", "/comment"))
                .then().statusCode(200).body(containsString("&lt;script&gt;")).body(not(containsString(hostile)));
        as().get("/api/v1/surveys/" + survey + "/responses/inv-" + id).then().body("comment", equalTo(hostile));

        // Invitations count toward the response rate: sent, then answered (once).
        assertEquals(2, count("SELECT count(*) FROM outbox_event WHERE tenant_id = $1 AND type = 'invitation.upserted'"));
        assertEquals(1, count("SELECT count(*) FROM outbox_event WHERE tenant_id = $1 AND type = 'invitation.upserted'"
                + " AND (payload->>'responded')::boolean"));
    }

    @Test
    void linksNameTheConfiguredPublicAddressWhateverHostTheRequestCarried() {
        String survey = as().body("{\"name\":\"NPS\",\"kind\":\"NPS\"}").post("/api/v1/surveys").then().extract().path("id");
        List<String> links = as().header("Host", "evil.example").header("X-Forwarded-Host", "evil.example")
                .body("{}").post("/api/v1/surveys/" + survey + "/invitations")
                .then().statusCode(201).extract().jsonPath().getList("links.url");
        links.forEach(link -> org.junit.jupiter.api.Assertions.assertTrue(link.startsWith("http://localhost:8080/r/"), link));
    }

    @Test
    void aLongCommentFormIsRefusedWithAProblem() {
        String survey = as().body("{\"name\":\"NPS\",\"kind\":\"NPS\"}").post("/api/v1/surveys").then().extract().path("id");
        String first = path(invite(survey, "{}").getList("links.url", String.class).get(0));
        given().contentType(ContentType.URLENC).formParam("comment", "x".repeat(100_000))
                .post(first.replaceAll("/0$", "/comment"))
                .then().statusCode(413).contentType("application/problem+json");
        given().contentType(ContentType.URLENC).formParam("comment", "x".repeat(100_000))
                .post("/r/not-a-token/comment")
                .then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void badClicksChangeNothing() {
        String survey = as().body("{\"name\":\"CSAT\",\"kind\":\"CSAT\"}").post("/api/v1/surveys").then().extract().path("id");
        JsonPath invitation = invite(survey, "{}");
        String first = path(invitation.getList("links.url", String.class).get(0));
        String base = first.substring(0, first.lastIndexOf('/') + 1);

        given().get(base + "6").then().statusCode(422).contentType(startsWith("text/html"));
        given().post(base + "6").then().statusCode(422).contentType(startsWith("text/html"));
        given().post(base + "x").then().statusCode(422);
        given().post(base + "NaN").then().statusCode(422);
        given().get("/r/not-a-token/3").then().statusCode(404);
        given().post("/r/not-a-token/3").then().statusCode(404);
        assertEquals(0, count("SELECT count(*) FROM response WHERE tenant_id = $1"));

        given().post(base + "5").then().statusCode(200);
        // More than 24 hours after the first click the link no longer changes the answer.
        pool.preparedQuery("UPDATE invitation SET responded_at = now() - interval '25 hours' WHERE tenant_id = $1")
                .execute(Tuple.of(tenant)).await().indefinitely();
        given().get(base + "1").then().statusCode(410).body(containsString("expired"));
        given().post(base + "1").then().statusCode(410);
        as().get("/api/v1/surveys/" + survey + "/responses").then().body("items[0].score", equalTo(5.0f));

        // A paused survey takes no clicks (and no new invitations).
        JsonPath second = invite(survey, "{}");
        as().body("{\"status\":\"paused\"}").patch("/api/v1/surveys/" + survey).then().statusCode(200);
        given().post(path(second.getList("links.url", String.class).get(4))).then().statusCode(409);
        as().body("{}").post("/api/v1/surveys/" + survey + "/invitations").then().statusCode(409);
        assertEquals(1, count("SELECT count(*) FROM response WHERE tenant_id = $1"));
    }
}
