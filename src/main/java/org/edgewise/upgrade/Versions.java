package org.edgewise.upgrade;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders release versions as people write them: runs of digits compare as numbers, anything else as text,
 * so 1.10 is newer than 1.9, 2.1 newer than 2, and 3 newer than 2.1.
 */
public final class Versions {

    private static final Pattern PART = Pattern.compile("\\d+|[^\\d.\\-_+]+");

    public static final Comparator<String> ORDER = Versions::compare;

    private Versions() {
    }

    public static int compare(String a, String b) {
        Matcher ma = PART.matcher(a);
        Matcher mb = PART.matcher(b);
        while (true) {
            boolean hasA = ma.find();
            boolean hasB = mb.find();
            if (!hasA || !hasB) {
                return Boolean.compare(hasA, hasB);
            }
            String pa = ma.group();
            String pb = mb.group();
            boolean numA = Character.isDigit(pa.charAt(0));
            boolean numB = Character.isDigit(pb.charAt(0));
            int c;
            if (numA && numB) {
                c = new java.math.BigInteger(pa).compareTo(new java.math.BigInteger(pb));
            } else if (numA != numB) {
                c = numA ? 1 : -1; // 2.1 is newer than 2.beta
            } else {
                c = pa.compareTo(pb);
            }
            if (c != 0) {
                return c;
            }
        }
    }
}
