package io.cxmeter.survey.delivery;

import java.net.URI;

import io.cxmeter.survey.texts.BuiltInTexts;
import io.cxmeter.survey.widget.WidgetConfig;
import io.vertx.ext.mail.MailMessage;

/**
 * Writes a survey e-mail: the question with one link per score (one click answers), in an HTML part
 * with the tenant's brand colour and logo and in a plain-text part, with {@code List-Unsubscribe}
 * and one-click unsubscribe (RFC 8058). Everything a tenant or customer wrote is escaped.
 */
final class MailComposer {

    /** What one e-mail says and where it goes. */
    record Letter(MailSettings settings, WidgetConfig survey, URI links, String recipient, String recipientName,
            boolean reminder, String messageId) {
    }

    private static final String DEFAULT_COLOR = "#1f5fbf";

    private MailComposer() {
    }

    static MailMessage compose(Letter letter) {
        BuiltInTexts.Words words = BuiltInTexts.forLocale(letter.survey().locale());
        String subject = words.get(letter.reminder() ? "mail.reminderSubject" : "mail.subject");
        String greeting = letter.recipientName() == null || letter.recipientName().isBlank() ? words.get("mail.greetingAnonymous")
                : words.get("mail.greeting").replace("{name}", letter.recipientName());
        String unsubscribe = letter.links().resolve("unsubscribe").toString();
        MailSettings settings = letter.settings();
        MailMessage message = new MailMessage()
                .setFrom(settings.sender())
                .setTo(letter.recipient())
                .setSubject(subject)
                .setText(text(letter, words, greeting, unsubscribe))
                .setHtml(html(letter, words, greeting, unsubscribe));
        message.addHeader("List-Unsubscribe", "<" + unsubscribe + ">");
        message.addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.addHeader("Message-ID", "<" + letter.messageId() + "." + domain(settings.fromAddress()) + ">");
        message.addHeader("Auto-Submitted", "auto-generated");
        message.addHeader("Content-Language", letter.survey().locale());
        return message;
    }

    private static String text(Letter letter, BuiltInTexts.Words words, String greeting, String unsubscribe) {
        WidgetConfig survey = letter.survey();
        StringBuilder text = new StringBuilder(greeting).append("\n\n").append(words.get("mail.intro")).append("\n\n")
                .append(survey.question()).append("\n\n");
        for (int score = survey.scale().min(); score <= survey.scale().max(); score++) {
            String label = score == survey.scale().min() ? " (" + survey.low() + ")"
                    : score == survey.scale().max() ? " (" + survey.high() + ")" : "";
            text.append(score).append(label).append(": ").append(letter.links().resolve(Integer.toString(score))).append('\n');
        }
        return text.append("\n-- \n").append(words.get("mail.unsubscribe")).append(": ").append(unsubscribe).append('\n')
                .toString();
    }

    private static String html(Letter letter, BuiltInTexts.Words words, String greeting, String unsubscribe) {
        WidgetConfig survey = letter.survey();
        MailSettings settings = letter.settings();
        String color = settings.brandColor() == null ? DEFAULT_COLOR : settings.brandColor();
        StringBuilder html = new StringBuilder("<!doctype html><html lang=\"").append(escape(survey.locale()))
                .append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>")
                .append(escape(words.get(letter.reminder() ? "mail.reminderSubject" : "mail.subject")))
                .append("</title></head><body style=\"margin:0;padding:24px;background:#f4f5f7;font-family:Arial,sans-serif;color:#1d2330\">")
                .append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"max-width:600px;")
                .append("margin:0 auto;background:#fff;border-top:4px solid ").append(color).append("\"><tr><td style=\"padding:24px\">");
        if (settings.logoUrl() != null) {
            html.append("<img src=\"").append(escape(settings.logoUrl())).append("\" alt=\"")
                    .append(escape(settings.fromName() == null ? "" : settings.fromName()))
                    .append("\" height=\"40\" style=\"display:block;margin-bottom:16px\">");
        }
        html.append("<p>").append(escape(greeting)).append("</p><p>").append(escape(words.get("mail.intro"))).append("</p>")
                .append("<h1 style=\"font-size:18px\">").append(escape(survey.question())).append("</h1>")
                .append("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"4\"><tr>");
        for (int score = survey.scale().min(); score <= survey.scale().max(); score++) {
            html.append("<td><a href=\"").append(escape(letter.links().resolve(Integer.toString(score)).toString()))
                    .append("\" style=\"display:inline-block;min-width:24px;padding:10px 6px;border-radius:4px;background:")
                    .append(color).append(";color:#fff;text-align:center;text-decoration:none;font-weight:bold\">")
                    .append(score).append("</a></td>");
        }
        html.append("</tr></table><table role=\"presentation\" width=\"100%\"><tr><td style=\"font-size:12px;color:#555\">")
                .append(escape(survey.low())).append("</td><td style=\"font-size:12px;color:#555;text-align:right\">")
                .append(escape(survey.high())).append("</td></tr></table>")
                .append("<p style=\"margin-top:32px;font-size:12px;color:#555\"><a href=\"").append(escape(unsubscribe))
                .append("\" style=\"color:#555\">").append(escape(words.get("mail.unsubscribe"))).append("</a></p>")
                .append("</td></tr></table></body></html>");
        return html.toString();
    }

    private static String domain(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "cxmeter" : address.substring(at + 1);
    }

    static String escape(String text) {
        return io.cxmeter.survey.Html.escape(text);
    }
}
