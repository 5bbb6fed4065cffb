package io.cxmeter.suite;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.restassured.specification.RequestSpecification;

/**
 * A new tenant's survey e-mail end to end, through the gateway, on the real processes: SMTP set to
 * a real SMTP server, tickets resolved through the API, the messages that arrive in two languages,
 * answering from them into the metrics, one fatigue budget across e-mail and widget, a burst shared
 * by two survey-service replicas with each message sent once, and a relay outage with
 * survey-service killed and restarted in the middle.
 */
class SurveyEmailIT {

    private static LocalSuite suite;
    private static GreenMail smtp;
    private static int smtpPort;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            smtpPort = socket.getLocalPort();
        }
        smtp = relay();
        suite = SuiteApi.startUnlimited("survey-email-it");
        // Two survey-service replicas share the scheduled e-mails.
        suite.startReplica("survey-service");
    }

    @AfterAll
    static void stop() {
        SuiteApi.stop(suite);
        if (smtp != null) {
            smtp.stop();
        }
    }

    private static GreenMail relay() {
        GreenMail relay = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        relay.start();
        return relay;
    }

    private static RequestSpecification as(String key) {
        return SuiteApi.as(key);
    }

    private static <T> T await(String what, Supplier<T> probe) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Timed out waiting for " + what);
    }

    private static MimeMessage mailTo(String address) throws InterruptedException {
        return await("a message to " + address, () -> Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return address.equals(m.getHeader("To")[0]);
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElse(null));
    }

    private static long mailsTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return address.equals(m.getHeader("To")[0]);
            } catch (Exception e) {
                return false;
            }
        }).count();
    }

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

    private static List<String> scoreLinks(String body) {
        List<String> links = new java.util.ArrayList<>();
        Matcher m = Pattern.compile("https?://[^\\s\"<>]+/r/[A-Za-z0-9_-]+/\\d+").matcher(body);
        while (m.find()) {
            links.add(m.group());
        }
        return links;
    }

    private static void customer(String key, String id, String email, String name, String locale) {
        as(key).body("{\"id\":\"" + id + "\",\"since\":\"2025-01-04T09:00:00Z\",\"attributes\":{\"email\":\"" + email
                + "\",\"name\":\"" + name + "\",\"locale\":\"" + locale + "\"}}").post("/api/v1/customers").then().statusCode(201);
    }

    /** A ticket opened, answered and resolved through the API in the last hour. */
    private static void resolvedTicket(String key, String id, String customer) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        as(key).body("{\"id\":\"" + id + "\",\"channel\":\"email\",\"subject\":\"Refund\",\"customerId\":\"" + customer
                + "\",\"createdAt\":\"" + now.minus(Duration.ofMinutes(40)) + "\"}").post("/api/v1/tickets").then().statusCode(201);
        as(key).body("{\"agentId\":\"A-1\",\"at\":\"" + now.minus(Duration.ofMinutes(30)) + "\"}")
                .post("/api/v1/tickets/" + id + "/assignment").then().statusCode(200);
        as(key).body("{\"status\":\"open\",\"at\":\"" + now.minus(Duration.ofMinutes(30)) + "\"}")
                .post("/api/v1/tickets/" + id + "/status").then().statusCode(200);
        as(key).body("{\"status\":\"resolved\",\"at\":\"" + now.minus(Duration.ofSeconds(5)) + "\"}")
                .post("/api/v1/tickets/" + id + "/status").then().statusCode(200);
    }

    private static String messageFor(String key, String ticket, String status) throws InterruptedException {
        return await("the e-mail of " + ticket + " " + status, () -> {
            List<String> statuses = as(key).get("/api/v1/delivery/messages?ticketId=" + ticket).then().statusCode(200)
                    .extract().path("items.status");
            return statuses.contains(status) ? status : null;
        });
    }

    @Test
    void resolvedTicketsAreSurveyedByEmailOncePerBudgetThroughAnOutageAndARestart() throws Exception {
        String key = SuiteApi.registerTenant(suite);
        as(key).body("{\"host\":\"127.0.0.1\",\"port\":" + smtpPort + ",\"security\":\"NONE\",\"fromAddress\":\"care@shop.example\","
                + "\"fromName\":\"Shop Care\",\"brandColor\":\"#aa3300\"}").put("/api/v1/delivery/email-settings")
                .then().statusCode(200);
        as(key).body("{\"maxAsks\":1,\"perDays\":7,\"minDaysBetween\":0}").put("/api/v1/delivery/contact-policy")
                .then().statusCode(200);
        String survey = as(key).body("{\"name\":\"After support\",\"kind\":\"CSAT\"}").post("/api/v1/surveys").then()
                .statusCode(201).extract().path("id");
        as(key).body("{\"onTicketResolved\":true,\"delayMinutes\":0,\"channels\":[\"email\"],\"teams\":[]}")
                .put("/api/v1/surveys/" + survey + "/delivery").then().statusCode(200);
        customer(key, "C-1", "anna@example.de", "Anna", "de");
        customer(key, "C-2", "ona@example.lt", "Ona", "lt");

        // Two resolutions, two customers, two languages.
        resolvedTicket(key, "T-1", "C-1");
        resolvedTicket(key, "T-2", "C-2");
        MimeMessage german = mailTo("anna@example.de");
        MimeMessage lithuanian = mailTo("ona@example.lt");
        assertEquals("Wie war unser Service?", german.getSubject());
        assertTrue(part(german, "text/plain").startsWith("Hallo Anna,"));
        assertEquals("Kaip mums sekėsi?", lithuanian.getSubject());
        assertTrue(part(lithuanian, "text/html").contains("Kaip esate patenkinti gautu aptarnavimu?"));
        assertTrue(german.getHeader("List-Unsubscribe")[0].startsWith("<" + suite.gatewayUrl() + "/r/"));

        // Answering from the e-mail, through the gateway, reaches the metrics.
        List<String> links = scoreLinks(part(german, "text/plain"));
        assertEquals(5, links.size(), "CSAT 1–5");
        given().get(links.get(0)).then().statusCode(200);
        given().post(links.get(3)).then().statusCode(200).body(containsString("Vielen Dank"));
        messageFor(key, "T-1", "answered");
        Float csat = await("CSAT from the answer", () -> as(key).get("/api/v1/metrics/csat?surveyId=" + survey)
                .then().statusCode(200).extract().path("value"));
        assertEquals(100.0f, csat, "one answer of 4 on 1–5: satisfied");

        // The same customer resolved again within the week: not asked, by e-mail or in the widget.
        resolvedTicket(key, "T-3", "C-1");
        messageFor(key, "T-3", "skipped");
        String publicKey = as(key).get("/api/v1/surveys/" + survey).then().extract().path("publicKey");
        given().get("/public/v1/surveys/" + publicKey + "?customerId=C-1").then().statusCode(200).body("ask", equalTo(false));
        as(key).get("/api/v1/delivery/customers/C-1/asks").then().statusCode(200).body("askableNow", equalTo(false))
                .body("asks.findAll { it.asked }.channel", org.hamcrest.Matchers.contains("email"))
                .body("asks.findAll { !it.asked }.channel", org.hamcrest.Matchers.containsInAnyOrder("email", "widget"));
        assertEquals(1, mailsTo("anna@example.de"));

        // A burst of resolutions: the two replicas send each e-mail once.
        for (int i = 1; i <= 12; i++) {
            customer(key, "B-" + i, "b" + i + "@example.com", "B" + i, "en");
            resolvedTicket(key, "TB-" + i, "B-" + i);
        }
        for (int i = 1; i <= 12; i++) {
            mailTo("b" + i + "@example.com");
        }
        Thread.sleep(3_000);
        for (int i = 1; i <= 12; i++) {
            assertEquals(1, mailsTo("b" + i + "@example.com"), "b" + i + " mailed once");
        }

        // The relay goes down; survey-service is killed while the message waits, and started again.
        smtp.stop();
        customer(key, "C-3", "jonas@example.lt", "Jonas", "lt");
        resolvedTicket(key, "T-4", "C-3");
        await("a failed try", () -> {
            Integer attempts = as(key).get("/api/v1/delivery/messages?ticketId=T-4").then().extract().path("items[0].attempts");
            return attempts != null && attempts > 0 ? attempts : null;
        });
        suite.restart("survey-service");
        smtp = relay();
        messageFor(key, "T-4", "sent");
        mailTo("jonas@example.lt");
        Thread.sleep(3_000);
        assertEquals(1, mailsTo("jonas@example.lt"), "sent once");
        System.out.printf("SurveyEmailIT: T-4 sent after %s tries across a relay outage and a survey-service restart%n",
                as(key).get("/api/v1/delivery/messages?ticketId=T-4").then().extract().path("items[0].attempts").toString());
    }
}
