package io.cxmeter.survey.texts;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Choosing among texts kept per locale for a visitor's locale: the exact tag, then its language,
 * then a fallback ({@code lt-LT} → {@code lt} → default). Tags compare case-insensitively, with
 * {@code _} taken as {@code -}.
 */
public final class Locales {

    /** A BCP 47-like tag: a language, then optional region, script or variant parts ({@code lt}, {@code pt-BR}). */
    public static final Pattern TAG = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}");

    private Locales() {
    }

    /** The key of {@code texts} that serves {@code wanted}, or {@code fallback} when none does. */
    public static String choose(Map<String, ?> texts, String wanted, String fallback) {
        String tag = wanted == null ? null : normalize(wanted);
        if (tag != null && TAG.matcher(tag).matches()) {
            String language = tag.split("-", 2)[0];
            String byLanguage = null;
            for (String key : texts.keySet()) {
                String candidate = normalize(key);
                if (candidate.equals(tag)) {
                    return key;
                }
                if (byLanguage == null && candidate.equals(language)) {
                    byLanguage = key;
                }
            }
            if (byLanguage != null) {
                return byLanguage;
            }
        }
        return fallback;
    }

    /** The first tag of an Accept-Language-style list ({@code lt-LT,lt;q=0.9,en;q=0.8} → {@code lt-LT}). */
    public static String first(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return null;
        }
        String first = acceptLanguage.split(",", 2)[0].split(";", 2)[0].strip();
        return TAG.matcher(first).matches() ? first : null;
    }

    static String normalize(String tag) {
        return tag.replace('_', '-').toLowerCase(Locale.ROOT);
    }
}
