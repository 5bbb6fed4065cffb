package io.cxmeter.suite.history;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.vertx.core.json.JsonObject;

/**
 * Sends a {@link History} to a running suite through the public API, as a tenant migrating from
 * another helpdesk would: customers, engagement, tickets, the surveys with their responses, a
 * scorecard with its reviews. Imports that become jobs are followed to their end.
 */
public final class HistoryLoader {

    /** What the loading created: the surveys' ids (in the history's order) and the scorecard's. */
    public record Loaded(List<String> surveyIds, String scorecardId) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String gateway;
    private final String apiKey;

    public HistoryLoader(String gateway, String apiKey) {
        this.gateway = gateway;
        this.apiKey = apiKey;
    }

    public Loaded load(History history) throws IOException, InterruptedException {
        importLines("/api/v1/customers/import", history.customerLines());
        importLines("/api/v1/customers/events/import", history.engagementLines());
        importLines("/api/v1/tickets/import", history.ticketLines());
        List<String> surveys = new ArrayList<>();
        for (int s = 0; s < history.surveys.size(); s++) {
            String id = create("/api/v1/surveys", history.surveyRequest(s));
            surveys.add(id);
            importLines("/api/v1/surveys/" + id + "/responses/import", history.responseLines(s));
        }
        String scorecard = create("/api/v1/scorecards", history.scorecard());
        importLines("/api/v1/reviews/import", history.reviewLines(scorecard));
        return new Loaded(List.copyOf(surveys), scorecard);
    }

    private String create(String path, JsonObject body) throws IOException, InterruptedException {
        HttpResponse<String> answer = send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), 201);
        return new JsonObject(answer.body()).getString("id");
    }

    /** One NDJSON import, waited for: answered at once, or a job followed until it completes. */
    public void importLines(String path, List<String> lines) throws IOException, InterruptedException {
        importBody(path, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * One NDJSON import as a tenant sends it, waited for: the answer when the file was imported at
     * once, else the job it became, followed until it completed (its created and updated counts).
     */
    public JsonObject importBody(String path, byte[] ndjson) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(request(path).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ndjson)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200) {
            return new JsonObject(answer.body());
        }
        if (answer.statusCode() != 202) {
            throw new IllegalStateException(path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        // The Location may be absolute or a path: either way, on this gateway.
        URI job = URI.create(gateway + "/").resolve(answer.headers().firstValue("Location").orElseThrow());
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            JsonObject state = new JsonObject(send(HttpRequest.newBuilder(job).header("X-Api-Key", apiKey).GET().build(), 200)
                    .body());
            switch (state.getString("state")) {
                case "completed" -> {
                    return state;
                }
                case "validating", "storing" -> Thread.sleep(200);
                default -> throw new IllegalStateException("The import " + job + " ended " + state.encodePrettily());
            }
        }
        throw new IllegalStateException("The import " + job + " did not end within 5 minutes");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(gateway + path)).header("X-Api-Key", apiKey);
    }

    private HttpResponse<String> send(HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered "
                    + answer.statusCode() + ": " + answer.body());
        }
        return answer;
    }
}
