package io.jenkins.plugins.aliyun.registry.engine.push;

import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import java.time.Duration;

/**
 * A registry could not be reached or refused what a push asked for. {@link #getProblem()} says
 * which case it is; the message says what happened, the likely cause and the fix, in one line.
 */
public class RegistryException extends EngineException {

    private static final long serialVersionUID = 1L;

    /** The cases a caller may want to tell apart. */
    public enum Problem {
        /** Nothing listens on the host and port. */
        CONNECTION_REFUSED,
        /** The connection broke or timed out (after retries). */
        CONNECTION_FAILED,
        /** The registry's certificate is signed by an authority we do not trust. */
        UNKNOWN_CERTIFICATE_AUTHORITY,
        /** Another TLS failure (hostname mismatch, protocol). */
        TLS_FAILURE,
        /** The registry speaks plain HTTP and was not marked insecure. */
        PLAIN_HTTP_REGISTRY,
        /** The username or password was rejected, or the registry needs a login and got none. */
        UNAUTHORIZED,
        /** Logged in, but the account may not do this (403 / {@code DENIED}). */
        DENIED,
        /** The token does not cover the repository and action ({@code insufficient_scope}). */
        INSUFFICIENT_SCOPE,
        /** The repository does not exist ({@code NAME_UNKNOWN}). */
        REPOSITORY_NOT_FOUND,
        /** The source image (tag or digest) does not exist. */
        IMAGE_NOT_FOUND,
        /** The tag exists and the repository does not allow overwriting tags. */
        TAG_IMMUTABLE,
        /** The registry rejected a manifest or blob as invalid. */
        INVALID_CONTENT,
        /** The HTTP proxy refused or failed to open a tunnel to the registry. */
        PROXY_FAILURE,
        /** The registry kept answering 429 Too Many Requests. */
        TOO_MANY_REQUESTS,
        /** The registry kept failing with 5xx. */
        SERVER_ERROR,
        /** An answer this client does not understand. */
        UNEXPECTED_RESPONSE
    }

    private final Problem problem;
    private final String registry;
    private final int statusCode;
    private final transient boolean retryable;
    private final transient Duration retryAfter;

    RegistryException(Problem problem, String registry, int statusCode, String message, Throwable cause,
            boolean retryable, Duration retryAfter) {
        super(message, cause);
        this.problem = problem;
        this.registry = registry;
        this.statusCode = statusCode;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    RegistryException(Problem problem, String registry, int statusCode, String message) {
        this(problem, registry, statusCode, message, null, false, null);
    }

    /** Which case this is. */
    public Problem getProblem() {
        return problem;
    }

    /** The registry, {@code host[:port]}. */
    public String getRegistry() {
        return registry;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int getStatusCode() {
        return statusCode;
    }

    boolean isRetryable() {
        return retryable;
    }

    /** The delay the registry asked for with {@code Retry-After}, or null. */
    Duration retryAfter() {
        return retryAfter;
    }
}
