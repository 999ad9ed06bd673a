package io.jenkins.plugins.aliyun.registry.engine.push;

/**
 * Receives what a push does, as it happens. Called from several threads; implementations must be
 * thread-safe and quick. Nothing passed here ever contains a secret.
 */
public interface PushListener {

    /** Ignores every event. */
    PushListener NONE = new PushListener() {};

    /** A blob's state or byte count changed. */
    default void progress(LayerProgress progress) {}

    /** A line worth showing in a build log, e.g. which registry protocol was chosen or a retry. */
    default void log(String message) {}
}
