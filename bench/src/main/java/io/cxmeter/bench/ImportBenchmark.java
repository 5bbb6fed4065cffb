package io.cxmeter.bench;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import io.cxmeter.suite.LocalSuite;
import io.vertx.core.json.JsonObject;

/**
 * Measures the NDJSON imports through the real suite (gateway → service → PostgreSQL → outbox →
 * metrics-service): N tickets with their events (ticket-service), then M survey responses
 * (survey-service), each file in one request, first created, then re-sent (updated). A file above
 * the inline limit becomes a job, followed until it completes. For each run it prints the file size,
 * the time until the request was answered (for a job: the file was received), the time until the
 * import was done and its rate, the time until metrics-service had applied every
 * event, and the service's peak heap (sampled) and peak RSS. It asserts nothing. Usage (after
 * {@code ./mvnw -DskipTests package}):
 * {@code java -cp "suite/target/classes:suite/target/lib/*" io.cxmeter.bench.ImportBenchmark [tickets] [responses]}
 */
public final class ImportBenchmark {

    private static final String[] CHANNELS = {"email", "chat", "call", "social", "web_form", "api"};

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int responses = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path root = Path.of("").toAbsolutePath();
        Path work = root.resolve("suite/target/bench");
        try (LocalSuite suite = LocalSuite.start(LocalSuite.Options.onFreePorts(root, work).unlimited())) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String key = registerTenant(http, suite);
            Path ticketFile = work.resolve("tickets.ndjson");
            writeFile(ticketFile, out -> tickets(out, tickets, new Random(42)));
            HttpResponse<String> survey = http.send(HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + "/api/v1/surveys"))
                    .header("X-Api-Key", key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Benchmark NPS\",\"kind\":\"NPS\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String surveyId = new JsonObject(survey.body()).getString("id");
            Path responseFile = work.resolve("responses.ndjson");
            writeFile(responseFile, out -> responses(out, responses, new Random(7)));

            System.out.printf("%nImports through the gateway (one NDJSON file each):%n");
            System.out.printf("%-30s %8s %10s %9s %11s %12s %10s %10s  %s%n", "import", "MB", "answer s", "done s",
                    "records/s", "applied s", "heap MB", "RSS MB", "answer");
            Run run = new Run(http, suite, key);
            run.time("/api/v1/tickets/import", "tickets", "ticket", ticketFile, tickets);
            run.time("/api/v1/surveys/" + surveyId + "/responses/import", "responses", "survey", responseFile, responses);
        }
    }

    /** The runs of one suite: metrics-service's event count carries on from run to run (one event a record). */
    private static final class Run {

        private final HttpClient http;
        private final LocalSuite suite;
        private final String key;
        private long events;

        Run(HttpClient http, LocalSuite suite, String key) {
            this.http = http;
            this.suite = suite;
            this.key = key;
        }

        void time(String path, String what, String service, Path file, int records) throws Exception {
            for (String run : new String[] {"create", "update"}) {
                try (HeapSampler heap = new HeapSampler(http, suite.managementUrl(service + "-service"))) {
                    Instant start = Instant.now();
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + path))
                            .header("X-Api-Key", key).header("Content-Type", "application/x-ndjson")
                            .timeout(Duration.ofMinutes(10))
                            .POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    double answered = seconds(start);
                    String outcome = answer.body();
                    if (answer.statusCode() == 202) {
                        outcome = awaitJob(answer.headers().firstValue("Location").orElseThrow());
                    }
                    double done = seconds(start);
                    events += records;
                    awaitEvents(events);
                    double applied = seconds(start);
                    System.out.printf("%-30s %8.1f %10.2f %9.2f %11.0f %12.2f %10.0f %10.0f  %d %s%n",
                            String.format("%,d %s, %s", records, what, run), Files.size(file) / 1e6, answered, done,
                            records / done,
                            applied, heap.peakBytes() / 1e6, peakRssKb(suite.process(service + "-service")) / 1e3,
                            answer.statusCode(), outcome.length() > 90 ? outcome.substring(0, 90) : outcome);
                }
            }
        }

        private String awaitJob(String location) throws Exception {
            while (true) {
                String job = http.send(HttpRequest.newBuilder(URI.create(location)).header("X-Api-Key", key).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                String state = new JsonObject(job).getString("state");
                if ("completed".equals(state) || "failed".equals(state)) {
                    return state + " " + new JsonObject(job).getLong("created") + " created "
                            + new JsonObject(job).getLong("updated") + " updated";
                }
                Thread.sleep(200);
            }
        }

        private void awaitEvents(long expected) throws Exception {
            while (true) {
                String freshness = http.send(HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + "/api/v1/metrics/freshness"))
                        .header("X-Api-Key", key).build(), HttpResponse.BodyHandlers.ofString()).body();
                if (new JsonObject(freshness).getLong("receivedEvents") >= expected) {
                    return;
                }
                Thread.sleep(200);
            }
        }
    }

    /** The largest heap a service used while a run lasted, read from its Prometheus endpoint every 200 ms. */
    private static final class HeapSampler implements AutoCloseable {

        private final Thread thread;
        private volatile long peak;
        private volatile boolean running = true;

        HeapSampler(HttpClient http, String managementUrl) {
            HttpRequest metrics = HttpRequest.newBuilder(URI.create(managementUrl + "/q/metrics")).build();
            thread = new Thread(() -> {
                while (running) {
                    try {
                        long used = 0;
                        for (String line : http.send(metrics, HttpResponse.BodyHandlers.ofString()).body().split("\n")) {
                            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                                used += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                            }
                        }
                        peak = Math.max(peak, used);
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        // A missed sample; the next one counts.
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        long peakBytes() {
            return peak;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join();
        }
    }

    /** VmHWM: the most resident memory the process ever had (Linux). */
    static long peakRssKb(ProcessHandle process) throws IOException {
        return statusKb(process, "VmHWM:");
    }

    /** A memory figure of the process's {@code /proc/<pid>/status} (Linux), in kB; -1 if absent. */
    static long statusKb(ProcessHandle process, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static double seconds(Instant start) {
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
    }

    @FunctionalInterface
    private interface Generator {
        void write(Writer out) throws IOException;
    }

    private static void writeFile(Path file, Generator generator) throws IOException {
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            generator.write(out);
        }
    }

    static String registerTenant(HttpClient http, LocalSuite suite) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + "/api/v1/tenants"))
                .header("X-Api-Key", suite.platformAdminKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"bench\",\"name\":\"Benchmark\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return new JsonObject(answer.body()).getJsonObject("adminKey").getString("key");
    }

    /** NPS answers over two years, a third with a comment, across channels, agents and locales. */
    static void responses(Writer file, int count, Random random) throws IOException {
        String[] locales = {"en", "lt", "lv", "et", "da", "de"};
        StringBuilder out = new StringBuilder();
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
            flushFull(file, out);
        }
        file.write(out.toString());
    }

    /** Hands the text built so far to the file once it passes 1 MB. */
    private static void flushFull(Writer file, StringBuilder out) throws IOException {
        if (out.length() > 1 << 20) {
            file.write(out.toString());
            out.setLength(0);
        }
    }

    /** A realistic mix: calls and chats queue and get answered, everything is assigned, replied and resolved. */
    static void tickets(Writer file, int tickets, Random random) throws IOException {
        StringBuilder out = new StringBuilder();
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
            flushFull(file, out);
        }
        file.write(out.toString());
    }

    private static String event(String type, Instant at, String agent) {
        return "{\"type\":\"" + type + "\",\"at\":\"" + at + "\"" + (agent == null ? "" : ",\"agentId\":\"" + agent + "\"") + "}";
    }
}
