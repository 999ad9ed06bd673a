package io.jenkins.plugins.aliyun.registry.engine;

/**
 * The caller's input cannot be used: a malformed reference, tag, host, name or credential. It is
 * always raised before anything touches the network, so the user can fix the input and retry.
 */
public class InvalidInputException extends EngineException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(oneLine(message));
    }

    /**
     * Messages quote what the user gave; a line break or other control character in it is written
     * as an escape such as {@code \n}, so the message stays one line and cannot forge
     * further lines in a build log.
     */
    static String oneLine(String message) {
        if (message == null || message.chars().noneMatch(InvalidInputException::isControl)) {
            return message;
        }
        StringBuilder out = new StringBuilder(message.length() + 8);
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (isControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean isControl(int c) {
        return c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085';
    }
}
