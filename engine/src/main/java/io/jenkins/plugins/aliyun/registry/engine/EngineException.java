package io.jenkins.plugins.aliyun.registry.engine;

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
}
