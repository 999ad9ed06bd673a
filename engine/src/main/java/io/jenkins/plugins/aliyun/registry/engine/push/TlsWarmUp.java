package io.jenkins.plugins.aliyun.registry.engine.push;

import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Runs the JDK's one-time TLS initialisation (security providers, the JSSE cipher-suite and
 * protocol tables: ~50 ms in a fresh JVM) once, on a daemon thread, so that it overlaps whatever
 * the process does before it connects.
 *
 * <p>Only this part is warmed: a repeat push measured 148 → 127 ms in-process (median of 9) with
 * it, while also warming the ClientHello (an in-memory {@code SSLEngine.wrap}) or the X25519
 * key agreement made it slower again (149, 150 ms): on two cores they took the CPU from the main
 * thread instead of overlapping its waits (docs/performance.md).
 */
final class TlsWarmUp {

    static final String THREAD_NAME = "tls-warm-up";

    private static boolean started;

    private TlsWarmUp() {}

    /** Starts the warm-up unless it was started before. */
    static synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        // a Thread subclass, not a lambda: linking a lambda costs ~5 ms this early, before the thread even starts
        Thread t = new Thread(THREAD_NAME) {
            @Override
            public void run() {
                try {
                    SSLContext.getInstance("TLS").init(null, new TrustManager[] {new NoTrust()}, null);
                } catch (Exception | LinkageError e) {
                    // only a warm-up: the push does the same work again and reports any failure itself
                }
            }
        };
        t.setDaemon(true);
        t.start();
    }

    /** Given to the throwaway context so that its set-up does not read the JDK's CA list. */
    private static final class NoTrust implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("warm-up context: never used");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("warm-up context: never used");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
