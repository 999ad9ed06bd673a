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
        return Text.escapeControls(message);
    }
}
