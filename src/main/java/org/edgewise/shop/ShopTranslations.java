package org.edgewise.shop;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import org.springframework.stereotype.Component;

import com.vaadin.flow.i18n.I18NProvider;

/**
 * The shop speaks the visitor's language: English, French or German, the first of them the browser asks for
 * (English when it asks for none of them); amounts follow the same locale. A key without a translation shows as
 * the English text, never as the key.
 */
@Component
class ShopTranslations implements I18NProvider {

    private static final List<Locale> LOCALES = List.of(Locale.ENGLISH, Locale.FRENCH, Locale.GERMAN);
    private static final String BUNDLE = "shop-messages/shop";
    private static final ResourceBundle.Control NO_DEFAULT_LOCALE = ResourceBundle.Control.getNoFallbackControl(
            ResourceBundle.Control.FORMAT_PROPERTIES);

    @Override
    public List<Locale> getProvidedLocales() {
        return LOCALES;
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        Locale language = locale == null ? Locale.ENGLISH : Locale.forLanguageTag(locale.getLanguage());
        String pattern;
        try {
            pattern = ResourceBundle.getBundle(BUNDLE, language, NO_DEFAULT_LOCALE).getString(key);
        } catch (MissingResourceException e) {
            pattern = ResourceBundle.getBundle(BUNDLE, Locale.ROOT, NO_DEFAULT_LOCALE).getString(key);
        }
        return new MessageFormat(pattern, language).format(params);
    }
}
