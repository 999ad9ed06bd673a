package io.jenkins.plugins.aliyun.registry.engine;

/** Text from outside (a user, a registry, a file) made safe to put in a one-line message. */
public final class Text {

    private Text() {}

    /**
     * {@code text} with every control character written as an escape ({@code \n}, {@code \r},
     * {@code \t}, else {@code \}{@code uXXXX}), so that it stays one line, cannot forge further lines
     * in a build log and cannot send terminal escape sequences. Line and paragraph separators
     * (U+2028, U+2029, U+0085) count as control characters. Null stays null.
     */
    public static String escapeControls(String text) {
        if (text == null || text.chars().noneMatch(Text::isControl)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (isControl(c)) {
                        out.append("\\u").append(Integer.toHexString(0x10000 | c), 1, 5);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * {@code text} on one line: runs of white space (line breaks included) become one space, and
     * any control character left is {@linkplain #escapeControls escaped}. Null becomes "".
     */
    public static String oneLine(String text) {
        return text == null ? "" : escapeControls(text.replaceAll("\\s+", " ").strip());
    }

    private static boolean isControl(int c) {
        return c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085' || (c >= 0x80 && c < 0xa0);
    }
}
