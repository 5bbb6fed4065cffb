package io.cxmeter.survey.invitations;

/**
 * The small pages a rating link shows. Everything that came from a person (a comment) is escaped.
 * No inline script or style: the stylesheet and the one script are files of their own, so the pages
 * run under a Content-Security-Policy that allows nothing inline ({@link #POLICY}).
 */
final class RatingPage {

    private RatingPage() {
    }

    /** What the pages may load: their own stylesheet and script, forms posting back here, nothing else. */
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /**
     * The page a rating link opens: the score, recorded by {@code rating.js} once a browser runs it (a
     * mail scanner that only fetches the link records nothing), or by the button without script.
     */
    static String confirm(RatingTexts texts, String lang, String score) {
        return page(lang, "<h1 class=\"score\">" + escape(score) + "</h1>"
                + "<form id=\"record\" method=\"post\"><button type=\"submit\">" + escape(texts.send())
                + "</button></form>", true);
    }

    static String thanks(RatingTexts texts, String lang, String commentAction, String comment, boolean saved) {
        return page(lang, "<h1>" + escape(texts.thanks()) + "</h1>"
                + (saved ? "<p role=\"status\">" + escape(texts.saved()) + "</p>" : "")
                + "<form method=\"post\" action=\"" + escape(commentAction) + "\">"
                + "<label for=\"comment\">" + escape(texts.addComment()) + "</label>"
                + "<textarea id=\"comment\" name=\"comment\" maxlength=\"5000\" rows=\"5\">" + escape(comment == null ? "" : comment)
                + "</textarea><button type=\"submit\">" + escape(texts.send()) + "</button></form>", false);
    }

    /** The unsubscribe link's page: the question and a button that posts back (one-click clients post directly). */
    static String unsubscribe(io.cxmeter.survey.texts.BuiltInTexts.Words words, String lang) {
        return page(lang, "<h1>" + escape(words.get("unsubscribeQuestion")) + "</h1>"
                + "<form method=\"post\"><button type=\"submit\">" + escape(words.get("mail.unsubscribe"))
                + "</button></form>", false);
    }

    static String message(String lang, String text) {
        return page(lang, "<h1>" + escape(text) + "</h1>", false);
    }

    private static String page(String lang, String body, boolean recordScript) {
        return "<!doctype html><html lang=\"" + escape(lang) + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Feedback</title>"
                + "<link rel=\"stylesheet\" href=\"/widget/v1/rating.css\">"
                + (recordScript ? "<script src=\"/widget/v1/rating.js\" defer></script>" : "")
                + "</head><body><main>" + body + "</main></body></html>";
    }

    static String escape(String text) {
        return io.cxmeter.survey.Html.escape(text);
    }
}
