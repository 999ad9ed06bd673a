package io.jenkins.plugins.aliyun.registry.engine.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TlsWarmUpTest {

    private static List<Thread> warmUpThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(TlsWarmUp.THREAD_NAME)).toList();
    }

    @Test
    void warmUpRunsOnceOnADaemonThreadThatEndsByItself() throws Exception {
        ImagePush.warmUp();
        ImagePush.warmUp();
        List<Thread> threads = warmUpThreads();
        assertTrue(threads.size() <= 1, threads.toString());
        for (Thread t : threads) {
            assertTrue(t.isDaemon(), "a daemon thread never keeps the process alive");
            t.join(TimeUnit.SECONDS.toMillis(20));
            assertTrue(!t.isAlive(), "the warm-up ends by itself");
        }
        ImagePush.warmUp();
        assertEquals(List.of(), warmUpThreads(), "started at most once per JVM");
    }
}
