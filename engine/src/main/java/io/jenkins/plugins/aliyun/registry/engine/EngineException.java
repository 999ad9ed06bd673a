package io.jenkins.plugins.aliyun.registry.engine;

import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;

/**
 * Base of every error the engine reports. The message is one line meant for a person: what was
 * wrong, the likely cause and the fix. It never contains a secret.
 */
public class EngineException extends Exception {

    private static final long serialVersionUID = 1L;

    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The one line a front end shows for a failure. Only the engine's own exceptions, whose messages
     * are written to hold no secret, are shown as they are. Another's text may quote what it read (a
     * YAML parser shows the kubeconfig line, a token in it; a JSON parser the value), so it is never
     * shown: its type is, and for a file system error the file and the system's reason.
     *
     * @param inputs what the user gave, for the fix, e.g. "the files and options given"
     */
    public static String describe(Throwable e, String inputs) {
        if (e instanceof EngineException) {
            return Text.oneLine(e.getMessage());
        }
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof FileSystemException f && f.getFile() != null) {
            return Text.oneLine("cannot use " + f.getFile() + (f.getOtherFile() == null ? "" : " or " + f.getOtherFile())
                    + " (" + t.getClass().getSimpleName() + (f.getReason() == null ? "" : ": " + f.getReason())
                    + "): check that the path is right and that its permissions allow it");
        }
        if (t instanceof InterruptedException) {
            return "interrupted";
        }
        return Text.oneLine("unexpected " + t.getClass().getSimpleName() + " (its text is not shown: it may quote a secret from the input)"
                + ": check " + inputs + ", and report it if it persists");
    }
}
