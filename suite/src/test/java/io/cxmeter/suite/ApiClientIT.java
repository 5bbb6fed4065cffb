package io.cxmeter.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cxmeter.client.ApiClient;
import io.cxmeter.client.ApiException;
import io.cxmeter.client.api.MetricsApi;
import io.cxmeter.client.api.ResponsesApi;
import io.cxmeter.client.api.SurveysApi;
import io.cxmeter.client.api.TenantsApi;
import io.cxmeter.client.api.TicketsApi;
import io.cxmeter.client.model.Group;
import io.cxmeter.client.model.ImportResult;
import io.cxmeter.client.model.MetricResult;
import io.cxmeter.client.model.Point;
import io.cxmeter.client.model.Problem;
import io.cxmeter.client.model.RegisteredTenant;
import io.cxmeter.client.model.ResponseDraft;
import io.cxmeter.client.model.SurveyKind;
import io.cxmeter.client.model.SurveyRequest;
import io.cxmeter.client.model.SurveyView;
import io.cxmeter.client.model.TenantRequest;
import io.vertx.core.json.JsonObject;

/**
 * The API contract tenants generate clients from: docs/openapi.json is exactly what the gateway
 * serves, it passes Redocly's strict recommended rules, and the clients generated from it at build
 * time (Java, TypeScript) work against the running suite — a tenant's whole first day through each.
 */
class ApiClientIT {

    private static final Path CONTRACT_SOURCE = Path.of("src/test/contract");
    private static final String FROM = "2026-03-01T00:00:00+02:00";
    private static final String TO = "2026-03-05T00:00:00+02:00";

