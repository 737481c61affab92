package org.edgewise.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class ShopTranslationsTest {

    private final ShopTranslations translations = new ShopTranslations();

    @Test
    void theShopSpeaksTheVisitorsLanguageAndEnglishToOthers() {
        assertThat(translations.getTranslation("shop.order", Locale.FRANCE)).isEqualTo("Commander");
        assertThat(translations.getTranslation("shop.order", Locale.GERMAN)).isEqualTo("Bestellen");
        assertThat(translations.getTranslation("shop.order", Locale.ITALIAN)).isEqualTo("Order");
        assertThat(translations.getTranslation("shop.empty", Locale.FRENCH)).isEqualTo("Rien n'est encore proposé.");
        assertThat(translations.getTranslation("shop.plan-month", Locale.ENGLISH, "default", "€9.90", "€11.88"))
                .isEqualTo("default: €9.90 per month (€11.88 with tax)");
    }

    @Test
    void everyKeyIsTranslatedInEveryLanguage() {
        java.util.ResourceBundle english = java.util.ResourceBundle.getBundle("shop-messages/shop", Locale.ROOT);
        for (Locale locale : translations.getProvidedLocales()) {
            java.util.ResourceBundle bundle = java.util.ResourceBundle.getBundle("shop-messages/shop", locale);
            assertThat(bundle.keySet()).as(locale.toString()).containsExactlyInAnyOrderElementsOf(english.keySet());
        }
    }

    @Test
    void amountsAreWrittenTheVisitorsWay() {
        BigDecimal price = new BigDecimal("9.900000");
        assertThat(ShopOffers.format(price, "EUR", Locale.FRANCE)).isEqualTo("9,90\u00a0€");
        assertThat(ShopOffers.format(price, "EUR", Locale.UK)).isEqualTo("€9.90");
        assertThat(ShopOffers.format(new BigDecimal("0.000010"), "EUR", Locale.UK)).isEqualTo("€0.00001");
        assertThat(ShopOffers.format(new BigDecimal("20.00"), Locale.GERMANY)).isEqualTo("20");
    }
}
