import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The least a Java client must do before it can learn anything from a TLS registry: trust the
 * registry's CA (and only it), open one TLS connection, send {@code GET /v2/} and read the status
 * line. No authentication, no image, no JSON. A repeat push needs all of this and more (an
 * authenticated manifest request, the tarball's index), so the time this takes in a fresh JVM is a
 * floor under any cold-JVM push, ours included.
 *
 * <p>Prints {@code floor: TOTAL SETUP HANDSHAKE REQUEST} in milliseconds, from the first line of
 * {@code main} (as the push's own time counts from the start of the command). Usage: {@code java
 * -cp DIR TlsFloor HOST PORT CA.pem}.
 */
public final class TlsFloor {
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = new FileInputStream(args[2])) {
            trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        long ready = System.nanoTime();
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(host, port)) {
            socket.startHandshake();
            long connected = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v2/ HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            long answered = System.nanoTime();
            if (status == null || !status.startsWith("HTTP/1.1 ")) {
                System.err.println("TlsFloor: not an HTTP answer: " + status);
                System.exit(1);
            }
            System.out.println("floor: " + ms(answered - start) + " " + ms(ready - start) + " " + ms(connected - ready)
                    + " " + ms(answered - connected));
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
