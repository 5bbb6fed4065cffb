package io.cxmeter.survey.invitations;

import java.util.Locale;
import java.util.Map;

/**
 * The words of the rating pages in the languages the suite ships (en, lt, lv, et, da, ru, de, fr, es),
 * chosen for a visitor's locale: exact tag, then language, then English.
 */
public record RatingTexts(String thanks, String addComment, String send, String saved, String expired, String paused) {

    private static final Map<String, RatingTexts> TEXTS = Map.of(
            "en", new RatingTexts("Thank you for your feedback!", "Anything to add?", "Send", "Your comment was saved.",
                    "This rating link has expired.", "This survey is not taking answers at the moment."),
            "lt", new RatingTexts("Ačiū už jūsų atsiliepimą!", "Norite ką nors pridurti?", "Siųsti", "Jūsų komentaras išsaugotas.",
                    "Ši vertinimo nuoroda nebegalioja.", "Ši apklausa šiuo metu atsakymų nepriima."),
            "lv", new RatingTexts("Paldies par jūsu atsauksmi!", "Vai vēlaties ko piebilst?", "Sūtīt", "Jūsu komentārs ir saglabāts.",
                    "Šī vērtēšanas saite vairs nav derīga.", "Šī aptauja pašlaik nepieņem atbildes."),
            "et", new RatingTexts("Aitäh tagasiside eest!", "Kas soovite midagi lisada?", "Saada", "Teie kommentaar on salvestatud.",
                    "See hindamislink on aegunud.", "See küsitlus ei võta praegu vastuseid vastu."),
            "da", new RatingTexts("Tak for din feedback!", "Vil du tilføje noget?", "Send", "Din kommentar er gemt.",
                    "Dette bedømmelseslink er udløbet.", "Denne undersøgelse modtager ikke svar i øjeblikket."),
            "ru", new RatingTexts("Спасибо за ваш отзыв!", "Хотите что-нибудь добавить?", "Отправить", "Ваш комментарий сохранён.",
                    "Срок действия этой ссылки истёк.", "Этот опрос сейчас не принимает ответы."),
            "de", new RatingTexts("Vielen Dank für Ihr Feedback!", "Möchten Sie etwas hinzufügen?", "Senden",
                    "Ihr Kommentar wurde gespeichert.", "Dieser Bewertungslink ist abgelaufen.",
                    "Diese Umfrage nimmt derzeit keine Antworten an."),
            "fr", new RatingTexts("Merci pour votre avis !", "Souhaitez-vous ajouter quelque chose ?", "Envoyer",
                    "Votre commentaire a été enregistré.", "Ce lien d’évaluation a expiré.",
                    "Ce questionnaire n’accepte pas de réponses pour le moment."),
            "es", new RatingTexts("¡Gracias por su opinión!", "¿Desea añadir algo?", "Enviar", "Su comentario se ha guardado.",
                    "Este enlace de valoración ha caducado.", "Esta encuesta no acepta respuestas en este momento."));

    public static RatingTexts forLocale(String tag) {
        if (tag == null || tag.isBlank()) {
            return TEXTS.get("en");
        }
        String normalized = tag.replace('_', '-').toLowerCase(Locale.ROOT);
        RatingTexts exact = TEXTS.get(normalized);
        if (exact != null) {
            return exact;
        }
        return TEXTS.getOrDefault(normalized.split("-", 2)[0], TEXTS.get("en"));
    }
}
