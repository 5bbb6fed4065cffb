package io.cxmeter.survey.texts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The words the suite ships in en, lt, lv, et, da, ru, de, fr, es ({@code texts/built-in.json}): the
 * default question of each survey kind, the follow-up question, the scale's end labels and the
 * widget's and rating pages' words. A visitor gets the exact tag, then the language, then English.
 */
public final class BuiltInTexts {

    public static final String FALLBACK = "en";
    private static final Map<String, Map<String, String>> TEXTS = load();

    private BuiltInTexts() {
    }

    /** The languages shipped. */
    public static Set<String> languages() {
        return TEXTS.keySet();
    }

    /** The texts for a visitor's locale (null or unknown: English). */
    public static Words forLocale(String tag) {
        return forLocale(tag, FALLBACK);
    }

    /** The texts for a visitor's locale, else for {@code fallback}'s, else English. */
    public static Words forLocale(String tag, String fallback) {
        String language = Locales.choose(TEXTS, tag, Locales.choose(TEXTS, fallback, FALLBACK));
        return new Words(language, TEXTS.get(language));
    }

    /** One language's words. */
    public record Words(String language, Map<String, String> texts) {

        public String get(String key) {
            String text = texts.get(key);
            if (text == null) {
                throw new IllegalArgumentException("No built-in text '" + key + "'");
            }
            return text;
        }

        public String question(String kind) {
            return get("question." + kind);
        }

        public String low(String kind) {
            return get("low." + kind);
        }

        public String high(String kind) {
            return get("high." + kind);
        }
    }

    private static Map<String, Map<String, String>> load() {
        try (InputStream in = BuiltInTexts.class.getResourceAsStream("/texts/built-in.json")) {
            if (in == null) {
                throw new IllegalStateException("texts/built-in.json is missing from the classpath");
            }
            return Map.copyOf(new ObjectMapper().readValue(in, new TypeReference<Map<String, Map<String, String>>>() {
            }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
