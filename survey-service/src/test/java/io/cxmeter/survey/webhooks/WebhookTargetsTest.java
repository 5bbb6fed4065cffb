package io.cxmeter.survey.webhooks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.cxmeter.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;

/** With the production settings, an endpoint must be https and public: no way into cxmeter's own network. */
@QuarkusTest
class WebhookTargetsTest {

    private final String tenant = "tenant-" + UUID.randomUUID();

    private io.restassured.response.ValidatableResponse subscribe(String url) {
        return given().auth().oauth2(TestTokens.forTenant(tenant)).contentType(ContentType.JSON)
                .body(new JsonObject().put("url", url).put("eventTypes", List.of("response.negative")).encode())
                .post("/api/v1/webhooks/endpoints").then();
    }

    @Test
    void plainHttpIsRefused() {
        subscribe("http://93.184.215.14/hooks").statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("url")).body("errors[0].error", equalTo("must be an https URL"));
    }

    @Test
    void inwardAddressesAreRefused() {
        for (String url : List.of("https://127.0.0.1/x", "https://localhost:8443/x", "https://169.254.169.254/latest/meta-data",
                "https://10.1.2.3/", "https://172.16.0.9/", "https://192.168.1.1/", "https://100.64.0.1/", "https://0.0.0.0/",
                "https://[::1]/", "https://[fd00::1]/", "https://[fe80::1]/", "https://[::ffff:127.0.0.1]/")) {
            subscribe(url).statusCode(400).body("errors[0].field", equalTo("url"))
                    .body("errors[0].error", startsWith("resolves to a non-public address"));
        }
        given().auth().oauth2(TestTokens.forTenant(tenant)).get("/api/v1/webhooks/endpoints").then().statusCode(200)
                .body("$", hasSize(0));
    }

    @Test
    void aPublicHttpsEndpointIsTaken() {
        subscribe("https://93.184.215.14/hooks/cxmeter").statusCode(201).body("endpoint.url", equalTo("https://93.184.215.14/hooks/cxmeter"))
                .body("endpoint.eventTypes", equalTo(List.of("response.negative")));
    }
}
