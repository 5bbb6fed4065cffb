package io.cxmeter.survey.invitations;

import io.cxmeter.survey.texts.BuiltInTexts;

/** The words of the rating pages, in the built-in language closest to a visitor's locale. */
public record RatingTexts(String thanks, String addComment, String send, String saved, String expired, String paused) {

    public static RatingTexts forLocale(String tag) {
        BuiltInTexts.Words words = BuiltInTexts.forLocale(tag);
        return new RatingTexts(words.get("thanks"), words.get("addComment"), words.get("send"), words.get("saved"),
                words.get("expired"), words.get("paused"));
    }
}
