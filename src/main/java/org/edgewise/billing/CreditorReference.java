package org.edgewise.billing;

import java.math.BigInteger;

/**
 * An ISO 11649 structured creditor reference, {@code RF} + two check digits + up to 21 letters and digits
 * (e.g. {@code RF18539007547034}): banks in the SEPA area carry it unchanged from the payer's transfer to the
 * creditor's statement and check its digits when it is typed, so a payment finds its customer without anybody
 * reading free text.
 */
final class CreditorReference {

    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private CreditorReference() {
    }

    /** The creditor reference of this body (upper-case letters and digits, 1 to 21 of them). */
    static String of(String body) {
        if (!body.matches("[A-Z0-9]{1,21}")) {
            throw new IllegalArgumentException("A creditor reference is 1 to 21 letters and digits, not " + body);
        }
        int check = 98 - remainder(body + "RF00");
        return String.format("RF%02d%s", check, body);
    }

    /** ISO 7064 MOD 97-10 over the text with letters as numbers (A = 10 … Z = 35), as IBANs are checked. */
    private static int remainder(String text) {
        StringBuilder digits = new StringBuilder();
        for (char c : text.toCharArray()) {
            digits.append(Character.getNumericValue(c));
        }
        return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue();
    }
}
