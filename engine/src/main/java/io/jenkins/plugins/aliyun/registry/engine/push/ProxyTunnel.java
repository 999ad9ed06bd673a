package io.jenkins.plugins.aliyun.registry.engine.push;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Opens a {@code CONNECT} tunnel through an HTTP proxy on a connected socket. Its failures say what
 * the proxy did and the fix, but not where the proxy is set: {@link Diagnosis} adds that, as the
 * front end's {@link AccessHints#proxy()} says it.
 */
final class ProxyTunnel {

    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private ProxyTunnel() {}

    /** Asks {@code proxy} (already connected on {@code socket}) for a tunnel to {@code host:port}. */
    static void open(Socket socket, String host, int port, HttpProxy proxy) throws IOException {
        String target = (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
        StringBuilder request = new StringBuilder()
                .append("CONNECT ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(target).append("\r\n");
        if (proxy.getCredentials().isPresent()) {
            request.append("Proxy-Authorization: Basic ").append(proxy.getCredentials().get().auth()).append("\r\n");
        }
        request.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String head;
        try {
            head = readHead(socket.getInputStream(), proxy);
        } catch (SocketTimeoutException e) {
            // Not tried again: a proxy silent for the whole read timeout is most likely no HTTP proxy at all.
            throw new ProxyFailure("the proxy " + proxy.getHost() + ":" + proxy.getPort() + " did not answer the CONNECT within "
                    + Duration.ofMillis(socket.getSoTimeout()).toSeconds() + " s: check that this is an HTTP proxy's host and port", false, e);
        }
        String statusLine = head.lines().findFirst().orElse("");
        String[] parts = statusLine.split(" ", 3);
        int status;
        try {
            status = parts.length >= 2 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            status = -1;
        }
        if (status >= 200 && status < 300) {
            return;
        }
        String where = "the proxy " + proxy.getHost() + ":" + proxy.getPort();
        List<String> schemes = status == 401 || status == 407 ? loginSchemes(head) : List.of();
        if (!schemes.isEmpty() && schemes.stream().noneMatch("Basic"::equalsIgnoreCase)) {
            throw new ProxyFailure(where + " asks for " + String.join(" or ", schemes) + " login (HTTP " + status + "), which this client"
                    + " does not support: use a proxy account with Basic login, or exempt the registry from the proxy", false);
        }
        switch (status) {
            case 401, 407 -> throw new ProxyFailure(where + " asks for a login (HTTP " + status + "): "
                    + (proxy.getCredentials().isPresent() ? "its username or password is wrong" : "give the proxy user and password"), false);
            case 403 -> throw new ProxyFailure(where + " refuses tunnels to " + target + " (HTTP 403): allow CONNECT to this host and port in the proxy,"
                    + " or exempt the registry from the proxy if it is reachable directly", false);
            case -1 -> throw new ProxyFailure(where + " did not answer a CONNECT as an HTTP proxy: check that this is an HTTP proxy's host and port", false);
            default -> throw new ProxyFailure(where + " could not open a tunnel to " + target + " (HTTP " + status
                    + "): check that the proxy can reach the registry", status >= 500);
        }
    }

    /**
     * The login schemes the proxy offers in its {@code Proxy-Authenticate} (or, for a 401,
     * {@code WWW-Authenticate}) headers, e.g. {@code [Negotiate, NTLM]}; empty if it names none.
     */
    static List<String> loginSchemes(String head) {
        Set<String> schemes = new LinkedHashSet<>();
        for (String line : head.lines().skip(1).toList()) {
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).strip();
            if (!name.equalsIgnoreCase("Proxy-Authenticate") && !name.equalsIgnoreCase("WWW-Authenticate")) {
                continue;
            }
            // one header may hold several challenges: "Negotiate, NTLM", "Basic realm=\"a, b\""
            for (String part : line.substring(colon + 1).split(",")) {
                String word = part.strip().split("\\s+", 2)[0];
                if (!word.isEmpty() && word.indexOf('=') < 0 && word.indexOf('"') < 0) {
                    schemes.add(word);
                }
            }
        }
        return List.copyOf(schemes);
    }

    private static String readHead(InputStream in, HttpProxy proxy) throws IOException {
        // Byte by byte: whatever follows the blank line belongs to the tunnel (the TLS handshake).
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int previous3 = 0;
        int previous2 = 0;
        int previous1 = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new ProxyFailure("the proxy " + proxy.getHost() + ":" + proxy.getPort()
                        + " closed the connection instead of answering CONNECT: check that this is an HTTP proxy's host and port", true);
            }
            head.write(b);
            if (head.size() > MAX_HEADER_BYTES) {
                throw new ProxyFailure("the proxy " + proxy.getHost() + ":" + proxy.getPort() + " sent an endless answer to CONNECT", false);
            }
            if (previous3 == '\r' && previous2 == '\n' && previous1 == '\r' && b == '\n') {
                break;
            }
            previous3 = previous2;
            previous2 = previous1;
            previous1 = b;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** The proxy did not give a tunnel; the message says why and what to do. */
    static final class ProxyFailure extends IOException {

        private static final long serialVersionUID = 1L;

        private final boolean retryable;

        ProxyFailure(String message, boolean retryable) {
            this(message, retryable, null);
        }

        ProxyFailure(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }

        boolean isRetryable() {
            return retryable;
        }
    }
}
