package io.cxmeter.survey.texts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class BuiltInTextsTest {

    @Test
    void everyShippedLanguageHasEveryText() {
        assertEquals(Set.of("en", "lt", "lv", "et", "da", "ru", "de", "fr", "es"), BuiltInTexts.languages());
        Set<String> keys = BuiltInTexts.forLocale("en").texts().keySet();
        for (String language : BuiltInTexts.languages()) {
            BuiltInTexts.Words words = BuiltInTexts.forLocale(language);
            assertEquals(keys, words.texts().keySet(), language);
            words.texts().values().forEach(text -> assertTrue(!text.isBlank(), language));
        }
    }

    @Test
    void aVisitorGetsTheExactTagThenTheLanguageThenTheFallback() {
        Map<String, String> texts = Map.of("en", "en", "lt", "lt", "pt-BR", "pt-BR");
        assertEquals("lt", Locales.choose(texts, "lt-LT", "en"));
        assertEquals("pt-BR", Locales.choose(texts, "pt_br", "en"));
        assertEquals("en", Locales.choose(texts, "pt-PT", "en"));
        assertEquals("en", Locales.choose(texts, "de", "en"));
        assertEquals("en", Locales.choose(texts, "not a tag", "en"));
        assertEquals("en", Locales.choose(texts, null, "en"));

        assertEquals("Kaip tikėtina, kad rekomenduotumėte mus draugui ar kolegai?",
                BuiltInTexts.forLocale("lt-LT").question("NPS"));
        assertEquals("de", BuiltInTexts.forLocale("pl", "de-AT").language());
        assertEquals("en", BuiltInTexts.forLocale("pl", "pt").language());
    }

    @Test
    void theFirstAcceptLanguageTagCounts() {
        assertEquals("lt-LT", Locales.first("lt-LT,lt;q=0.9,en;q=0.8"));
        assertEquals("da", Locales.first("da"));
        assertNull(Locales.first("*"));
        assertNull(Locales.first(null));
    }
}
