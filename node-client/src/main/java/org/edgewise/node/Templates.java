package org.edgewise.node;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${name}} placeholders in a release's commands and published values. A value that is not known
 * yet (a child that has not published, say) makes the instance wait: {@link NotReady}.
 */
final class Templates {

    /** Values the node itself makes that are meant as several words: the command that runs this program. */
    private static final java.util.Set<String> RAW = java.util.Set.of("node");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

    static final class NotReady extends Exception {
        NotReady(String name) {
            super("waiting for ${" + name + "}");
        }
    }

    private Templates() {
    }

    static String render(String template, Map<String, String> values) throws NotReady {
        return render(template, values, false);
    }

    /**
     * For commands run by the shell: every value is single-quoted, so that parameters chosen by a
     * customer are always one word and never shell syntax.
     */
    static String renderCommand(String template, Map<String, String> values) throws NotReady {
        return render(template, values, true);
    }

    /** The same values for the environment of the commands: {@code EDGEWISE_PARAM_GREETING} for {@code param.greeting}. */
    static Map<String, String> environment(Map<String, String> values) {
        Map<String, String> env = new HashMap<>();
        values.forEach((k, v) -> env.put("EDGEWISE_" + k.toUpperCase().replaceAll("[^A-Z0-9]", "_"), v));
        return env;
    }

    private static String render(String template, Map<String, String> values, boolean quote) throws NotReady {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new NotReady(m.group(1));
            }
            boolean shellWord = quote && !RAW.contains(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(shellWord ? "'" + value.replace("'", "'\\''") + "'" : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
