package io.cxmeter.survey.delivery;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.cxmeter.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Survey e-mails through a real SMTP server (GreenMail): what arrives, answering from it, unsubscribing, outages. */
@QuarkusTest
class EmailDeliveryTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final String tenant = "tenant-" + UUID.randomUUID();

    @Inject
    MailSender sender;

    @Inject
    Pool pool;

    private RequestSpecification as() {
        return given().auth().oauth2(TestTokens.forTenantInZone(tenant, "Europe/Vilnius")).contentType(ContentType.JSON);
    }

    private String survey(String kind) {
        return as().body("{\"name\":\"After support\",\"kind\":\"" + kind + "\"}").post("/api/v1/surveys").then()
                .statusCode(201).extract().path("id");
    }

    private void relayAt(int port) {
        as().body("""
                {"host":"localhost","port":%d,"security":"NONE","username":null,"password":"s3cret-relay-password",
                 "fromAddress":"care@shop.example","fromName":"Shop Care","brandColor":"#aa3300",
                 "logoUrl":"https://shop.example/logo.png"}""".formatted(port))
                .put("/api/v1/delivery/email-settings").then().statusCode(200);
    }

    private String invite(String survey, String body) {
        return as().body(body).post("/api/v1/surveys/" + survey + "/invitations").then().statusCode(201)
                .extract().path("messageId");
    }

    private String status(String message) {
        return as().get("/api/v1/delivery/messages/" + message).then().statusCode(200).extract().path("status");
    }

    private long count(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.wrap(args)).await().indefinitely().iterator().next().getLong(0);
    }

    @BeforeEach
    void nothingPendingFromOtherTests() {
        // The sender serves every tenant: earlier tests' leftovers must not be sent to this test's relay.
        pool.query("UPDATE mail_message SET status = 'cancelled' WHERE status = 'scheduled'").execute().await().indefinitely();
    }

    /** The content of a message's part of {@code type}. */
    private static String part(MimeMessage mail, String type) throws Exception {
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType(type)) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("No " + type + " part");
    }

    /** The links of a part, in order. */
    private static List<String> links(String body) {
        List<String> links = new ArrayList<>();
        Matcher m = Pattern.compile("https?://[^\\s\"<>]+").matcher(body);
        while (m.find()) {
            links.add(m.group().replace("&amp;", "&"));
        }
        return links;
    }

    @Test
    void anInvitationArrivesLocalizedInBothPartsAndIsAnsweredFromItsLink() throws Exception {
        relayAt(smtp.getSmtp().getPort());
        // The password is sealed at rest and never shown.
        as().get("/api/v1/delivery/email-settings").then().statusCode(200).body("passwordSet", equalTo(true))
                .body("$", not(org.hamcrest.Matchers.hasKey("password")));
        assertEquals(0, count("SELECT count(*) FROM mail_settings WHERE tenant_id = $1 AND password_sealed LIKE '%s3cret%'", tenant));

        String survey = survey("NPS");
        String message = invite(survey, """
                {"customerId":"C-1","agentId":"A-7","channel":"email","locale":"lt","send":true,
                 "email":"ona@example.lt","name":"Ona"}""");
        assertEquals("scheduled", status(message));
        assertEquals(1, sender.sendDue().await().indefinitely());
        assertEquals("sent", status(message));

        assertTrue(smtp.waitForIncomingEmail(5_000, 1));
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertEquals("Kaip mums sekėsi?", mail.getSubject());
        assertEquals("\"Shop Care\" <care@shop.example>", mail.getHeader("From")[0]);
        assertEquals("ona@example.lt", mail.getHeader("To")[0]);
        String unsubscribe = mail.getHeader("List-Unsubscribe")[0];
        assertTrue(unsubscribe.matches("<http://localhost:8080/r/[A-Za-z0-9_-]{43}/unsubscribe>"), unsubscribe);
        assertEquals("List-Unsubscribe=One-Click", mail.getHeader("List-Unsubscribe-Post")[0]);

        String text = part(mail, "text/plain");
        String html = part(mail, "text/html");
        assertTrue(text.startsWith("Sveiki, Ona,"), text);
        assertTrue(text.contains("Kaip tikėtina, kad rekomenduotumėte mus draugui ar kolegai?"), text);
        assertTrue(html.contains("#aa3300") && html.contains("https://shop.example/logo.png"), "brand colour and logo");
        assertTrue(html.contains("lang=\"lt\""));
        List<String> scoreLinks = links(text).stream().filter(l -> l.matches(".*/r/[^/]+/\\d+")).toList();
        assertEquals(11, scoreLinks.size(), "one link per score 0–10 in the text part");
        assertEquals(scoreLinks, links(html).stream().filter(l -> l.matches(".*/r/[^/]+/\\d+")).toList(),
                "the same links in the HTML part");

        // Answering from the e-mail: the link's page posts the score.
        given().post(URI.create(scoreLinks.get(9)).getPath()).then().statusCode(200);
        assertEquals("answered", status(message));
        as().get("/api/v1/surveys/" + survey + "/responses").then().body("items", hasSize(1))
                .body("items[0].score", equalTo(9.0f)).body("items[0].agentId", equalTo("A-7"))
                .body("items[0].locale", equalTo("lt"));

        // One-click unsubscribe (RFC 8058): a POST with List-Unsubscribe=One-Click.
        String unsubscribePath = URI.create(unsubscribe.substring(1, unsubscribe.length() - 1)).getPath();
        given().get(unsubscribePath).then().statusCode(200).body(containsString("Atsisakyti šių apklausų"));
        as().get("/api/v1/delivery/suppressions/ona@example.lt").then().statusCode(404);
        given().contentType(ContentType.URLENC).formParam("List-Unsubscribe", "One-Click").post(unsubscribePath)
                .then().statusCode(200).body(containsString("Šių apklausų daugiau negausite."));
        as().get("/api/v1/delivery/suppressions/ONA@example.lt").then().statusCode(200).body("reason", equalTo("UNSUBSCRIBED"));

        // Never mailed again.
        String next = invite(survey, "{\"send\":true,\"email\":\"ona@example.lt\"}");
        sender.sendDue().await().indefinitely();
        as().get("/api/v1/delivery/messages/" + next).then().body("status", equalTo("skipped"))
                .body("reason", containsString("suppressed"));
        assertEquals(1, smtp.getReceivedMessages().length);
    }

    @Test
    void aRelayThatIsDownIsTriedAgainAndTheMessageLeavesOnceItIsBack() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        relayAt(closed);
        String survey = survey("CSAT");
        String message = invite(survey, "{\"send\":true,\"email\":\"jonas@example.com\",\"locale\":\"en\"}");
        assertEquals(0, sender.sendDue().await().indefinitely());
        as().get("/api/v1/delivery/messages/" + message).then().body("status", equalTo("scheduled"))
                .body("attempts", equalTo(1)).body("reason", containsString("trying again"));

        relayAt(smtp.getSmtp().getPort());
        pool.preparedQuery("UPDATE mail_message SET due_at = now() WHERE id = $1").execute(Tuple.of(UUID.fromString(message)))
                .await().indefinitely();
        // Two senders at once (as two replicas would): the message leaves once.
        var first = sender.sendDue().subscribeAsCompletionStage();
        var second = sender.sendDue().subscribeAsCompletionStage();
        assertEquals(1, first.get() + second.get());
        assertEquals("sent", status(message));
        assertTrue(smtp.waitForIncomingEmail(5_000, 1));
        assertEquals(1, smtp.getReceivedMessages().length);
        assertEquals("How did we do?", smtp.getReceivedMessages()[0].getSubject());
    }

    @Test
    void thePreviewShowsTheEmailInALanguageAndSendsNothing() {
        String survey = survey("CES");
        as().get("/api/v1/surveys/" + survey + "/delivery/preview?locale=fr").then().statusCode(200)
                .body("locale", equalTo("fr")).body("subject", equalTo("Votre avis sur notre service"))
                .body("from", equalTo("surveys@example.com"))
                .body("text", containsString("Bonjour,")).body("html", containsString("/r/preview/7"));
        relayAt(smtp.getSmtp().getPort());
        as().get("/api/v1/surveys/" + survey + "/delivery/preview?reminder=true").then().statusCode(200)
                .body("subject", equalTo("Reminder: how did we do?")).body("from", containsString("Shop Care"))
                .body("html", containsString("#aa3300"));
        as().get("/api/v1/surveys/" + survey + "/delivery/preview?locale=not_a_tag").then().statusCode(400);
        assertEquals(0, count("SELECT count(*) FROM mail_message WHERE tenant_id = $1", tenant));
        assertEquals(0, count("SELECT count(*) FROM invitation WHERE tenant_id = $1", tenant));
        assertEquals(0, smtp.getReceivedMessages().length);
    }

    @Test
    void sendingNeedsAnAddressAndARelay() {
        String survey = survey("NPS");
        as().body("{\"send\":true,\"email\":\"a@example.com\"}").post("/api/v1/surveys/" + survey + "/invitations")
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("SMTP relay"));
        relayAt(smtp.getSmtp().getPort());
        as().body("{\"send\":true}").post("/api/v1/surveys/" + survey + "/invitations")
                .then().statusCode(422).body("errors[0].field", equalTo("email"));
        as().body("{\"send\":true,\"email\":\"not an address\"}").post("/api/v1/surveys/" + survey + "/invitations")
                .then().statusCode(400).body("errors[0].field", containsString("email"));
        assertEquals(0, count("SELECT count(*) FROM invitation WHERE tenant_id = $1", tenant));
    }

    @Test
    void relaySettingsAreCheckedAndOnlyAnAdminSetsThem() {
        as().get("/api/v1/delivery").then().statusCode(200).body("emailSettings", nullValue()).body("contactPolicy", nullValue());
        as().body("{\"host\":\"smtp.example.com\",\"port\":70000,\"security\":\"STARTTLS\",\"fromAddress\":\"x@example.com\"}")
                .put("/api/v1/delivery/email-settings").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", containsString("port"));
        as().body("{\"host\":\"smtp.example.com\",\"port\":587,\"security\":\"SOMETIMES\",\"fromAddress\":\"x@example.com\"}")
                .put("/api/v1/delivery/email-settings").then().statusCode(400).body("detail", containsString("security"));
        as().body("{\"host\":\"smtp.example.com\",\"port\":587,\"security\":\"STARTTLS\",\"fromAddress\":\"x@example.com\","
                + "\"logoUrl\":\"javascript:alert(1)\"}")
                .put("/api/v1/delivery/email-settings").then().statusCode(400).body("errors[0].field", containsString("logoUrl"));
        given().auth().oauth2(TestTokens.forTenant(tenant, "read", "write")).contentType(ContentType.JSON)
                .body("{\"host\":\"smtp.example.com\",\"port\":587,\"security\":\"STARTTLS\",\"fromAddress\":\"x@example.com\"}")
                .put("/api/v1/delivery/email-settings").then().statusCode(403);
        as().get("/api/v1/delivery/email-settings").then().statusCode(404);

        // A later change without a password keeps the stored one.
        as().body("{\"host\":\"smtp.example.com\",\"port\":587,\"security\":\"STARTTLS\",\"username\":\"u\",\"password\":\"p\","
                + "\"fromAddress\":\"x@example.com\"}").put("/api/v1/delivery/email-settings").then().statusCode(200);
        as().body("{\"host\":\"smtp2.example.com\",\"port\":465,\"security\":\"TLS\",\"username\":\"u\",\"fromAddress\":\"x@example.com\"}")
                .put("/api/v1/delivery/email-settings").then().statusCode(200).body("passwordSet", equalTo(true))
                .body("host", equalTo("smtp2.example.com")).body("brandColor", nullValue());
        as().get("/api/v1/delivery").then().statusCode(200).body("emailSettings.host", equalTo("smtp2.example.com"))
                .body("emailSettings.passwordSet", equalTo(true)).body("contactPolicy", nullValue());
    }

    @Test
    void aResolutionSchedulesTheSurveyAfterItsDelayAndAReopeningCancelsIt() throws Exception {
        relayAt(smtp.getSmtp().getPort());
        String survey = survey("CSAT");
        as().body("{\"onTicketResolved\":true,\"delayMinutes\":120,\"channels\":[\"email\",\"chat\"],\"teams\":[],"
                + "\"reminderAfterDays\":3}").put("/api/v1/surveys/" + survey + "/delivery").then().statusCode(200);
        java.time.Instant now = java.time.Instant.now();
        String states = """
                {"tickets":[
                 {"ticketId":"T-1","resolved":true,"resolvedAt":"%1$s","recordedAt":"%1$s","channel":"email","customerId":"C-1",
                  "email":"c1@example.com","name":"Rūta","locale":"de","agentId":"A-1"},
                 {"ticketId":"T-2","resolved":true,"resolvedAt":"%1$s","recordedAt":"%1$s","channel":"chat","customerId":"C-2",
                  "email":"c2@example.com"},
                 {"ticketId":"T-3","resolved":true,"resolvedAt":"%1$s","recordedAt":"%1$s","channel":"phone","customerId":"C-3",
                  "email":"c3@example.com"},
                 {"ticketId":"T-4","resolved":true,"resolvedAt":"%2$s","recordedAt":"%1$s","channel":"email","customerId":"C-4",
                  "email":"c4@example.com"},
                 {"ticketId":"T-5","resolved":true,"resolvedAt":"%1$s","recordedAt":"%1$s","channel":"email","customerId":"C-5"}]}"""
                .formatted(now, now.minus(java.time.Duration.ofDays(3)));
        // Reported twice (ticket-service delivers at least once): scheduled once.
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(TestTokens.peer(tenant)).contentType(ContentType.JSON).body(states)
                    .post("/internal/v1/ticket-states").then().statusCode(200);
        }
        as().get("/api/v1/delivery/messages?surveyId=" + survey + "&status=scheduled").then()
                .body("items.ticketId", org.hamcrest.Matchers.containsInAnyOrder("T-1", "T-2"));
        as().get("/api/v1/delivery/messages?ticketId=T-5").then().body("items[0].status", equalTo("skipped"))
                .body("items[0].reason", containsString("no e-mail address"));
        // Not due for two hours.
        assertEquals(0, sender.sendDue().await().indefinitely());

        // T-2 is reopened before the send.
        given().auth().oauth2(TestTokens.peer(tenant)).contentType(ContentType.JSON)
                .body("{\"tickets\":[{\"ticketId\":\"T-2\",\"resolved\":false}]}").post("/internal/v1/ticket-states")
                .then().statusCode(200).body("cancelled", equalTo(1));
        // Two hours later.
        pool.preparedQuery("UPDATE mail_message SET due_at = due_at - interval '2 hours' WHERE tenant_id = $1")
                .execute(Tuple.of(tenant)).await().indefinitely();
        assertEquals(1, sender.sendDue().await().indefinitely());
        assertTrue(smtp.waitForIncomingEmail(5_000, 1));
        assertEquals(1, smtp.getReceivedMessages().length);
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertEquals("c1@example.com", mail.getHeader("To")[0]);
        assertEquals("Wie war unser Service?", mail.getSubject());
        as().get("/api/v1/delivery/messages?ticketId=T-2").then().body("items[0].status", equalTo("cancelled"))
                .body("items[0].reason", containsString("reopened"));

        // Unanswered after three days: one reminder, with the same links.
        as().get("/api/v1/delivery/messages?ticketId=T-1&status=scheduled").then().body("items", hasSize(1))
                .body("items[0].kind", equalTo("reminder"));
        pool.preparedQuery("UPDATE mail_message SET due_at = now() WHERE tenant_id = $1 AND kind = 'reminder'")
                .execute(Tuple.of(tenant)).await().indefinitely();
        assertEquals(1, sender.sendDue().await().indefinitely());
        assertTrue(smtp.waitForIncomingEmail(5_000, 2));
        MimeMessage reminder = smtp.getReceivedMessages()[1];
        assertEquals("Erinnerung: Wie war unser Service?", reminder.getSubject());
        assertEquals(mail.getHeader("List-Unsubscribe")[0], reminder.getHeader("List-Unsubscribe")[0]);
        assertFalse(sender.sendDue().await().indefinitely() > 0, "nothing more to send");
    }

    @Test
    void oneFatigueBudgetPerCustomerAcrossSurveysAndChannels() throws Exception {
        relayAt(smtp.getSmtp().getPort());
        as().body("{\"maxAsks\":1,\"perDays\":7,\"minDaysBetween\":0}").put("/api/v1/delivery/contact-policy")
                .then().statusCode(200);
        String csat = survey("CSAT");
        String nps = survey("NPS");
        as().body("{\"onTicketResolved\":true,\"delayMinutes\":0,\"channels\":[],\"teams\":[]}")
                .put("/api/v1/surveys/" + csat + "/delivery").then().statusCode(200);
        java.time.Instant now = java.time.Instant.now();
        StringBuilder tickets = new StringBuilder("{\"tickets\":[");
        for (int i = 1; i <= 5; i++) {
            tickets.append(i > 1 ? "," : "").append("{\"ticketId\":\"F-").append(i).append("\",\"resolved\":true,\"resolvedAt\":\"")
                    .append(now.minusSeconds(60L * (6 - i))).append("\",\"channel\":\"email\",\"customerId\":\"C-9\",")
                    .append("\"email\":\"nine@example.com\"}");
        }
        given().auth().oauth2(TestTokens.peer(tenant)).contentType(ContentType.JSON).body(tickets.append("]}").toString())
                .post("/internal/v1/ticket-states").then().statusCode(200).body("scheduled", equalTo(5));
        assertEquals(1, sender.sendDue().await().indefinitely());
        assertTrue(smtp.waitForIncomingEmail(5_000, 1));
        assertEquals(1, smtp.getReceivedMessages().length);
        as().get("/api/v1/delivery/messages?customerId=C-9&status=skipped").then().body("items", hasSize(4))
                .body("items.reason", org.hamcrest.Matchers.everyItem(containsString("contact policy allows 1")));

        // The same budget holds for invitations the tenant sends itself, on another survey…
        as().body("{\"customerId\":\"C-9\"}").post("/api/v1/surveys/" + nps + "/invitations").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("C-9 is not asked now"));
        // …and for the widget, when the page names the customer.
        String key = as().get("/api/v1/surveys/" + nps).then().extract().path("publicKey");
        given().get("/public/v1/surveys/" + key + "?customerId=C-9").then().statusCode(200).body("ask", equalTo(false));
        given().get("/public/v1/surveys/" + key + "?customerId=C-10").then().statusCode(200).body("ask", equalTo(true));

        as().get("/api/v1/delivery/customers/C-9/asks").then().statusCode(200)
                .body("askableNow", equalTo(false)).body("reason", containsString("asked 1 time in the last 7 days"))
                .body("nextAskAt", org.hamcrest.Matchers.notNullValue())
                .body("asks.findAll { it.asked }", hasSize(1))
                .body("asks.findAll { !it.asked }.channel", org.hamcrest.Matchers.containsInAnyOrder(
                        "email", "email", "email", "email", "api", "widget"));
        as().get("/api/v1/delivery/customers/C-10/asks").then().body("askableNow", equalTo(true)).body("asks", hasSize(0));
    }

    @Test
    void aTriggeredEmailCanBeAnsweredTheMomentItArrivesWhileTheRoundGoesOn() throws Exception {
        relayAt(smtp.getSmtp().getPort());
        String survey = survey("CSAT");
        as().body("{\"onTicketResolved\":true,\"delayMinutes\":0,\"channels\":[],\"teams\":[]}")
                .put("/api/v1/surveys/" + survey + "/delivery").then().statusCode(200);
        given().auth().oauth2(TestTokens.peer(tenant)).contentType(ContentType.JSON).body("""
                {"tickets":[{"ticketId":"Q-1","resolved":true,"resolvedAt":"%s","channel":"email","customerId":"C-1",
                  "email":"quick@example.com","locale":"en"}]}""".formatted(java.time.Instant.now()))
                .post("/internal/v1/ticket-states").then().statusCode(200).body("scheduled", equalTo(1));
        // Another tenant's message, due next in the same round, goes to a relay that accepts and never answers.
        try (ServerSocket silent = new ServerSocket(0)) {
            String other = "tenant-" + UUID.randomUUID();
            RequestSpecification asOther = given().auth().oauth2(TestTokens.forTenantInZone(other, "UTC"))
                    .contentType(ContentType.JSON);
            asOther.body("{\"host\":\"localhost\",\"port\":" + silent.getLocalPort()
                    + ",\"security\":\"NONE\",\"fromAddress\":\"care@other.example\"}")
                    .put("/api/v1/delivery/email-settings").then().statusCode(200);
            String otherSurvey = asOther.body("{\"name\":\"Other\",\"kind\":\"CSAT\"}").post("/api/v1/surveys").then()
                    .statusCode(201).extract().path("id");
            asOther.body("{\"send\":true,\"email\":\"slow@example.com\"}").post("/api/v1/surveys/" + otherSurvey
                    + "/invitations").then().statusCode(201);
            pool.preparedQuery("UPDATE mail_message SET due_at = now() - CASE WHEN tenant_id = $1 THEN interval '2 minutes'"
                    + " ELSE interval '1 minute' END WHERE tenant_id IN ($1, $2) AND status = 'scheduled'")
                    .execute(Tuple.of(tenant, other)).await().indefinitely();

            var round = sender.sendDue().subscribeAsCompletionStage();
            assertTrue(smtp.waitForIncomingEmail(10_000, 1));
            String text = part(smtp.getReceivedMessages()[0], "text/plain");
            List<String> scoreLinks = links(text).stream().filter(l -> l.matches(".*/r/[^/]+/\\d+")).toList();
            assertEquals(5, scoreLinks.size(), text);
            // The round is still waiting on the silent relay, and the link already works.
            assertFalse(round.toCompletableFuture().isDone());
            given().get(URI.create(scoreLinks.get(4)).getPath()).then().statusCode(200);
            given().post(URI.create(scoreLinks.get(4)).getPath()).then().statusCode(200);
            as().get("/api/v1/delivery/messages?ticketId=Q-1").then().body("items[0].status", equalTo("answered"))
                    .body("items[0].answeredAt", org.hamcrest.Matchers.notNullValue());
            assertFalse(round.toCompletableFuture().isDone());
            silent.close();
            assertEquals(1, round.toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS),
                    "the quick one left, the silent relay's message waits for another try");
        }
    }

    @Test
    void theMessageLogPagesNewestFirst() {
        relayAt(smtp.getSmtp().getPort());
        String survey = survey("CSAT");
        List<String> made = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            made.add(invite(survey, "{\"customerId\":\"P-" + i + "\",\"send\":true,\"email\":\"p" + i + "@example.com\"}"));
        }
        String next = as().queryParam("surveyId", survey).queryParam("limit", 2).get("/api/v1/delivery/messages").then()
                .statusCode(200).body("items.id", org.hamcrest.Matchers.contains(made.get(2), made.get(1)))
                .body("nextCursor", org.hamcrest.Matchers.notNullValue()).extract().path("nextCursor");
        as().queryParam("surveyId", survey).queryParam("limit", 2).queryParam("cursor", next).get("/api/v1/delivery/messages")
                .then().statusCode(200).body("items.id", org.hamcrest.Matchers.contains(made.get(0)))
                .body("nextCursor", nullValue());
        // Filters keep paging within them.
        as().queryParam("surveyId", survey).queryParam("customerId", "P-2").queryParam("status", "scheduled")
                .get("/api/v1/delivery/messages").then().statusCode(200).body("items.id", org.hamcrest.Matchers.contains(made.get(1)))
                .body("nextCursor", nullValue());
        as().queryParam("cursor", "not-one-of-ours").get("/api/v1/delivery/messages").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
    }
}
