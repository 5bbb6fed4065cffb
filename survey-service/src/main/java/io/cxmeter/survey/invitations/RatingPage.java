package io.cxmeter.survey.invitations;

/**
 * The small pages a rating link shows. Everything that came from a person (a comment) is escaped;
 * no script, so it works under any Content-Security-Policy.
 */
final class RatingPage {

    private RatingPage() {
    }

    static String thanks(RatingTexts texts, String lang, String commentAction, String comment, boolean saved) {
        return page(lang, "<h1>" + escape(texts.thanks()) + "</h1>"
                + (saved ? "<p role=\"status\">" + escape(texts.saved()) + "</p>" : "")
                + "<form method=\"post\" action=\"" + escape(commentAction) + "\">"
                + "<label for=\"comment\">" + escape(texts.addComment()) + "</label>"
                + "<textarea id=\"comment\" name=\"comment\" maxlength=\"5000\" rows=\"5\">" + escape(comment == null ? "" : comment)
                + "</textarea><button type=\"submit\">" + escape(texts.send()) + "</button></form>");
    }

    static String message(String lang, String text) {
        return page(lang, "<h1>" + escape(text) + "</h1>");
    }

    private static String page(String lang, String body) {
        return "<!doctype html><html lang=\"" + escape(lang) + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Feedback</title>"
                + "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#222}"
                + "textarea{width:100%;box-sizing:border-box}button{margin-top:.5rem;padding:.5rem 1rem}</style></head>"
                + "<body><main>" + body + "</main></body></html>";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
