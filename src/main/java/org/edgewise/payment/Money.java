package org.edgewise.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

import org.edgewise.document.ValidationException;

/** Amounts with their currency: the currency's minor unit is the scale every stored amount has. */
public final class Money {

    /** The largest amount a payment or a bank line may have: far above any real transfer, far below the columns' limit. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000");

    private Money() {
    }

    /** How many decimals the currency has: two for EUR, none for JPY. */
    public static int minorUnit(String currency) {
        return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    }

    /** The amount at its currency's scale, with the currency: {@code 120.50 EUR}. */
    public static String format(BigDecimal amount, String currency) {
        return amount.setScale(minorUnit(currency), RoundingMode.HALF_UP).toPlainString() + " " + currency;
    }

    /** A currency people can pay in: an ISO 4217 code with a minor unit (no gold, no test code). */
    static String requireCurrency(String field, String currency) {
        String code = currency == null ? "" : currency.strip();
        if (!code.matches("[A-Z]{3}")) {
            throw new ValidationException(field, "A currency is a three-letter ISO 4217 code such as EUR.");
        }
        try {
            if (Currency.getInstance(code).getDefaultFractionDigits() < 0) {
                throw new ValidationException(field, code + " is not a currency one pays in.");
            }
        } catch (IllegalArgumentException e) {
            throw new ValidationException(field, code + " is not an ISO 4217 currency.");
        }
        return code;
    }

    /** An amount received: more than zero, at most the currency's minor unit of decimals, not absurdly large. */
    static BigDecimal requireAmount(String field, BigDecimal amount, String currency) {
        if (amount == null || amount.signum() <= 0) {
            throw new ValidationException(field, "An amount must be more than zero.");
        }
        if (amount.compareTo(MAX_AMOUNT) > 0) {
            throw new ValidationException(field, "An amount can be at most " + MAX_AMOUNT.toPlainString() + ".");
        }
        int scale = minorUnit(currency);
        if (amount.stripTrailingZeros().scale() > scale) {
            throw new ValidationException(field, currency + " amounts have " + (scale == 0 ? "no decimals"
                    : "at most " + scale + " decimals") + ": " + amount.toPlainString() + " has more.");
        }
        return amount.setScale(scale, RoundingMode.UNNECESSARY);
    }
}