    private static LocalSuite suite;
    private static Path build;
    private static Path contract;
    private static String served;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        suite = SuiteApi.startUnlimited("suite-it");
        build = Path.of("target").toAbsolutePath();
        contract = build.resolve("contract");
        install();
        HttpResponse<String> document = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + "/q/openapi")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, document.statusCode(), document.body());
        served = new JsonObject(document.body()).encodePrettily();
        Files.writeString(build.resolve("openapi.json"), served + "\n");
    }

    @AfterAll
    static void stop() {
        SuiteApi.stop(suite);
    }

    @Test
    void thePublishedContractIsWhatTheGatewayServes() throws IOException {
        Path published = Path.of(System.getProperty("cxmeter.repo-root", "..")).resolve("docs/openapi.json");
        assertEquals(new JsonObject(Files.readString(published)), new JsonObject(served),
                "docs/openapi.json differs from the document the suite serves at /q/openapi. If the API change is"
                        + " meant, publish it: cp suite/target/openapi.json docs/openapi.json");
    }

    @Test
    void theServedDocumentPassesRedoclysStrictRules() throws IOException, InterruptedException {
        String output = run(List.of("npx", "--no-install", "redocly", "lint", "--config", "redocly.yaml",
                "--format", "stylish", build.resolve("openapi.json").toString()), "redocly-lint.log");
        System.out.println(output);
        assertTrue(output.contains("Your API description is valid"), output);
    }

    @Test
    void aTenantWorksThroughTheGeneratedJavaClient() throws Exception {
        RegisteredTenant registered = register();
        assertEquals("Europe/Vilnius", registered.getTenant().getTimeZone());
        ApiClient tenant = client(registered.getAdminKey().getKey());

        SurveyView survey = new SurveysApi(tenant).createSurvey(new SurveyRequest().name("After-call NPS").kind(SurveyKind.NPS));
        assertEquals(SurveyKind.NPS, survey.getKind());
        ResponsesApi responses = new ResponsesApi(tenant);
        for (int score : new int[] {10, 9, 3}) {
            responses.submitResponse(survey.getId(), new ResponseDraft().id("R-" + score).score((double) score)
                    .channel("email").submittedAt(OffsetDateTime.parse("2026-03-02T12:00:00+02:00")), null);
        }

        ImportResult imported = new TicketsApi(tenant).importTickets(tickets());
        assertEquals(4, imported.getCreated());

        MetricsApi metrics = new MetricsApi(tenant);
        MetricResult volume = await(() -> metric(metrics, "ticket-volume", FROM, TO, "channel", "day", null, null, null),
                result -> result.getCount() == 4);
        assertEquals(4.0, volume.getValue());
        assertEquals(Map.of("email", 3.0, "chat", 1.0),
                volume.getGroups().stream().collect(Collectors.toMap(Group::getKey, Group::getValue)));
        assertEquals(List.of(0L, 2L, 1L, 1L), volume.getSeries().stream().map(Point::getCount).toList());
        MetricResult email = metric(metrics, "ticket-volume", FROM, TO, null, null, null, null, List.of("email"));
        assertEquals(3.0, email.getValue());
        MetricResult nps = await(() -> metric(metrics, "nps", FROM, TO, null, null, "previous", survey.getId(), null),
                result -> result.getCount() == 3);
        // (2 promoters − 1 detractor) / 3 answers; nothing in the period before, so no change.
        assertEquals(100.0 / 3, nps.getValue(), 1e-9);
        assertEquals(0L, nps.getComparison().getPreviousCount());
        assertEquals(null, nps.getComparison().getChange());

        ApiException backwards = assertThrows(ApiException.class, () -> metric(metrics, "nps", TO, FROM, null, null, null, null, null));
        Problem problem = problem(tenant, backwards);
        assertEquals(400, problem.getStatus());
        assertTrue(problem.getDetail().contains("from"), problem.getDetail());
        Problem missing = problem(tenant, assertThrows(ApiException.class,
                () -> new SurveysApi(tenant).getSurvey(UUID.randomUUID())));
        assertEquals(404, missing.getStatus());
        Problem unknownKey = problem(tenant, assertThrows(ApiException.class,
                () -> new SurveysApi(client("cxm_0_not-a-key")).listSurveys(null, null)));
        assertEquals(401, unknownKey.getStatus());
    }

    @Test
    void aTenantWorksThroughTheGeneratedTypeScriptClient() throws Exception {
        String key = register().getAdminKey().getKey();
        ApiClient tenant = client(key);
        SurveyView survey = new SurveysApi(tenant).createSurvey(new SurveyRequest().name("Chat CSAT").kind(SurveyKind.CSAT));
        new TicketsApi(tenant).importTickets(tickets());
        await(() -> metric(new MetricsApi(tenant), "ticket-volume", FROM, TO, null, null, null, null, null),
                result -> result.getCount() == 4);

        run(List.of("npx", "--no-install", "tsc", "-p", "tsconfig.json"), "tsc.log");
        JsonObject read = new JsonObject(Processes.lastLine(run(List.of("node", "out/flow.js", suite.gatewayUrl(), key, FROM, TO),
                "flow.log")));

        assertEquals(List.of(survey.getId().toString()), read.getJsonArray("surveys").getList());
        JsonObject volume = read.getJsonObject("volume");
        assertEquals(4.0, volume.getDouble("value"));
        assertEquals(Map.of("email", 3.0, "chat", 1.0), volume.getJsonObject("groups").getMap().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> ((Number) e.getValue()).doubleValue())));
        assertEquals(List.of(0L, 2L, 1L, 1L), volume.getJsonArray("series").stream()
                .map(v -> ((Number) v).longValue()).toList());
        JsonObject problem = read.getJsonObject("problem");
        assertEquals("application/problem+json", problem.getString("contentType"));
        assertEquals(400, problem.getInteger("status"));
    }

    /** Four tickets in March, Vilnius time: two e-mails on the 2nd, a chat on the 3rd, an e-mail on the 4th. */
    private static String tickets() {
        return Stream.of("T-1|email|2026-03-02T07:00:00Z", "T-2|email|2026-03-02T13:00:00Z", "T-3|chat|2026-03-03T08:00:00Z",
                "T-4|email|2026-03-04T06:00:00Z").map(t -> t.split("\\|"))
                .map(t -> "{\"id\":\"" + t[0] + "\",\"channel\":\"" + t[1] + "\",\"subject\":\"Question\",\"createdAt\":\""
                        + t[2] + "\",\"events\":[]}")
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** A new tenant in Vilnius time, registered with the platform admin key; its first admin key comes with it. */
    private static RegisteredTenant register() throws ApiException {
        String id = "client-" + UUID.randomUUID().toString().substring(0, 8);
        RegisteredTenant registered = new TenantsApi(client(suite.platformAdminKey())).registerTenant(
                new TenantRequest().id(id).name("Client Co").timeZone("Europe/Vilnius").currency("EUR"));
        assertEquals(id, registered.getTenant().getId());
        return registered;
    }

    private static ApiClient client(String apiKey) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(suite.gatewayUrl());
        client.setRequestInterceptor(request -> request.header("X-Api-Key", apiKey));
        return client;
    }

    /** The problem document an error carries, read with the client's own model. */
    private static Problem problem(ApiClient client, ApiException error) throws IOException {
        assertEquals("application/problem+json", error.getResponseHeaders().firstValue("Content-Type").orElse(""));
        Problem problem = client.getObjectMapper().readValue(error.getResponseBody(), Problem.class);
        assertEquals(error.getCode(), problem.getStatus());
        assertNotNull(problem.getTitle());
        return problem;
    }

    private interface Call<T> {
        T call() throws ApiException;
    }

    /** Metrics follow accepted data within seconds: the first answer that satisfies {@code done}. */
    private static <T> T await(Call<T> call, java.util.function.Predicate<T> done) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        T answer = call.call();
        while (!done.test(answer)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Still not there after 60 s: " + answer);
            }
            Thread.sleep(200);
            answer = call.call();
        }
        return answer;
    }

    /** The lint and TypeScript tools pinned by package-lock.json, and the generated TypeScript client. */
    private static void install() throws IOException, InterruptedException {
        Files.createDirectories(contract);
        try (Stream<Path> files = Files.list(CONTRACT_SOURCE)) {
            for (Path file : files.toList()) {
                Files.copy(file, contract.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path client = contract.resolve("client");
        Path generated = build.resolve("generated-clients/typescript");
        try (Stream<Path> files = Files.walk(generated)) {
            for (Path file : files.toList()) {
                Path copy = client.resolve(generated.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        if (!Files.isDirectory(contract.resolve("node_modules/@redocly/cli"))
                || !Files.isDirectory(contract.resolve("node_modules/typescript"))) {
            run(List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"), "npm-ci.log");
        }
    }

    private static String run(List<String> command, String log) throws IOException, InterruptedException {
        return Processes.run(command, contract, build.resolve(log), 5);
    }

    /**
     * GET /api/v1/metrics/{metric} through the generated client with the parameters these tests set; the
     * client takes every parameter in the document's order (metric, agent, at, channel, clock, compare,
     * from, groupBy, interval, locale, minSample, priority, shortAbandonSeconds, surveyId, tag, team,
     * threshold, to, touchpoint, windowDays).
     */
    private static MetricResult metric(MetricsApi api, String metric, String from, String to, String groupBy, String interval,
            String compare, UUID surveyId, List<String> channel) throws ApiException {
        return api.getMetric(metric, null, null, channel, null, compare, OffsetDateTime.parse(from), groupBy, interval, null,
                null, null, null, surveyId, null, null, null, OffsetDateTime.parse(to), null, null);
    }
}
