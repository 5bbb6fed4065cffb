package io.cxmeter.suite;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cxmeter.suite.history.History;
import io.cxmeter.suite.history.HistoryLoader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The tenant console in a real Chromium, signed in with API keys: every page opens under its
 * content policy with no serious or critical axe-core finding, the overview's tiles show the API's
 * numbers for the period the page asked, explore groups, drills and exports, low scores lists the
 * detractors, follow-ups are listed across surveys, the e-mail log says why a message waits, a
 * survey is created with its snippet, settings show the tenant, a 375 px screen needs no sideways
 * scrolling, a read-only key is offered no write action, and another tenant's admin sees none of
 * it. Screenshots of each page are kept in target/browser-artifacts.
 */
class ConsoleBrowserIT {

    private static LocalSuite suite;
    private static BrowserTools browser;
    private static String adminKey;
    private static String readKey;
    private static History history;
    private static HistoryLoader.Loaded loaded;
    private static String followUpTicket;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        browser = BrowserTools.install();
        suite = SuiteApi.startUnlimited("suite-it");
        adminKey = SuiteApi.registerTenant(suite);
        readKey = SuiteApi.as(adminKey).body("{\"name\":\"viewer\",\"scopes\":[\"read\"]}").post("/api/v1/api-keys")
                .then().statusCode(201).extract().path("key");
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        history = History.generate(20261206L, today.minus(Duration.ofDays(60)), today.minus(Duration.ofDays(1)), 40, 300, 400, 40);
        // A first-reply target for chats, and a chat opened ten minutes ago that nobody answered: at risk.
        SuiteApi.as(adminKey).body("{\"name\":\"Chat first reply\",\"channels\":[\"chat\"],\"firstReply\":7200}")
                .post("/api/v1/sla-policies").then().statusCode(201);
        SuiteApi.importFile(adminKey, "/api/v1/tickets/import", ("{\"id\":\"T-risk\",\"channel\":\"chat\",\"createdAt\":\""
                + Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS) + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        loaded = new HistoryLoader(suite.gatewayUrl(), adminKey).load(history);
        SuiteApi.as(adminKey).body("{\"id\":\"tier-1\",\"name\":\"First line\"}").post("/api/v1/teams").then()
                .statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(201), org.hamcrest.Matchers.is(409)));
        followUpTicket = detractorWithFollowUp();
        mailThroughADeadRelay();
        awaitApplied();
    }

    /** An invitation to send by e-mail through a relay that refuses connections: it waits, and says why. */
    private static void mailThroughADeadRelay() throws IOException, InterruptedException {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        SuiteApi.as(adminKey).body("{\"host\":\"127.0.0.1\",\"port\":" + closed + ",\"security\":\"NONE\","
                + "\"fromAddress\":\"care@shop.example\"}").put("/api/v1/delivery/email-settings").then().statusCode(200);
        String survey = SuiteApi.as(adminKey).body("{\"name\":\"Mailed CES\",\"kind\":\"CES\"}").post("/api/v1/surveys").then()
                .statusCode(201).extract().path("id");
        String message = SuiteApi.as(adminKey).body("{\"customerId\":\"C-mail\",\"email\":\"mail@customer.example\",\"send\":true}")
                .post("/api/v1/surveys/" + survey + "/invitations").then().statusCode(201).extract().path("messageId");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Integer attempts = SuiteApi.as(adminKey).get("/api/v1/delivery/messages/" + message).then().statusCode(200)
                    .extract().path("attempts");
            if (attempts != null && attempts > 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The e-mail to a dead relay was not tried within 30 s");
    }

    /** A survey that follows up, and a detractor whose answer opened a follow-up ticket: that ticket's id. */
    private static String detractorWithFollowUp() throws InterruptedException {
        String survey = SuiteApi.as(adminKey).body("{\"name\":\"Follow-up NPS\",\"kind\":\"NPS\",\"followUp\":true}")
                .post("/api/v1/surveys").then().statusCode(201).extract().path("id");
        SuiteApi.as(adminKey).body(new JsonObject().put("id", "R-follow").put("score", 2).put("channel", "email")
                .put("comment", "Nobody called back").put("submittedAt", Instant.now().minus(Duration.ofHours(1)).toString()).encode())
                .post("/api/v1/surveys/" + survey + "/responses").then().statusCode(201);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            String ticket = SuiteApi.as(adminKey).get("/api/v1/surveys/" + survey + "/responses/R-follow")
                    .then().statusCode(200).extract().path("followUpTicketId");
            if (ticket != null) {
                return ticket;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The detractor opened no follow-up ticket within 60 s");
    }

    @AfterAll
    static void stop() {
        SuiteApi.stop(suite);
    }

    @Test
    void aTenantReadsAndActsThroughTheConsole() throws IOException, InterruptedException {
        String otherKey = SuiteApi.registerTenant(suite);
        SuiteApi.as(otherKey).body("{\"id\":\"C-gone\",\"since\":\"2025-03-01T00:00:00Z\",\"attributes\":{\"email\":\"gone@example.com\"}}")
                .post("/api/v1/customers").then().statusCode(201);
        String args = new JsonObject().put("url", suite.gatewayUrl() + "/app/").put("adminKey", adminKey).put("readKey", readKey)
                .put("otherKey", otherKey).put("erasedCustomer", "C-gone").put("followUpResponse", "R-follow")
                .put("artifacts", browser.artifacts().toString()).encode();
        JsonObject seen = new JsonObject(Processes.lastLine(browser.node("console.mjs", args,
                browser.build().resolve("console-browser.log"), 5)));

        System.out.println("Console overview, fresh load: " + seen.getJsonObject("timing").encode());
        assertEquals(List.of(), seen.getJsonArray("consoleErrors").getList(), "the pages logged errors");
        seen.getJsonObject("axe").forEach(page -> assertEquals(List.of(), ((JsonArray) page.getValue()).getList(),
                "serious or critical accessibility findings on " + page.getKey()));
        assertEquals(14, seen.getJsonObject("axe").size(), "every page audited");
        // Narrowed to team tier-1, the overview asks the summary for that team and shows the metrics that have teams.
        assertTrue(seen.getBoolean("teamSummaryRequested", false), "the summary asked for team tier-1");
        List<Object> teamTiles = seen.getJsonArray("teamTiles").getList();
        assertTrue(teamTiles.contains("first-response-time") && teamTiles.contains("sla-achievement"), teamTiles.toString());
        assertFalse(teamTiles.contains("csat") || teamTiles.contains("churn-rate"), teamTiles.toString());

        // Every tile shows what the API answers for the period the page asked for.
        JsonObject summary = seen.getJsonObject("summaryRequest");
        // One request for all tiles, their changes against the previous period included.
        assertEquals(1, seen.getInteger("overviewSummaryRequests"), "the overview's requests for the summary");
        assertEquals("previous", summary.getString("compare"));
        JsonObject api = new JsonObject(SuiteApi.as(adminKey).queryParam("from", summary.getString("from"))
                .queryParam("to", summary.getString("to")).queryParam("compare", "previous").get("/api/v1/metrics/summary")
                .then().statusCode(200).extract().asString()).getJsonObject("metrics");
        JsonArray tiles = seen.getJsonArray("tiles");
        // A tile for every metric of the summary but the custom question (a mean over one survey's own scale).
        assertEquals(api.fieldNames().stream().filter(metric -> !metric.equals("custom")).sorted().toList(),
                tiles.stream().map(tile -> ((JsonObject) tile).getString("metric")).sorted().toList());
        for (Object item : tiles) {
            JsonObject tile = (JsonObject) item;
            String metric = tile.getString("metric");
            assertEquals(api.getJsonObject(metric).getLong("count"), tile.getLong("count"), metric + " count");
            JsonObject comparison = api.getJsonObject(metric).getJsonObject("comparison");
            assertEquals(comparison.getValue("change") != null, tile.getValue("delta") != null,
                    metric + ": a change is shown exactly when the API has one");
            JsonObject details = api.getJsonObject(metric).getJsonObject("details", new JsonObject());
            assertEquals(Boolean.TRUE.equals(details.getBoolean("lowSample")), tile.getBoolean("lowSample"),
                    metric + ": flagged exactly when the API says lowSample");
            JsonArray ci95 = details.getValue("ci95") instanceof JsonArray interval && interval.getValue(0) != null ? interval : null;
            if (!metric.equals("nps")) {
                assertEquals(ci95 == null ? null : ci95.getList().stream().map(n -> ((Number) n).doubleValue()).toList(),
                        tile.getJsonArray("ci95") == null ? null : tile.getJsonArray("ci95").getList().stream()
                                .map(n -> ((Number) n).doubleValue()).toList(), metric + ": the API's 95 % interval");
            }
            Double value = api.getJsonObject(metric).getDouble("value");
            if (value == null) {
                assertEquals(null, tile.getValue("value"), metric);
            } else {
                assertEquals(value, tile.getDouble("value"), 1e-9, metric);
            }
        }
        assertTrue(api.getJsonObject("ticket-volume").getLong("count") > 50, "the period holds the history");
        assertTrue(tiles.stream().anyMatch(tile -> ((JsonObject) tile).getBoolean("lowSample")), "a tile on few answers is flagged");
        assertTrue(tiles.stream().anyMatch(tile -> ((JsonObject) tile).getJsonArray("ci95") != null), "intervals are shown");

        // Explore CSAT by channel: each group's interval and low-sample flag are the API's.
        assertTrue(seen.getJsonArray("csatHeaders").contains("95 % interval"), seen.getJsonArray("csatHeaders").encode());
        JsonObject csat = new JsonObject(SuiteApi.as(adminKey).queryParam("from", summary.getString("from"))
                .queryParam("to", summary.getString("to")).queryParam("groupBy", "channel").queryParam("interval", "week")
                .get("/api/v1/metrics/csat").then().statusCode(200).extract().asString());
        assertTrue(seen.getJsonArray("csatRows").size() > 0);
        for (Object item : seen.getJsonArray("csatRows")) {
            JsonObject row = (JsonObject) item;
            JsonObject group = csat.getJsonArray("groups").stream().map(JsonObject.class::cast)
                    .filter(g -> row.getString("key").equals(g.getString("key") == null ? "(no channel)" : g.getString("key")))
                    .findFirst().orElseThrow(() -> new AssertionError("no API group " + row.getString("key") + ": " + csat.encode()));
            assertEquals(Boolean.TRUE.equals(group.getJsonObject("details").getBoolean("lowSample")), row.getBoolean("lowSample"),
                    "group " + row.getString("key"));
            assertEquals(group.getJsonObject("details").getValue("ci95") != null, row.getJsonArray("ci95") != null,
                    "group " + row.getString("key"));
        }

        // Explore by channel: the rows are the API's groups; the export carries them.
        JsonArray rows = seen.getJsonObject("explore").getJsonArray("rows");
        assertTrue(rows.size() >= 3, rows.encode());
        assertTrue(seen.getString("csv").startsWith("\"channel\",\"ticket-volume\",\"count\"\r\n"), seen.getString("csv"));
        assertEquals(rows.size() + 1, seen.getString("csv").split("\r\n").length);

        // Low scores of every survey at once: the history's detractors and the follow-up survey's, each row naming its survey.
        JsonObject allLow = seen.getJsonObject("allLowScores");
        assertTrue(allLow.getString("caption").contains("low scores across"), allLow.encode());
        assertTrue(allLow.getJsonArray("surveys").contains("NPS after support") && allLow.getJsonArray("surveys").contains("Follow-up NPS"),
                allLow.encode());

        // Low scores: the NPS survey's detractors of the last 30 days, each with a score of 6 or less.
        JsonArray low = seen.getJsonArray("lowScores");
        assertFalse(low.isEmpty());
        for (Object row : low) {
            assertTrue(Double.parseDouble(((JsonArray) row).getString(1)) <= 6, row.toString());
        }

        assertEquals(List.of("channel", "Mean", "Median", "90th percentile", "Count"),
                seen.getJsonArray("durationHeaders").getList());
        assertEquals("median", seen.getString("statistic"));
        assertEquals("business", seen.getString("clock"));
        assertTrue(seen.getBoolean("businessClockRequested", false), "FRT asked in business hours");
        assertTrue(seen.getBoolean("filterRequested", false), "FRT asked for e-mail only");
        assertEquals(List.of("email"), seen.getJsonArray("filteredRows").getList(), "only e-mail's group is left");

        // Marking a low score handled resolves its follow-up and the follow-up's ticket; a low score
        // without a follow-up gets one on the way.
        String handled = seen.getString("handledWithoutFollowUp");
        assertTrue(!seen.getString("lowScoreBefore").startsWith("resolved"), seen.getString("lowScoreBefore"));
        String ticket = SuiteApi.as(adminKey).queryParam("responseId", handled).get("/api/v1/follow-ups").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.hasSize(1))
                .body("items[0].status", org.hamcrest.Matchers.equalTo("resolved")).extract().path("items[0].ticketId");
        SuiteApi.as(adminKey).get("/api/v1/tickets/" + ticket).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("resolved"));
        assertTrue(seen.getString("followUpBefore").startsWith("open"), seen.getString("followUpBefore"));
        assertTrue(seen.getString("followUpAfter").startsWith("resolved"), seen.getString("followUpAfter"));
        SuiteApi.as(adminKey).queryParam("responseId", "R-follow").get("/api/v1/follow-ups").then().statusCode(200)
                .body("items[0].ticketId", org.hamcrest.Matchers.equalTo(followUpTicket))
                .body("items[0].status", org.hamcrest.Matchers.equalTo("resolved"))
                .body("items[0].contactedAt", org.hamcrest.Matchers.notNullValue());
        SuiteApi.as(adminKey).get("/api/v1/tickets/" + followUpTicket).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("resolved"));

        // Follow-ups across surveys: the handled one is listed as resolved, with its survey and ticket, and not as pending.
        assertFalse(seen.getJsonArray("pendingFollowUps").stream().anyMatch(id -> id.toString().endsWith(":R-follow")),
                seen.getJsonArray("pendingFollowUps").encode());
        String resolvedFollowUp = seen.getString("resolvedFollowUp");
        assertTrue(resolvedFollowUp.contains("Follow-up NPS") && resolvedFollowUp.contains(followUpTicket)
                && resolvedFollowUp.contains("resolved") && resolvedFollowUp.contains("Reopen"), resolvedFollowUp);
        // A note added from the list is the follow-up's, by the caller.
        List<Object> notes = seen.getJsonArray("followUpNotes").getList();
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).toString().endsWith("Called back; refund sent."), notes.toString());
        SuiteApi.as(adminKey).get("/api/v1/follow-ups/" + seen.getString("followUpId")).then().statusCode(200)
                .body("notes.text", org.hamcrest.Matchers.contains("Called back; refund sent."))
                .body("notes[0].author", org.hamcrest.Matchers.notNullValue());

        // The e-mail log: the waiting invitation with its reason, and the customer's asks.
        List<Object> waiting = seen.getJsonArray("waitingMessages").getList();
        assertEquals(1, waiting.size(), waiting.toString());
        assertTrue(waiting.get(0).toString().contains("mail@customer.example") && waiting.get(0).toString().contains("C-mail")
                && waiting.get(0).toString().contains("not sent yet, trying again"), waiting.toString());
        String asks = seen.getString("customerAsks");
        assertTrue(asks.contains("Customer C-mail") && asks.contains("Mailed CES") && asks.contains("email"), asks);

        assertTrue(seen.getString("snippet").contains("/widget/v1/widget.js"), seen.getString("snippet"));
        given().header("X-Api-Key", adminKey).get("/api/v1/surveys").then().statusCode(200)
                .body("items.find { it.name == 'Console CSAT' }.touchpoint", org.hamcrest.Matchers.equalTo("checkout"))
                .body("items.find { it.name == 'Console CSAT' }.questions",
                        org.hamcrest.Matchers.equalTo(Map.of("en", "How was checkout?", "lt", "Kaip sekėsi?")))
                .body("items.find { it.name == 'Console CSAT' }.allowedOrigins",
                        org.hamcrest.Matchers.equalTo(List.of("https://shop.example.com")))
                .body("items.find { it.name == 'Console CSAT' }.channel", org.hamcrest.Matchers.equalTo("web"))
                .body("items.find { it.name == 'Console CSAT' }.askComment", org.hamcrest.Matchers.equalTo(true))
                .body("items.find { it.name == 'Console CSAT' }.followUpQuestion", org.hamcrest.Matchers.equalTo(
                        Map.of("en", "What could we do better?", "lt", "Ką galėtume padaryti geriau?")));
        assertTrue(seen.getString("editError").contains("needs a locale"), seen.getString("editError"));
        assertEquals("Up to date: every accepted change is in these numbers.", seen.getString("freshness"));

        // The previews: the real widget and the e-mail in the chosen language; answering the preview records nothing.
        JsonObject preview = seen.getJsonObject("preview");
        assertEquals("How was checkout?", preview.getString("widgetQuestion"));
        assertTrue(preview.getString("emailSubject").contains("How did we do?"), preview.getString("emailSubject"));
        assertEquals("Kaip sekėsi?", preview.getString("widgetQuestionLt"));
        assertTrue(preview.getString("emailSubjectLt").contains("Kaip mums sekėsi?"), preview.getString("emailSubjectLt"));
        assertEquals("Ačiū už jūsų atsiliepimą!", preview.getString("thanks"));
        String consoleSurvey = given().header("X-Api-Key", adminKey).get("/api/v1/surveys").then().extract()
                .path("items.find { it.name == 'Console CSAT' }.id");
        SuiteApi.as(adminKey).get("/api/v1/surveys/" + consoleSurvey + "/responses").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
        SuiteApi.as(adminKey).get("/api/v1/metrics/response-rate?surveyId=" + consoleSurvey).then().statusCode(200)
                .body("count", org.hamcrest.Matchers.equalTo(0));
        // Sending on resolution, a signature link, the relay and the fatigue budget, as set in the console.
        SuiteApi.as(adminKey).get("/api/v1/surveys/" + consoleSurvey + "/delivery").then().statusCode(200)
                .body("onTicketResolved", org.hamcrest.Matchers.equalTo(true)).body("delayMinutes", org.hamcrest.Matchers.equalTo(120))
                .body("reminderAfterDays", org.hamcrest.Matchers.equalTo(3));
        assertTrue(seen.getString("signature").contains("/r/s."), seen.getString("signature"));
        SuiteApi.as(adminKey).get("/api/v1/delivery/email-settings").then().statusCode(200)
                .body("host", org.hamcrest.Matchers.equalTo("smtp.shop.example")).body("passwordSet", org.hamcrest.Matchers.equalTo(true))
                .body("brandColor", org.hamcrest.Matchers.equalTo("#aa3300"));
        SuiteApi.as(adminKey).get("/api/v1/delivery/contact-policy").then().statusCode(200)
                .body("maxAsks", org.hamcrest.Matchers.equalTo(1)).body("perDays", org.hamcrest.Matchers.equalTo(7));
        assertEquals("UTC", seen.getString("timeZone"));
        List<Object> atRisk = seen.getJsonArray("atRisk").getList();
        assertEquals(1, atRisk.size(), "targets at risk: " + atRisk);
        assertTrue(atRisk.get(0).toString().startsWith("T-riskfirst reply"), atRisk.toString());
        assertTrue(seen.getJsonArray("slaRows").getList().toString().contains("Urgent e-mail"), seen.getJsonArray("slaRows").encode());
        SuiteApi.as(adminKey).get("/api/v1/sla-policies").then().statusCode(200)
                .body("name", org.hamcrest.Matchers.contains("Chat first reply", "Urgent e-mail"))
                .body("[1].firstReply", org.hamcrest.Matchers.equalTo(3600)).body("[1].resolution", org.hamcrest.Matchers.equalTo(86400))
                .body("[1].clock", org.hamcrest.Matchers.equalTo("business"))
                .body("[1].priorities", org.hamcrest.Matchers.contains("urgent"))
                .body("[1].channels", org.hamcrest.Matchers.contains("email"));
        assertEquals("00:00-24:00", seen.getString("hoursBefore"), "not set: open around the clock");
        assertTrue(seen.getString("businessHoursError").contains("saturday: \"9 to 5\" is not an interval"),
                seen.getString("businessHoursError"));
        SuiteApi.as(adminKey).get("/api/v1/business-hours").then().statusCode(200)
                .body("timeZone", org.hamcrest.Matchers.equalTo("UTC"))
                .body("schedule.keySet()", org.hamcrest.Matchers.contains("monday", "tuesday", "wednesday", "thursday", "friday"))
                .body("schedule.friday.start", org.hamcrest.Matchers.contains("09:00", "13:00"))
                .body("holidays", org.hamcrest.Matchers.contains("2026-12-24", "2026-12-25"));
        assertTrue(seen.getString("teamHoursBefore").startsWith("No team has hours of its own"), seen.getString("teamHoursBefore"));
        String teamRow = seen.getString("teamHoursRow");
        assertTrue(teamRow.startsWith("tier-1America/New_York") && teamRow.contains("mon 08:00–20:00")
                && teamRow.contains("fri 08:00–20:00") && !teamRow.contains("sat"), teamRow);
        assertTrue(seen.getString("teamHoursAfter").startsWith("No team has hours of its own"), seen.getString("teamHoursAfter"));
        SuiteApi.as(adminKey).get("/api/v1/teams/tier-1/business-hours").then().statusCode(404);
        assertTrue(seen.getString("webhookSecret").startsWith("whsec_"), seen.getString("webhookSecret"));
        assertTrue(seen.getString("webhookRow").contains("response.negative") && seen.getString("webhookRow").contains("active"),
                seen.getString("webhookRow"));
        assertTrue(seen.getString("webhookPaused").contains("disabled: paused by the tenant"), seen.getString("webhookPaused"));
        assertTrue(seen.getString("alertRow").contains("csat over P7D, each channel, only channel chat or email")
                && seen.getString("alertRow").contains("below 80, well at 85"), seen.getString("alertRow"));
        assertTrue(seen.getString("alertPaused").contains("paused"), seen.getString("alertPaused"));
        SuiteApi.as(adminKey).get("/api/v1/alerts/rules").then().statusCode(200)
                .body("[0].recipients", org.hamcrest.Matchers.contains("leads@shop.example"))
                .body("[0].filters.channel", org.hamcrest.Matchers.contains("chat", "email"))
                .body("[0].clock", org.hamcrest.Matchers.equalTo("calendar"))
                .body("[0].minSample", org.hamcrest.Matchers.equalTo(30)).body("[0].enabled", org.hamcrest.Matchers.equalTo(false));
        assertTrue(seen.getInteger("phoneOverflow") <= 0, "a 375 px screen scrolls sideways by " + seen.getInteger("phoneOverflow"));

        JsonObject readOnly = seen.getJsonObject("readOnly");
        assertEquals(Map.of("settingsLink", false, "createForm", 0, "pauseButtons", 0, "followUpButtons", 0), readOnly.getMap());
        assertEquals(Map.of("ticketVolume", "0", "surveys", 0), seen.getJsonObject("otherTenant").getMap(),
                "another tenant's console shows this tenant's data");

        // A customer's page: their record and exactly the tickets the API lists for them.
        JsonObject customer = seen.getJsonObject("customer");
        assertTrue(customer.getString("record").contains("Customer since"), customer.encode());
        List<String> tickets = SuiteApi.as(adminKey).queryParam("customerId", customer.getString("id")).queryParam("limit", 50)
                .get("/api/v1/tickets").then().statusCode(200).extract().path("items.id");
        assertEquals(tickets, customer.getJsonArray("tickets").getList(), "the customer's tickets");
        // Erased from the console by the other tenant's admin: gone, and the receipt done.
        assertTrue(seen.getString("erasure").startsWith("Erased everywhere"), seen.getString("erasure"));
        SuiteApi.as(otherKey).get("/api/v1/customers/C-gone").then().statusCode(404);
    }

    /** Until metrics-service has every ticket and response of the history. */
    private static void awaitApplied() throws InterruptedException {
        String from = Instant.now().minus(Duration.ofDays(400)).toString();
        String to = Instant.now().plus(Duration.ofDays(10)).toString();
        long responses = history.responses.stream().filter(r -> r.survey() == 0).count();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        String last = "nothing read";
        while (Instant.now().isBefore(deadline)) {
            long tickets = SuiteApi.as(adminKey).queryParam("from", from).queryParam("to", to)
                    .get("/api/v1/metrics/ticket-volume").then().statusCode(200).extract().jsonPath().getLong("count");
            long answers = SuiteApi.as(adminKey).queryParam("from", from).queryParam("to", to)
                    .queryParam("surveyId", loaded.surveyIds().get(0))
                    .get("/api/v1/metrics/" + history.surveys.get(0).kind().toLowerCase()).then().statusCode(200)
                    .extract().jsonPath().getLong("count");
            // T-risk besides the history; the follow-up ticket of the low answer this test sends may be counted too.
            if (tickets >= history.tickets.size() + 1 && answers == responses) {
                return;
            }
            last = tickets + " tickets of " + history.tickets.size() + ", " + answers + " answers of " + responses;
            Thread.sleep(300);
        }
        throw new AssertionError("The history did not reach metrics-service within 2 minutes: " + last);
    }
}
