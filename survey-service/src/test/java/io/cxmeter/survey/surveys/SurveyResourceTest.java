package io.cxmeter.survey.surveys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.cxmeter.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class SurveyResourceTest {

    private final String tenantA = "tenant-a-" + UUID.randomUUID();
    private final String tenantB = "tenant-b-" + UUID.randomUUID();

    private static RequestSpecification as(String tenant) {
        return given().auth().oauth2(TestTokens.forTenant(tenant)).contentType(ContentType.JSON);
    }

    private String create(String tenant, String body) {
        return as(tenant).body(body).post("/api/v1/surveys").then().statusCode(201).extract().path("id");
    }

    @Test
    void createsASurveyWithTheKindsDefaultScale() {
        String id = as(tenantA).body("{\"name\":\"After-chat CSAT\",\"kind\":\"CSAT\"}")
                .when().post("/api/v1/surveys")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/surveys/"))
                .body("scale.min", equalTo(1))
                .body("scale.max", equalTo(5))
                .body("positiveFrom", equalTo(4))
                .body("status", equalTo("active"))
                .body("publicKey", startsWith("pk_"))
                .extract().path("id");

        as(tenantA).get("/api/v1/surveys/" + id)
                .then().statusCode(200)
                .body("name", equalTo("After-chat CSAT"))
                .body("kind", equalTo("CSAT"));
    }

    @Test
    void tenantCannotSeeAnotherTenantsSurvey() {
        String id = create(tenantA, "{\"name\":\"A's NPS\",\"kind\":\"NPS\"}");

        as(tenantB).get("/api/v1/surveys/" + id)
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("No survey " + id + "."));
        as(tenantB).get("/api/v1/surveys").then().statusCode(200).body("items", empty());
        as(tenantA).get("/api/v1/surveys").then().body("items.id", contains(id));
    }

    @Test
    void scaleTheKindDoesNotAllowIs422AndStoresNothing() {
        as(tenantA).body("{\"name\":\"Odd NPS\",\"kind\":\"NPS\",\"scale\":{\"min\":1,\"max\":5}}")
                .when().post("/api/v1/surveys")
                .then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("scale"))
                .body("detail", containsString("NPS surveys take the scales"));

        as(tenantA).get("/api/v1/surveys").then().body("items", empty());
    }

    @Test
    void missingFieldsAreListed() {
        as(tenantA).body("{\"scale\":{\"min\":1}}")
                .when().post("/api/v1/surveys")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", contains("kind", "name", "scale.max"));
    }

    @Test
    void unknownKindIsABadRequestNamingTheField() {
        as(tenantA).body("{\"name\":\"x\",\"kind\":\"LIKERT\"}")
                .when().post("/api/v1/surveys")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("kind"));
    }

    @Test
    void listsNewestFirstWithACursor() {
        String first = create(tenantA, "{\"name\":\"one\",\"kind\":\"CES\"}");
        String second = create(tenantA, "{\"name\":\"two\",\"kind\":\"CES\"}");
        String third = create(tenantA, "{\"name\":\"three\",\"kind\":\"CES\"}");

        String cursor = as(tenantA).queryParam("limit", 2).get("/api/v1/surveys")
                .then().body("items.id", contains(third, second))
                .extract().path("nextCursor");
        as(tenantA).queryParam("limit", 2).queryParam("cursor", cursor).get("/api/v1/surveys")
                .then().body("items.id", contains(first))
                .body("nextCursor", nullValue());
    }

    @Test
    void forgedCursorIsABadRequest() {
        as(tenantA).queryParam("cursor", "not-ours").get("/api/v1/surveys")
                .then().statusCode(400)
                .body("detail", endsWith("was not issued by this listing."));
    }

    @Test
    void unknownSurveyIdIs404AndMalformedIdToo() {
        as(tenantA).get("/api/v1/surveys/" + UUID.randomUUID()).then().statusCode(404);
        as(tenantA).get("/api/v1/surveys/not-a-uuid").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void surveysAreOnlyListedForTheirTenant() {
        create(tenantB, "{\"name\":\"B\",\"kind\":\"NPS\"}");
        as(tenantA).get("/api/v1/surveys").then().body("items", hasSize(0));
    }

    @Test
    void keepsQuestionsPerLocaleLabelsOriginsAndThrottling() {
        String id = as(tenantA).body("""
                {"name":"Help centre NPS","kind":"NPS","questions":{"en":"Would you recommend ACME?","lt-LT":"Ar rekomenduotumėte ACME?"},
                 "defaultLocale":"en","followUpQuestion":{"en":"Why?"},"touchpoint":"help-center","channel":"web",
                 "allowedOrigins":["https://WWW.Example.com:443/","http://localhost:5173"],"minDaysBetweenAsks":30}""")
                .post("/api/v1/surveys")
                .then().statusCode(201)
                .body("questions.'lt-LT'", equalTo("Ar rekomenduotumėte ACME?"))
                .body("defaultLocale", equalTo("en"))
                .body("askComment", equalTo(true))
                .body("followUpQuestion.en", equalTo("Why?"))
                .body("touchpoint", equalTo("help-center"))
                // Stored as browsers send Origin: lower case, default port dropped, no trailing slash.
                .body("allowedOrigins", contains("https://www.example.com", "http://localhost:5173"))
                .body("minDaysBetweenAsks", equalTo(30))
                .extract().path("id");

        as(tenantA).body("{\"questions\":{},\"askComment\":false,\"channel\":\"\",\"allowedOrigins\":[]}")
                .patch("/api/v1/surveys/" + id)
                .then().statusCode(200)
                .body("questions", nullValue())
                .body("askComment", equalTo(false))
                .body("channel", nullValue())
                .body("touchpoint", equalTo("help-center"))
                .body("allowedOrigins", empty());
    }

    @Test
    void aBlankNewNameIsRefusedAndChangesNothing() {
        String id = create(tenantA, "{\"name\":\"Checkout CSAT\",\"kind\":\"CSAT\"}");

        as(tenantA).body("{\"name\":\"  \",\"status\":\"paused\"}").patch("/api/v1/surveys/" + id)
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", contains("name"));
        as(tenantA).get("/api/v1/surveys/" + id).then().body("name", equalTo("Checkout CSAT")).body("status", equalTo("active"));
    }

    @Test
    void badTextsAndOriginsAre422AndChangeNothing() {
        String id = create(tenantA, "{\"name\":\"CSAT\",\"kind\":\"CSAT\",\"allowedOrigins\":[\"https://shop.example\"]}");

        as(tenantA).body("""
                {"questions":{"lt":"Kaip sekėsi?","not a tag":"?"},"allowedOrigins":["https://*.example.com","ftp://x.example","https://a.example/path"]}""")
                .patch("/api/v1/surveys/" + id)
                .then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("questions.not a tag", "questions",
                        "allowedOrigins[0]", "allowedOrigins[1]", "allowedOrigins[2]"));

        as(tenantA).get("/api/v1/surveys/" + id)
                .then().body("questions", nullValue())
                .body("allowedOrigins", contains("https://shop.example"));
    }

    @Test
    void rotatingThePublicKeyRetiresTheOldOne() {
        String key = as(tenantA).body("{\"name\":\"NPS\",\"kind\":\"NPS\"}").post("/api/v1/surveys")
                .then().statusCode(201).extract().path("publicKey");
        String id = as(tenantA).get("/api/v1/surveys").then().extract().path("items[0].id");

        String rotated = as(tenantA).post("/api/v1/surveys/" + id + "/public-key")
                .then().statusCode(200).body("publicKey", startsWith("pk_")).extract().path("publicKey");

        org.junit.jupiter.api.Assertions.assertNotEquals(key, rotated);
        given().get("/public/v1/surveys/" + key).then().statusCode(404);
        given().get("/public/v1/surveys/" + rotated).then().statusCode(200);
        as(tenantB).post("/api/v1/surveys/" + id + "/public-key").then().statusCode(404);
    }
}
