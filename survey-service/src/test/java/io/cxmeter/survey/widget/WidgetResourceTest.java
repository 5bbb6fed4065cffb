package io.cxmeter.survey.widget;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.cxmeter.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class WidgetResourceTest {

    private static final String SITE = "https://shop.example";

    private final String tenant = "tenant-" + UUID.randomUUID();

    @Inject
    Pool pool;

    private RequestSpecification api() {
        return given().auth().oauth2(TestTokens.forTenantInZone(tenant, "Europe/Riga")).contentType(ContentType.JSON);
    }

    /** A survey's id and public key. */
    private String[] survey(String body) {
        var created = api().body(body).post("/api/v1/surveys").then().statusCode(201).extract();
        return new String[] {created.path("id"), created.path("publicKey")};
    }

    private static RequestSpecification page(String origin) {
        return given().header("Origin", origin).contentType(ContentType.JSON);
    }

    private long responses(String surveyId) {
        return pool.preparedQuery("SELECT count(*) FROM response WHERE survey_id = $1").execute(Tuple.of(UUID.fromString(surveyId)))
                .await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void theConfigSpeaksTheVisitorsLanguage() {
        String key = survey("{\"name\":\"NPS\",\"kind\":\"NPS\",\"allowedOrigins\":[\"" + SITE + "\"]}")[1];

        // Built-in texts: lt-LT → lt; every word in the language of the question.
        page(SITE).queryParam("locale", "lt-LT").get("/public/v1/surveys/" + key)
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", SITE)
                .header("Vary", containsString("Origin"))
                .body("locale", equalTo("lt"))
                .body("question", equalTo("Kaip tikėtina, kad rekomenduotumėte mus draugui ar kolegai?"))
                .body("scale.min", equalTo(0)).body("scale.max", equalTo(10))
                .body("low", equalTo("Visiškai netikėtina"))
                .body("followUpQuestion", equalTo("Kokia pagrindinė jūsų įvertinimo priežastis?"))
                .body("words.send", equalTo("Siųsti"))
                .body("ask", equalTo(true));
        // Without ?locale the browser's Accept-Language decides; an unshipped language gets the default.
        page(SITE).header("Accept-Language", "da-DK,da;q=0.9").get("/public/v1/surveys/" + key)
                .then().body("locale", equalTo("da")).body("words.thanks", equalTo("Tak for din feedback!"));
        page(SITE).queryParam("locale", "pl").get("/public/v1/surveys/" + key).then().body("locale", equalTo("en"));
    }

    @Test
    void theTenantsQuestionsGoExactTagThenLanguageThenDefault() {
        String key = survey("""
                {"name":"CSAT","kind":"CSAT","defaultLocale":"de","allowedOrigins":["https://shop.example"],
                 "questions":{"de":"Wie war es?","lt":"Kaip sekėsi?","en-GB":"How was it, mate?"},"askComment":false}""")[1];

        page(SITE).queryParam("locale", "lt-LT").get("/public/v1/surveys/" + key)
                .then().body("locale", equalTo("lt")).body("question", equalTo("Kaip sekėsi?"))
                .body("low", equalTo("Labai nepatenkintas")).body("followUpQuestion", nullValue());
        page(SITE).queryParam("locale", "en-GB").get("/public/v1/surveys/" + key)
                .then().body("locale", equalTo("en-GB")).body("question", equalTo("How was it, mate?"))
                .body("words.send", equalTo("Send"));
        page(SITE).queryParam("locale", "fr").get("/public/v1/surveys/" + key)
                .then().body("locale", equalTo("de")).body("question", equalTo("Wie war es?"))
                .body("words.send", equalTo("Senden"));
    }

    @Test
    void anAnswerFromAnAllowedPageIsStoredWithItsLocaleAndComment() {
        String[] survey = survey("{\"name\":\"NPS\",\"kind\":\"NPS\",\"touchpoint\":\"help-center\",\"channel\":\"web\","
                + "\"allowedOrigins\":[\"" + SITE + "\"]}");

        page(SITE).options("/public/v1/surveys/" + survey[1] + "/responses")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", SITE)
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Content-Type"));
        page(SITE).options("/public/v1/surveys/" + survey[1]).then().statusCode(204).header("Access-Control-Allow-Origin", SITE);
        page(SITE).options("/public/v1/surveys/" + survey[1] + "/responses/w-1").then().statusCode(204)
                .header("Access-Control-Allow-Methods", containsString("PATCH"));
        String id = page(SITE).body("{\"score\":9,\"locale\":\"lt-LT\",\"visitorId\":\"v-1\",\"customerId\":\"C-7\"}")
                .post("/public/v1/surveys/" + survey[1] + "/responses")
                .then().statusCode(201)
                .header("Access-Control-Allow-Origin", SITE)
                .body("id", startsWith("w-"))
                .extract().path("id");
        page(SITE).body("{\"comment\":\"<script>alert(1)</script> Greita pagalba\"}")
                .patch("/public/v1/surveys/" + survey[1] + "/responses/" + id)
                .then().statusCode(200).header("Access-Control-Allow-Origin", SITE);

        api().get("/api/v1/surveys/" + survey[0] + "/responses/" + id)
                .then().statusCode(200)
                .body("score", equalTo(9.0f))
                .body("locale", equalTo("lt-LT"))
                .body("customerId", equalTo("C-7"))
                .body("comment", equalTo("<script>alert(1)</script> Greita pagalba"))
                // The survey's labels, since the widget names none of its own.
                .body("touchpoint", equalTo("help-center"))
                .body("channel", equalTo("web"));
        assertEquals("Europe/Riga", pool.preparedQuery("SELECT zone FROM outbox_event WHERE tenant_id = $1 LIMIT 1")
                .execute(Tuple.of(tenant)).await().indefinitely().iterator().next().getString("zone"));
    }

    @Test
    void aPageOfAnotherOriginIsRefusedAndNothingIsStored() {
        String[] survey = survey("{\"name\":\"NPS\",\"kind\":\"NPS\",\"allowedOrigins\":[\"" + SITE + "\"]}");

        for (String hostile : new String[] {"https://evil.example", "https://shop.example.evil.example", "null",
            "http://shop.example"}) {
            page(hostile).body("{\"score\":0}").post("/public/v1/surveys/" + survey[1] + "/responses")
                    .then().statusCode(403)
                    .contentType(startsWith("application/problem+json"))
                    .header("Access-Control-Allow-Origin", nullValue());
            page(hostile).options("/public/v1/surveys/" + survey[1] + "/responses")
                    .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
            page(hostile).get("/public/v1/surveys/" + survey[1])
                    .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
        }
        assertEquals(0, responses(survey[0]));
    }

    @Test
    void badAnswersGetTheRightErrorAndStoreNothing() {
        String[] survey = survey("{\"name\":\"CSAT\",\"kind\":\"CSAT\",\"allowedOrigins\":[\"" + SITE + "\"]}");
        String answers = "/public/v1/surveys/" + survey[1] + "/responses";

        page(SITE).body("{\"score\":6}").post(answers).then().statusCode(422)
                .header("Access-Control-Allow-Origin", SITE)
                .body("errors[0].error", containsString("outside this survey's scale 1–5"));
        page(SITE).body("{\"score\":4.5}").post(answers).then().statusCode(422);
        page(SITE).body("{\"score\":4,\"comment\":\"" + "x".repeat(5001) + "\"}").post(answers).then().statusCode(422);
        page(SITE).body("{\"score\":4,\"locale\":\"<script>\"}").post(answers).then().statusCode(422);
        page(SITE).body("{\"score\":4}").post("/public/v1/surveys/pk_unknown/responses").then().statusCode(404);
        page(SITE).body("{\"comment\":\"hi\"}").patch(answers + "/w-unknown").then().statusCode(404);
        assertEquals(0, responses(survey[0]));

        api().body("{\"status\":\"paused\"}").patch("/api/v1/surveys/" + survey[0]).then().statusCode(200);
        page(SITE).body("{\"score\":4}").post(answers).then().statusCode(409);
        page(SITE).get("/public/v1/surveys/" + survey[1]).then().statusCode(409);
        assertEquals(0, responses(survey[0]));
    }

    @Test
    void aVisitorOrCustomerIsNotAskedAgainTooSoon() {
        String[] survey = survey("{\"name\":\"NPS\",\"kind\":\"NPS\",\"minDaysBetweenAsks\":30,\"allowedOrigins\":[\"" + SITE + "\"]}");
        String answers = "/public/v1/surveys/" + survey[1] + "/responses";

        page(SITE).body("{\"score\":10,\"visitorId\":\"v-1\",\"customerId\":\"C-1\"}").post(answers).then().statusCode(201);

        ValidatableResponse again = page(SITE).body("{\"score\":3,\"visitorId\":\"v-1\"}").post(answers).then().statusCode(429);
        long retryAfter = Long.parseLong(again.extract().header("Retry-After"));
        assertTrue(retryAfter > 29 * 86_400L && retryAfter <= 30 * 86_400L, "Retry-After " + retryAfter);
        // The same customer on another device, too.
        page(SITE).body("{\"score\":3,\"visitorId\":\"v-2\",\"customerId\":\"C-1\"}").post(answers).then().statusCode(429);
        page(SITE).queryParam("visitorId", "v-1").get("/public/v1/surveys/" + survey[1]).then().body("ask", equalTo(false));
        page(SITE).queryParam("visitorId", "v-3").get("/public/v1/surveys/" + survey[1]).then().body("ask", equalTo(true));
        page(SITE).body("{\"score\":3,\"visitorId\":\"v-3\"}").post(answers).then().statusCode(201);
        assertEquals(2, responses(survey[0]));

        // Erasing the customer forgets when they answered.
        api().queryParam("customerId", "C-1").delete("/api/v1/surveys/responses").then().statusCode(200);
        page(SITE).body("{\"score\":8,\"visitorId\":\"v-9\",\"customerId\":\"C-1\"}").post(answers).then().statusCode(201);
    }

    @Test
    void aNegativeWidgetAnswerOpensAFollowUp() {
        String[] survey = survey("{\"name\":\"CES\",\"kind\":\"CES\",\"followUp\":true,\"allowedOrigins\":[\"" + SITE + "\"]}");
        page(SITE).body("{\"score\":2}").post("/public/v1/surveys/" + survey[1] + "/responses").then().statusCode(201);

        assertEquals(1, pool.preparedQuery("SELECT count(*) FROM follow_up WHERE survey_id = $1")
                .execute(Tuple.of(UUID.fromString(survey[0]))).await().indefinitely().iterator().next().getLong(0));
    }

    @Test
    void widgetJsIsSmallPlainJavaScript() throws IOException {
        byte[] script = given().get("/widget/v1/widget.js")
                .then().statusCode(200)
                .contentType(startsWith("text/javascript"))
                .header("Cache-Control", containsString("max-age"))
                .header("ETag", startsWith("\""))
                .extract().asByteArray();
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(script);
        }
        org.hamcrest.MatcherAssert.assertThat(gzipped.size(), lessThan(10 * 1024));
        String source = new String(script, java.nio.charset.StandardCharsets.UTF_8);
        // Runs under a strict CSP: no eval, no string timers, no inline styles.
        for (String forbidden : new String[] {"eval(", "new Function", "innerHTML", "setAttribute('style'", ".style."}) {
            assertTrue(!source.contains(forbidden), forbidden);
        }
        String etag = given().get("/widget/v1/widget.js").then().extract().header("ETag");
        given().header("If-None-Match", etag).get("/widget/v1/widget.js").then().statusCode(304);
    }

    @Test
    void commentsAreOnlyAddedToRecentWidgetAnswers() {
        String[] survey = survey("{\"name\":\"NPS\",\"kind\":\"NPS\",\"allowedOrigins\":[\"" + SITE + "\"]}");
        api().body("{\"id\":\"api-1\",\"score\":9}").post("/api/v1/surveys/" + survey[0] + "/responses").then().statusCode(201);
        // An answer made through the API is not the widget's to comment on.
        page(SITE).body("{\"comment\":\"hi\"}").patch("/public/v1/surveys/" + survey[1] + "/responses/api-1")
                .then().statusCode(404);
        String id = page(SITE).body("{\"score\":9}").post("/public/v1/surveys/" + survey[1] + "/responses")
                .then().statusCode(201).extract().path("id");
        pool.preparedQuery("UPDATE response SET submitted_at = now() - interval '25 hours' WHERE response_key = $1")
                .execute(Tuple.of(id)).await().indefinitely();
        page(SITE).body("{\"comment\":\"late\"}").patch("/public/v1/surveys/" + survey[1] + "/responses/" + id)
                .then().statusCode(410);
        api().get("/api/v1/surveys/" + survey[0] + "/responses").then().body("items", hasSize(2))
                .body("items.comment", contains(nullValue(), nullValue()));
    }
}
