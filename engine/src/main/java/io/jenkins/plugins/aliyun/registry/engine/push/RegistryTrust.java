package io.jenkins.plugins.aliyun.registry.engine.push;

import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS trust for one registry, built from its {@link RegistryAccess} without touching the
 * JVM-wide truststore: the default trust, plus the registry's own CA if given; or, for an insecure
 * registry, no verification at all.
 */
final class RegistryTrust {

    private RegistryTrust() {}

    static SSLContext sslContext(RegistryAccess access) throws InvalidInputException {
        try {
            if (access.isInsecure()) {
                return context(new AcceptAll());
            }
            if (access.getCaCertificatePem().isEmpty()) {
                return SSLContext.getDefault();
            }
            X509ExtendedTrustManager own = trustManager(keyStore(access.getCaCertificatePem().get()));
            return context(new Either(own));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM has no usable TLS implementation", e);
        }
    }

    private static SSLContext context(TrustManager tm) throws GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {tm}, null);
        return ctx;
    }

    static KeyStore keyStore(String pem) throws InvalidInputException, GeneralSecurityException {
        Collection<? extends Certificate> certs;
        try {
            // UTF-8, not ASCII: bundles such as curl's carry comment lines with names like "Főtanúsítvány";
            // a byte-order mark (Notepad, PowerShell 5) would hide the first "-----BEGIN" line.
            String text = pem.startsWith("\uFEFF") ? pem.substring(1) : pem;
            certs = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (CertificateException e) {
            certs = java.util.List.of();
        }
        if (certs.isEmpty()) {
            throw new InvalidInputException("the CA certificate is not a PEM certificate: give a file with a "
                    + "\"-----BEGIN CERTIFICATE-----\" block (the registry's CA or self-signed certificate)");
        }
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            ks.load(null, null);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        int i = 0;
        for (Certificate c : certs) {
            ks.setCertificateEntry("ca-" + i++, c);
        }
        return ks;
    }

    private static X509ExtendedTrustManager trustManager(KeyStore ks) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X509 trust manager");
    }

    /**
     * Trusts a chain the registry's own CA accepts, else asks the JVM's default trust, loaded only
     * then (reading the JDK's CA list costs tens of milliseconds at start).
     */
    private static final class Either extends ServerTrust {
        private final X509ExtendedTrustManager first;
        private volatile X509ExtendedTrustManager second;

        Either(X509ExtendedTrustManager first) {
            this.first = first;
        }

        private X509ExtendedTrustManager second() throws CertificateException {
            if (second == null) {
                try {
                    second = trustManager(null);
                } catch (GeneralSecurityException e) {
                    throw new CertificateException("the JVM's default trust cannot be loaded", e);
                }
            }
            return second;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType, engine);
            } catch (CertificateException e) {
                second().checkServerTrusted(chain, authType, engine);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType, socket);
            } catch (CertificateException e) {
                second().checkServerTrusted(chain, authType, socket);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                second().checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            X509Certificate[] a = first.getAcceptedIssuers();
            X509Certificate[] b;
            try {
                b = second().getAcceptedIssuers();
            } catch (CertificateException e) {
                b = new X509Certificate[0];
            }
            X509Certificate[] all = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            return all;
        }
    }

    /**
     * For registries the user marked insecure: any certificate, any host name. Being an
     * {@link X509ExtendedTrustManager}, it also replaces the JDK's host name check.
     */
    private static final class AcceptAll extends ServerTrust {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** A trust manager for the client side of TLS only: it never accepts client certificates. */
    private abstract static class ServerTrust extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("client certificates are not accepted");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("client certificates are not accepted");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not accepted");
        }
    }
}
