package io.cxmeter.suite.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import io.cxmeter.suite.LocalSuite;
import io.vertx.core.json.JsonObject;

/**
 * Measures the NDJSON imports through the real suite (gateway → service → PostgreSQL): N tickets
 * with their events (ticket-service), then M survey responses (survey-service), each in one request,
 * first created, then re-sent (updated). Prints its figures; it asserts nothing. Usage (after
 * {@code ./mvnw -DskipTests package}):
 * {@code java -cp "suite/target/classes:suite/target/lib/*" io.cxmeter.suite.bench.ImportBenchmark [tickets] [responses]}
 */
public final class ImportBenchmark {

    private static final String[] CHANNELS = {"email", "chat", "call", "social", "web_form", "api"};

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int responses = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path root = Path.of("").toAbsolutePath();
        try (LocalSuite suite = LocalSuite.start(LocalSuite.Options.onFreePorts(root, root.resolve("suite/target/bench")).unlimited())) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String key = registerTenant(http, suite);
            String ticketLines = ndjson(tickets, new Random(42));
            HttpResponse<String> survey = http.send(HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + "/api/v1/surveys"))
                    .header("X-Api-Key", key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Benchmark NPS\",\"kind\":\"NPS\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String surveyId = new JsonObject(survey.body()).getString("id");
            String responseLines = responses(responses, new Random(7));

            System.out.printf("%nImports through the gateway (one NDJSON request each):%n");
            System.out.printf("%-28s %10s %10s %12s %14s  %s%n", "import", "MB", "seconds", "records/s", "events/s", "answer");
            time(http, suite, key, "/api/v1/tickets/import", "tickets", ticketLines, tickets, countEvents(ticketLines));
            time(http, suite, key, "/api/v1/surveys/" + surveyId + "/responses/import", "responses", responseLines,
                    responses, 0);
        }
    }

    private static void time(HttpClient http, LocalSuite suite, String key, String path, String what, String body,
            int records, int events) throws Exception {
        for (String run : new String[] {"create", "update"}) {
            Instant start = Instant.now();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + path))
                    .header("X-Api-Key", key).header("Content-Type", "application/x-ndjson")
                    .timeout(Duration.ofMinutes(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            System.out.printf("%-28s %10.1f %10.2f %12.0f %14s  %d %s%n", String.format("%,d %s, %s", records, what, run),
                    body.length() / 1e6, seconds, records / seconds, events == 0 ? "-" : String.format("%.0f", events / seconds),
                    answer.statusCode(), answer.body().length() > 100 ? answer.body().substring(0, 100) : answer.body());
        }
    }

    private static String registerTenant(HttpClient http, LocalSuite suite) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + "/api/v1/tenants"))
                .header("X-Api-Key", suite.platformAdminKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"bench\",\"name\":\"Benchmark\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return new JsonObject(answer.body()).getJsonObject("adminKey").getString("key");
    }

    /** NPS answers over two years, a third with a comment, across channels, agents and locales. */
    static String responses(int count, Random random) {
        String[] locales = {"en", "lt", "lv", "et", "da", "de"};
        StringBuilder out = new StringBuilder(count * 260);
        Instant base = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            out.append("{\"id\":\"R-").append(i).append("\",\"score\":").append(random.nextInt(11))
                    .append(",\"customerId\":\"C-").append(random.nextInt(20_000))
                    .append("\",\"ticketId\":\"T-").append(random.nextInt(50_000))
                    .append("\",\"agentId\":\"A-").append(random.nextInt(200))
                    .append("\",\"channel\":\"").append(CHANNELS[random.nextInt(CHANNELS.length)])
                    .append("\",\"locale\":\"").append(locales[random.nextInt(locales.length)])
                    .append("\",\"submittedAt\":\"").append(base.plusSeconds(random.nextInt(2 * 365 * 24 * 3600))).append('"');
            if (random.nextInt(3) == 0) {
                out.append(",\"comment\":\"Answer number ").append(i).append(", quick and friendly\"");
            }
            out.append("}\n");
        }
        return out.toString();
    }

    /** A realistic mix: calls and chats queue and get answered, everything is assigned, replied and resolved. */
    static String ndjson(int tickets, Random random) {
        StringBuilder out = new StringBuilder(tickets * 700);
        Instant base = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i < tickets; i++) {
            String channel = CHANNELS[random.nextInt(CHANNELS.length)];
            Instant created = base.plusSeconds(random.nextInt(2 * 365 * 24 * 3600));
            String agent = "A-" + random.nextInt(200);
            out.append("{\"id\":\"T-").append(i).append("\",\"channel\":\"").append(channel)
                    .append("\",\"subject\":\"Question ").append(i).append("\",\"customerId\":\"C-").append(random.nextInt(20_000))
                    .append("\",\"team\":\"tier-").append(1 + random.nextInt(3)).append("\",\"createdAt\":\"").append(created)
                    .append("\",\"events\":[");
            Instant at = created;
            if (channel.equals("call") || channel.equals("chat")) {
                out.append(event("queued", at, null)).append(',');
                at = at.plusSeconds(5 + random.nextInt(60));
                out.append(event("answered", at, agent)).append(',');
            }
            at = at.plusSeconds(random.nextInt(3600));
            out.append(event("assigned", at, agent)).append(',');
            at = at.plusSeconds(random.nextInt(7200));
            out.append(event("agent_reply", at, agent)).append(',');
            at = at.plusSeconds(random.nextInt(3600));
            out.append("{\"type\":\"status\",\"at\":\"").append(at).append("\",\"status\":\"open\"},");
            at = at.plusSeconds(random.nextInt(86_400));
            out.append("{\"type\":\"status\",\"at\":\"").append(at).append("\",\"status\":\"resolved\"}]}\n");
        }
        return out.toString();
    }

    private static String event(String type, Instant at, String agent) {
        return "{\"type\":\"" + type + "\",\"at\":\"" + at + "\"" + (agent == null ? "" : ",\"agentId\":\"" + agent + "\"") + "}";
    }

    private static int countEvents(String body) {
        int count = 0;
        for (int i = body.indexOf("\"type\""); i >= 0; i = body.indexOf("\"type\"", i + 1)) {
            count++;
        }
        return count;
    }
}
