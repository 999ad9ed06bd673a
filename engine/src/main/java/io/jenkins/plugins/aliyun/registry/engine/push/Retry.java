package io.jenkins.plugins.aliyun.registry.engine.push;

import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import java.io.IOException;
import java.time.Duration;

/**
 * Bounded retries for registry operations: connection errors, 5xx and 429 are tried again after
 * an exponential backoff ({@code Retry-After} is honoured up to {@link #maxDelay}); everything else
 * fails at once.
 */
final class Retry {

    /** Five tries, 250 ms doubling to at most 4 s between them: about 4 s of waiting in all. */
    static final Retry DEFAULT = new Retry(5, Duration.ofMillis(250), Duration.ofSeconds(4));

    interface Operation<T> {
        T call() throws EngineException, IOException, InterruptedException;
    }

    private final int attempts;
    private final Duration firstDelay;
    private final Duration maxDelay;

    Retry(int attempts, Duration firstDelay, Duration maxDelay) {
        this.attempts = attempts;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
    }

    <T> T run(String what, PushListener events, Operation<T> op) throws EngineException, IOException, InterruptedException {
        Duration delay = firstDelay;
        for (int attempt = 1; ; attempt++) {
            try {
                return op.call();
            } catch (RegistryException e) {
                if (!e.isRetryable() || attempt >= attempts) {
                    throw e;
                }
                Duration wait = e.retryAfter() != null ? min(e.retryAfter(), maxDelay) : delay;
                events.log("retrying " + what + " in " + wait.toMillis() + " ms (" + attempt + "/" + (attempts - 1) + "): " + e.getMessage());
                Thread.sleep(wait.toMillis());
                delay = min(delay.multipliedBy(2), maxDelay);
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
