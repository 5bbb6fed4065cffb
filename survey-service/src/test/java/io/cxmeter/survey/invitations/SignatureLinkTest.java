package io.cxmeter.survey.invitations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.cxmeter.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** An agent's e-mail signature link: stable, attributed to the agent, one answer per browser and day. */
@QuarkusTest
class SignatureLinkTest {

    private final String tenant = "tenant-" + UUID.randomUUID();

    private RequestSpecification as() {
        return given().auth().oauth2(TestTokens.forTenantInZone(tenant, "Europe/Vilnius")).contentType(ContentType.JSON);
    }

    private List<String> links(String survey, String agent) {
        return as().get("/api/v1/surveys/" + survey + "/signature-links/" + agent).then().statusCode(200)
                .body("agentId", equalTo(agent)).body("html", containsString("<table"))
                .extract().path("links.url");
    }

    private static String path(String url) {
        return URI.create(url).getPath();
    }

    @Test
    void theLinkIsStableAndEachBrowserAnswersOncePerDay() {
        String survey = as().body("{\"name\":\"CSAT\",\"kind\":\"CSAT\"}").post("/api/v1/surveys").then().extract().path("id");
        List<String> links = links(survey, "A-7");
        assertEquals(5, links.size());
        assertEquals(links, links(survey, "A-7"), "the same links every time");
        List<String> other = links(survey, "A-8");
        assertNotEquals(links, other, "one link per agent");
        assertTrue(path(links.get(0)).startsWith("/r/s."), links.get(0));

        // Opening records nothing (mail scanners fetch every link); the page is in the browser's language.
        given().header("Accept-Language", "lt-LT,lt;q=0.9").get(path(links.get(4))).then().statusCode(200)
                .contentType(startsWith("text/html")).body(containsString("lang=\"lt\""));
        as().get("/api/v1/surveys/" + survey + "/responses").then().body("items", hasSize(0));

        Response first = given().post(path(links.get(4)));
        first.then().statusCode(200).body(containsString("Thank you"));
        String cookie = first.getCookie("cxmeter_answer");
        assertTrue(cookie != null && cookie.startsWith("sig-"), "the browser keeps its answer's id");
        assertTrue(first.getHeader("Set-Cookie").contains("Path=/r/" + path(links.get(0)).split("/")[2] + "/"));
        as().get("/api/v1/surveys/" + survey + "/responses").then().body("items", hasSize(1))
                .body("items[0].agentId", equalTo("A-7")).body("items[0].score", equalTo(5.0f))
                .body("items[0].touchpoint", equalTo("email-signature"));

        // The same browser clicks again: the first answer changes.
        given().cookie("cxmeter_answer", cookie).post(path(links.get(1))).then().statusCode(200);
        as().get("/api/v1/surveys/" + survey + "/responses").then().body("items", hasSize(1))
                .body("items[0].score", equalTo(2.0f));
        given().cookie("cxmeter_answer", cookie).contentType(ContentType.URLENC).formParam("comment", "Slow reply")
                .post(path(links.get(1)).replaceAll("/\\d+$", "/comment")).then().statusCode(200);
        as().get("/api/v1/surveys/" + survey + "/responses/" + cookie).then().body("comment", equalTo("Slow reply"));

        // Another browser (no cookie) adds its own answer; a cookie from another agent's link changes nothing of it.
        given().post(path(links.get(3))).then().statusCode(200);
        String others = given().post(path(other.get(0))).getCookie("cxmeter_answer");
        given().cookie("cxmeter_answer", others).post(path(links.get(2))).then().statusCode(200);
        as().get("/api/v1/surveys/" + survey + "/responses").then().body("items", hasSize(4));
        as().get("/api/v1/surveys/" + survey + "/responses/" + others).then().body("agentId", equalTo("A-8"))
                .body("score", equalTo(1.0f));

        // Off the scale, or a link that is not one.
        given().post(path(links.get(0)).replaceAll("/\\d+$", "/9")).then().statusCode(422);
        given().post("/r/s.unknown/3").then().statusCode(404);
        as().get("/api/v1/surveys/" + UUID.randomUUID() + "/signature-links/A-7").then().statusCode(404);
        as().get("/api/v1/surveys/" + survey + "/signature-links/bad%20id").then().statusCode(400);
    }
}
