package org.edgewise.web;

/** What text the APIs take: any character but NUL, and no half of a UTF-16 surrogate pair. */
final class TextRules {

    private TextRules() {
    }

    /** What is wrong with the text, or {@code null} when nothing is. */
    static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "contains a NUL character";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains half of a UTF-16 surrogate pair, which is no character";
            }
        }
        return null;
    }

    /** The text as it can be shown in a message. */
    static String printable(String text) {
        String shown = text.replace("\u0000", "\\u0000");
        return shown.length() <= 60 ? shown : shown.substring(0, 57) + "...";
    }
}
