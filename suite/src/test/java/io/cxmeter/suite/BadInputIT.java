package io.cxmeter.suite;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Bad input for every operation of the merged OpenAPI document, through the real gateway: hostile
 * path segments, query values of the wrong type, and for each property of a JSON body (or NDJSON
 * line) a value of the wrong type, an overflow, NaN, the NUL character or a huge string, and
 * malformed JSON. Every answer must be under 500 and, when it is an error, problem+json without a
 * Java type or parser token; a value that is invalid everywhere must never be accepted (and so
 * never stored). Prints how many requests it tried.
 */
class BadInputIT {

    private static final Pattern LEAK = Pattern.compile("java\\.|io\\.cxmeter|JsonToken|START_(ARRAY|OBJECT)|Exception");
    private static final String HUGE = "x".repeat(100_000);

    private static LocalSuite suite;
    private static String key;
    private static final Map<String, String> REAL_IDS = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> failures = new ArrayList<>();
    private int tried;

    @BeforeAll
    static void startSuite() {
        suite = SuiteApi.startUnlimited("suite-it-bad-input");
        key = SuiteApi.registerTenant(suite);
        // Real objects, so that bad input also reaches the code behind an existing id.
        String survey = SuiteApi.as(key).body("{\"name\":\"NPS\",\"kind\":\"NPS\"}").post("/api/v1/surveys")
                .then().statusCode(201).extract().path("id");
        SuiteApi.as(key).body("{\"id\":\"T-1\",\"channel\":\"email\"}").post("/api/v1/tickets").then().statusCode(201);
        REAL_IDS.put("surveyId", survey);
        REAL_IDS.put("/api/v1/surveys/{id}", survey);
        REAL_IDS.put("/api/v1/tickets/{id}", "T-1");
    }

    @AfterAll
    static void stopSuite() {
        SuiteApi.stop(suite);
    }

    @Test
    void noOperationAnswers5xxOrLeaksJavaForBadInput() throws Exception {
        OpenApiOperations document = new OpenApiOperations(given().get("/q/openapi").then().statusCode(200).extract().asString());
        List<OpenApiOperations.Operation> operations = document.all();
        for (OpenApiOperations.Operation operation : operations) {
            exercise(operation, document.schemas());
        }
        System.out.printf("Bad-input suite: %d requests to %d operations through the gateway, %d problems%n", tried,
                operations.size(), failures.size());
        org.junit.jupiter.api.Assertions.assertTrue(failures.isEmpty(), String.join("\n", failures));
        org.junit.jupiter.api.Assertions.assertTrue(tried > 500, "the document was walked: " + tried);
    }

    private void exercise(OpenApiOperations.Operation operation, JsonObject schemas) throws Exception {
        String method = operation.method();
        // Hostile path segments, one parameter at a time.
        for (String param : operation.pathParams()) {
            for (String hostile : List.of("%00", "x".repeat(300), "%F0%9F%98%80", "..%2F..%2Fcustomers", "%7B%7D%7C", "-1")) {
                send(method, operation.fill(p -> p.equals(param) ? hostile : realId(operation.template(), p)), null, null, false);
            }
        }
        String path = operation.fill(p -> realId(operation.template(), p));
        // Query values of the wrong type, one parameter at a time.
        for (Object p : operation.spec().getJsonArray("parameters", new JsonArray())) {
            JsonObject parameter = (JsonObject) p;
            if (!"query".equals(parameter.getString("in"))) {
                continue;
            }
            for (String hostile : List.of("abc", "99999999999", "NaN", "%00", "0001-01-01T00:00:00Z", "9999-12-31T00:00:00Z",
                    "x".repeat(3000))) {
                String value = hostile.startsWith("%") ? hostile : URLEncoder.encode(hostile, StandardCharsets.UTF_8);
                send(method, path + "?" + parameter.getString("name") + "=" + value, null, null, false);
            }
        }
        JsonObject content = operation.spec().getJsonObject("requestBody", new JsonObject()).getJsonObject("content", new JsonObject());
        for (String type : content.fieldNames()) {
            if (!type.equals("application/json") && !type.equals("application/x-ndjson")) {
                continue;
            }
            JsonObject schema = OpenApiOperations.resolve(content.getJsonObject(type).getJsonObject("schema", new JsonObject()), schemas);
            JsonObject base = OpenApiOperations.example(schema, content.getJsonObject(type));
            // Not JSON, or not an object: refused. (An unknown field is ignored in single requests, whatever it holds.)
            for (String broken : List.of("{", "[]", "\"x\"", "{\"a\":NaN}")) {
                send(method, path, type, broken, true);
            }
            send(method, path, type, "{\"a\":\"\\u0000\"}", false);
            JsonObject properties = schema.getJsonObject("properties", new JsonObject());
            for (String property : properties.fieldNames()) {
                String declared = OpenApiOperations.typeOf(OpenApiOperations.resolve(properties.getJsonObject(property), schemas));
                for (Map.Entry<String, Boolean> hostile : hostileValues(declared).entrySet()) {
                    String json = base.copy().put(property, "__V__").encode().replace("\"__V__\"", hostile.getKey());
                    send(method, path, type, json, hostile.getValue());
                }
            }
        }
    }

    /** Raw JSON values; true for those no field of that type may accept. */
    private static Map<String, Boolean> hostileValues(String declared) {
        Map<String, Boolean> values = new LinkedHashMap<>();
        values.put("\"a\\u0000b\"", true);
        values.put("NaN", true);
        values.put("1e400", !declared.equals("string"));
        values.put("123456789012345678901234567890", declared.equals("integer") || declared.equals("boolean"));
        values.put("\"" + HUGE + "\"", true);
        values.put("\"😀\"", false);
        values.put("\"9999-99-99T99:99:99Z\"", false);
        if (!declared.equals("object") && !declared.isEmpty()) {
            values.put("{\"nested\":1}", true);
        }
        if (!declared.equals("array") && !declared.isEmpty()) {
            values.put("[1]", true);
        }
        return values;
    }

    private void send(String method, String path, String type, String body, boolean mustFail) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("X-Api-Key", key);
        if (body != null) {
            request.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, method.equals("POST") || method.equals("PUT") || method.equals("PATCH")
                    ? HttpRequest.BodyPublishers.ofString("") : HttpRequest.BodyPublishers.noBody());
        }
        tried++;
        String what = method + " " + (path.length() > 120 ? path.substring(0, 120) + "…" : path)
                + (body == null ? "" : " " + (body.length() > 120 ? body.substring(0, 120) + "…" : body));
        HttpResponse<String> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            failures.add("no answer (" + e.getMessage() + ") for " + what);
            return;
        }
        int status = answer.statusCode();
        if (status >= 500) {
            failures.add(status + " for " + what + ": " + answer.body());
        } else if (status >= 400) {
            String contentType = answer.headers().firstValue("Content-Type").orElse("");
            if (!contentType.startsWith("application/problem+json") && !contentType.startsWith("text/html")) {
                failures.add(status + " without problem+json (" + contentType + ") for " + what);
            }
            if (LEAK.matcher(answer.body()).find()) {
                failures.add(status + " names Java for " + what + ": " + answer.body());
            }
        } else if (mustFail && body != null) {
            failures.add(status + " accepted " + what);
        }
    }

    /** A real object's id for a path parameter (the survey, the ticket), or one that exists nowhere. */
    private static String realId(String template, String param) {
        return REAL_IDS.getOrDefault(param, REAL_IDS.getOrDefault(
                template.substring(0, template.indexOf("{" + param + "}")) + "{" + param + "}", "missing-1"));
    }
}
