package org.edgewise.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

import org.edgewise.document.ValidationException;

/**
 * Amounts as people read them: with at least the currency's minor unit ({@code 9.90 EUR}, {@code 1200 JPY})
 * and more decimals only where the value has them ({@code 0.00001 EUR} for a price per request).
 */
public final class Money {

    private Money() {
    }

    /** The decimals of the currency's minor unit: 2 for EUR, 0 for JPY. */
    public static int minorDigits(String currency) {
        return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    }

    /** The amount with its currency, e.g. {@code 9.90 EUR}; empty for no amount. */
    public static String format(BigDecimal amount, String currency) {
        if (amount == null || currency == null) {
            return "";
        }
        return shown(amount, currency).toPlainString() + " " + currency;
    }

    /** The amount with the decimals of the currency's minor unit, or more where it has them: {@code 9.90}, {@code 0.00001}. */
    public static BigDecimal shown(BigDecimal amount, String currency) {
        return atLeast(amount, minorDigits(currency));
    }

    /** The amount rounded to the currency's minor unit, as an invoice line shows it. */
    public static String rounded(BigDecimal amount, String currency) {
        if (amount == null || currency == null) {
            return "";
        }
        return amount.setScale(minorDigits(currency), RoundingMode.HALF_UP).toPlainString() + " " + currency;
    }

    /** A tax rate, e.g. {@code 20.00 %}. */
    public static String percent(BigDecimal rate) {
        return rate == null ? "" : atLeast(rate, 2).toPlainString() + " %";
    }

    /** A quantity without trailing zeros, e.g. {@code 2.5}. */
    public static String quantity(BigDecimal quantity) {
        return quantity == null ? "" : atLeast(quantity, 0).toPlainString();
    }

    /**
     * A currency as stored: a known ISO 4217 code of three capital letters whose money has a minor unit.
     *
     * @param field the field that holds it, named when it is refused
     */
    public static String requireCurrency(String field, String value) {
        String code = value == null ? "" : value.strip().toUpperCase(java.util.Locale.ROOT);
        if (!code.matches("^[A-Z]{3}$")) {
            throw new ValidationException(field, "A currency is its three-letter ISO 4217 code, such as EUR or USD, not \""
                    + (value == null ? "" : value.strip()) + "\".");
        }
        try {
            if (Currency.getInstance(code).getDefaultFractionDigits() < 0) {
                throw new ValidationException(field, code + " is not a currency prices can be given in.");
            }
        } catch (IllegalArgumentException e) {
            throw new ValidationException(field, code + " is not an ISO 4217 currency code.");
        }
        return code;
    }

    private static BigDecimal atLeast(BigDecimal value, int minScale) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.setScale(Math.max(minScale, Math.max(0, stripped.scale())));
    }
}
