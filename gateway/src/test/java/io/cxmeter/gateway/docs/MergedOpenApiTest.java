package io.cxmeter.gateway.docs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

@QuarkusTest
class MergedOpenApiTest {

    @Test
    void theGatewayServesOneDocumentForTheWholeSuite() {
        given().get("/q/openapi")
                .then().statusCode(200)
                .body("paths", hasKey("/api/v1/survey-things"))
                .body("paths", hasKey("/api/v1/ticket-things"))
                .body("paths", hasKey("/api/v1/metrics-things"))
                .body("paths", hasKey("/api/v1/tenants"))
                .body("paths", hasKey("/api/v1/api-keys"))
                .body("paths", not(hasKey("/internal/v1/ticket")))
                // The services each call their schema Page, differently: each keeps its own.
                .body("components.schemas.SurveyService_Page.description", equalTo("survey page"))
                .body("paths.'/api/v1/ticket-things'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/TicketService_Page"))
                .body("components.securitySchemes", hasKey("apiKey"))
                .body("paths.'/api/v1/survey-things'.get", not(hasKey("security")));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void schemasAndRefsAreMergedPublicPathsNeedNoCredentials() {
        JsonObject problem = new JsonObject().put("type", "object").put("description", "RFC 9457");
        JsonObject a = new JsonObject().put("openapi", "3.1.0")
                .put("paths", new JsonObject()
                        .put("/public/v1/surveys/{publicKey}", new JsonObject().put("get", new JsonObject()
                                .put("security", new JsonArray().add(new JsonObject().put("internal", new JsonArray())))))
                        .put("/api/v1/a", new JsonObject().put("get", new JsonObject().put("responses", new JsonObject()
                                .put("200", new JsonObject().put("$ref", "#/components/schemas/Item"))))))
                .put("components", new JsonObject().put("schemas", new JsonObject()
                        .put("Item", new JsonObject().put("type", "string")).put("Problem", problem)));
        JsonObject b = new JsonObject().put("openapi", "3.1.0")
                .put("paths", new JsonObject()
                        .put("/api/v1/b", new JsonObject().put("get", new JsonObject().put("responses", new JsonObject()
                                .put("200", new JsonObject().put("$ref", "#/components/schemas/Item"))
                                .put("400", new JsonObject().put("$ref", "#/components/schemas/Problem")))))
                        .put("/internal/v1/events", new JsonObject().put("post", new JsonObject().put("requestBody",
                                new JsonObject().put("$ref", "#/components/schemas/EventBatch")))))
                .put("components", new JsonObject().put("schemas", new JsonObject()
                        .put("Item", new JsonObject().put("type", "integer")).put("Problem", problem.copy())
                        // Reached only from /internal: left out, with what only it refers to.
                        .put("EventBatch", new JsonObject().put("$ref", "#/components/schemas/EventEnvelope"))
                        .put("EventEnvelope", new JsonObject().put("type", "object"))));

        JsonObject merged = OpenApiMerger.merge("cxmeter API", "1.0", "https://cx.example.org/",
                List.of(new OpenApiMerger.Source("a-service", a), new OpenApiMerger.Source("b-service", b)));

        JsonObject schemas = merged.getJsonObject("components").getJsonObject("schemas");
        assertEquals(List.of("AService_Item", "Problem", "BService_Item"), List.copyOf(schemas.fieldNames()));
        assertEquals("#/components/schemas/AService_Item", merged.getJsonObject("paths").getJsonObject("/api/v1/a")
                .getJsonObject("get").getJsonObject("responses").getJsonObject("200").getString("$ref"));
        assertEquals(new JsonArray(), merged.getJsonObject("paths").getJsonObject("/public/v1/surveys/{publicKey}")
                .getJsonObject("get").getJsonArray("security"));
        assertEquals(List.of("/api/v1/a", "/api/v1/b", "/public/v1/surveys/{publicKey}"),
                List.copyOf(merged.getJsonObject("paths").fieldNames()));
        assertEquals(new JsonArray().add(new JsonObject().put("url", "https://cx.example.org")
                .put("description", "This installation's gateway")), merged.getJsonArray("servers"));
    }

    @Test
    void pathsThatNeedCredentialsDocumentWhatTheGatewayAnswersTagsOnlyWhatIsUsed() {
        JsonObject service = new JsonObject().put("openapi", "3.1.0")
                .put("tags", new JsonArray().add(new JsonObject().put("name", "Things").put("description", "What a tenant has"))
                        .add(new JsonObject().put("name", "Internal: things").put("description", "Between services")))
                .put("paths", new JsonObject()
                        .put("/api/v1/things", new JsonObject().put("get", new JsonObject().put("tags", new JsonArray().add("Things"))
                                .put("responses", new JsonObject().put("200", new JsonObject().put("description", "Things")))))
                        .put("/widget/v1/{file}", new JsonObject().put("get", new JsonObject().put("tags", new JsonArray().add("Things"))
                                .put("responses", new JsonObject().put("200", new JsonObject().put("description", "A file")))))
                        .put("/internal/v1/things", new JsonObject().put("post", new JsonObject()
                                .put("tags", new JsonArray().add("Internal: things")))));

        JsonObject merged = OpenApiMerger.merge("cxmeter API", "1.0", "/", List.of(new OpenApiMerger.Source("a-service", service)));

        JsonObject secured = merged.getJsonObject("paths").getJsonObject("/api/v1/things").getJsonObject("get")
                .getJsonObject("responses");
        assertEquals(List.of("200", "401", "403", "429"), List.copyOf(secured.fieldNames()));
        assertEquals("#/components/schemas/Problem", secured.getJsonObject("401").getJsonObject("content")
                .getJsonObject("application/problem+json").getJsonObject("schema").getString("$ref"));
        JsonObject open = merged.getJsonObject("paths").getJsonObject("/widget/v1/{file}").getJsonObject("get");
        assertEquals(List.of("200"), List.copyOf(open.getJsonObject("responses").fieldNames()));
        assertEquals(new JsonArray(), open.getJsonArray("security"));
        assertEquals(List.of("Things"), merged.getJsonArray("tags").stream().map(t -> ((JsonObject) t).getString("name")).toList());
        assertEquals("/", merged.getJsonArray("servers").getJsonObject(0).getString("url"));
    }
}
