package io.jenkins.plugins.aliyun.registry.engine.push;

import io.jenkins.plugins.aliyun.registry.engine.Text;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small blocking HTTP/1.1 client with keep-alive connections, for one registry's API. Chosen over
 * {@code java.net.http.HttpClient} by measurement (docs/performance.md): bodies go from the source
 * stream to the socket through one 64 KiB buffer on the calling thread, so several layers upload in
 * parallel at TLS speed; it loads few classes; and {@link #close()} leaves no thread blocked in
 * native code, which would hold a JVM's exit for 300 ms.
 */
final class HttpConnections implements Closeable {

    private static final int BUFFER = 1 << 16;
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);
    static final String NO_TLS_ANSWER = "the server did not answer the TLS handshake";

    /** A request body: written once per try. */
    interface Body {
        /** The length, or -1 to send it chunked. */
        long length();

        void writeTo(OutputStream out) throws IOException;

        Body NONE = new Body() {
            @Override
            public long length() {
                return 0;
            }

            @Override
            public void writeTo(OutputStream out) {}
        };

        static Body of(byte[] bytes) {
            return new Body() {
                @Override
                public long length() {
                    return bytes.length;
                }

                @Override
                public void writeTo(OutputStream out) throws IOException {
                    out.write(bytes);
                }
            };
        }

        /** The stream {@code open} gives, of {@code length} bytes (-1: unknown, sent chunked). */
        static Body of(java.util.function.Supplier<InputStream> open, long length) {
            return new Body() {
                @Override
                public long length() {
                    return length;
                }

                @Override
                public void writeTo(OutputStream out) throws IOException {
                    try (InputStream in = open.get()) {
                        byte[] buf = new byte[BUFFER];
                        long sent = 0;
                        for (int n; (n = in.read(buf)) >= 0; ) {
                            out.write(buf, 0, n);
                            sent += n;
                        }
                        if (length >= 0 && sent != length) {
                            throw new IOException("the blob has " + sent + " bytes where " + length + " were announced");
                        }
                    } catch (java.io.UncheckedIOException e) {
                        throw e.getCause();
                    }
                }
            };
        }
    }

    /** A request: method, absolute URI, headers, body; {@link #toString()} shows no header. */
    record Request(String method, URI uri, Map<String, String> headers, Body body) {
        static Request of(String method, URI uri) {
            return new Request(method, uri, new LinkedHashMap<>(), Body.NONE);
        }

        Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Request body(Body newBody) {
            return new Request(method, uri, headers, newBody);
        }

        /** Method and URI only: the headers carry the login ({@code Authorization}). */
        @Override
        public String toString() {
            return "Request[" + method + " " + uri + "]";
        }
    }

    /** An answer; close it (or read its body to the end) to give the connection back. */
    static final class Response implements Closeable {
        private final int status;
        private final Map<String, List<String>> headers;
        private final InputStream body;
        private final Runnable release;
        private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

        Response(int status, Map<String, List<String>> headers, InputStream body, Runnable release) {
            this.status = status;
            this.headers = headers;
            this.body = body;
            this.release = release;
        }

        int statusCode() {
            return status;
        }

        Optional<String> header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
        }

        InputStream body() {
            return body;
        }

        byte[] bytes(int max) throws IOException {
            try (this) {
                return body.readNBytes(max);
            }
        }

        String text() throws IOException {
            return new String(bytes(1 << 20), StandardCharsets.UTF_8);
        }

        /** The same answer; closing it also closes {@code other}. */
        Response alsoClosing(Closeable other) {
            return new Response(status, headers, body, () -> {
                release.run();
                try {
                    other.close();
                } catch (IOException ignored) {
                    // nothing more to free
                }
            });
        }

        @Override
        public void close() {
            // once only: a connection given back twice would be handed to two requests
            if (closed.compareAndSet(false, true)) {
                release.run();
            }
        }
    }

    private final String host;
    private final int port;
    private final boolean tls;
    private final SSLContext sslContext;
    private final boolean verifyHostname;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final HttpProxy proxy;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final List<Connection> all = new ArrayList<>();
    private boolean closed;

    HttpConnections(URI base, SSLContext sslContext, boolean verifyHostname, Duration connectTimeout, Duration readTimeout,
            HttpProxy proxy) {
        this.proxy = proxy;
        this.host = base.getHost();
        this.tls = "https".equalsIgnoreCase(base.getScheme());
        this.port = base.getPort() > 0 ? base.getPort() : tls ? 443 : 80;
        this.sslContext = sslContext;
        this.verifyHostname = verifyHostname;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** True if {@code uri} is served by these connections (same scheme, host and port). */
    boolean serves(URI uri) {
        int p = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return host.equalsIgnoreCase(uri.getHost()) && p == port && tls == "https".equalsIgnoreCase(uri.getScheme());
    }

    /**
     * Sends a request to this host. For a request without a body, a kept-alive connection the server
     * closed meanwhile is replaced once, transparently.
     */
    Response send(Request request) throws IOException {
        if (!serves(request.uri())) {
            throw new IllegalArgumentException("not this host: " + request.uri());
        }
        Connection c = take();
        try {
            return c.exchange(request);
        } catch (RuntimeException e) {
            // not from the answer, which read() checks (e.g. from the body's source): the connection is in an unknown state
            c.close();
            throw e;
        } catch (IOException e) {
            c.close();
            // Only a bodiless request is sent again here: a body may have partly reached the server,
            // and the caller then starts a new upload instead.
            if (!c.reused || !c.nothingReceived || request.body().length() != 0) {
                throw e;
            }
            Connection fresh = open();
            try {
                return fresh.exchange(request);
            } catch (IOException again) {
                fresh.close();
                throw again;
            }
        }
    }

    private Connection take() throws IOException {
        synchronized (this) {
            if (closed) {
                throw new IOException("connections closed");
            }
            Connection c = idle.pollFirst();
            if (c != null) {
                c.reused = true;
                return c;
            }
        }
        return open();
    }

    private Connection open() throws IOException {
        Socket raw = new Socket();
        try {
            raw.setTcpNoDelay(true);
            if (proxy == null) {
                raw.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            } else {
                connectToProxy(raw);
                raw.setSoTimeout((int) readTimeout.toMillis());
                ProxyTunnel.open(raw, host, port, proxy);
            }
            Socket s = raw;
            if (tls) {
                SSLSocket ssl = (SSLSocket) sslContext.getSocketFactory().createSocket(raw, host, port, true);
                // A plain-HTTP server may never answer a TLS hello: do not wait the read timeout for it.
                raw.setSoTimeout((int) HANDSHAKE_TIMEOUT.toMillis());
                try {
                    ssl.startHandshake();
                } catch (SocketTimeoutException e) {
                    // null until a ServerHello came (the JDK documents it; SpotBugs takes it for never null)
                    if (Optional.ofNullable(ssl.getHandshakeSession()).isPresent()) {
                        // The server did answer with TLS (its ServerHello came) and then stalled: the network or the
                        // server is slow, which an ordinary timeout tells and a new try may overcome.
                        throw e;
                    }
                    throw new javax.net.ssl.SSLHandshakeException(NO_TLS_ANSWER + " within " + HANDSHAKE_TIMEOUT.toSeconds() + " s");
                }
                if (verifyHostname) {
                    // checked here, before a byte of the request is written (see ServerIdentity for why not the JDK's check)
                    ServerIdentity.check(host, (X509Certificate) ssl.getSession().getPeerCertificates()[0]);
                }
                s = ssl;
            }
            raw.setSoTimeout((int) readTimeout.toMillis());
            Connection c = new Connection(s);
            synchronized (this) {
                all.add(c);
            }
            return c;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** Connects {@code raw} to the proxy; a failure is a {@link ProxyTunnel.ProxyFailure} naming the proxy, not the registry. */
    private void connectToProxy(Socket raw) throws IOException {
        String where = proxy.getHost() + ":" + proxy.getPort();
        try {
            raw.connect(new InetSocketAddress(proxy.getHost(), proxy.getPort()), (int) connectTimeout.toMillis());
        } catch (UnknownHostException e) {
            throw new ProxyTunnel.ProxyFailure("the proxy host " + proxy.getHost() + " cannot be resolved: check its name", false, e);
        } catch (SocketTimeoutException | ConnectException e) {
            if (e instanceof ConnectException && !String.valueOf(e.getMessage()).contains("timed out")) {
                throw new ProxyTunnel.ProxyFailure("connection to the proxy " + where + " refused: nothing listens there; check the proxy's"
                        + " host and port, or exempt the registry from the proxy", true, e);
            }
            throw new ProxyTunnel.ProxyFailure("the proxy " + where + " did not accept a connection within " + connectTimeout.toSeconds()
                    + " s: check that it runs and that the network reaches it, or exempt the registry from the proxy", true, e);
        } catch (IOException e) {
            throw new ProxyTunnel.ProxyFailure("the connection to the proxy " + where + " failed (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + Text.oneLine(e.getMessage())) + "); check the network path to it", true, e);
        }
    }

    private synchronized void release(Connection c) {
        if (closed) {
            c.close();
        } else {
            idle.addFirst(c);
        }
    }

    /** Closes every connection; requests in flight fail. */
    @Override
    public void close() {
        List<Connection> copy;
        synchronized (this) {
            closed = true;
            copy = new ArrayList<>(all);
            idle.clear();
        }
        copy.forEach(Connection::close);
    }

    private final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        boolean reused;
        boolean nothingReceived;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), BUFFER);
            this.out = new BufferedOutputStream(socket.getOutputStream(), BUFFER);
        }

        Response exchange(Request r) throws IOException {
            nothingReceived = true;
            StringBuilder head = new StringBuilder(256);
            String path = r.uri().getRawPath() == null || r.uri().getRawPath().isEmpty() ? "/" : r.uri().getRawPath();
            head.append(r.method()).append(' ').append(path);
            if (r.uri().getRawQuery() != null) {
                head.append('?').append(r.uri().getRawQuery());
            }
            head.append(" HTTP/1.1\r\nHost: ").append(host).append(port == (tls ? 443 : 80) ? "" : ":" + port).append("\r\n");
            for (Map.Entry<String, String> h : r.headers().entrySet()) {
                head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            }
            long length = r.body().length();
            boolean hasBody = length != 0 || !(r.method().equals("GET") || r.method().equals("HEAD") || r.method().equals("DELETE"));
            if (length >= 0 && hasBody) {
                head.append("Content-Length: ").append(length).append("\r\n");
            } else if (length < 0) {
                head.append("Transfer-Encoding: chunked\r\n");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (length < 0) {
                ChunkedOutput chunked = new ChunkedOutput(out);
                r.body().writeTo(chunked);
                chunked.finish();
            } else if (length > 0) {
                r.body().writeTo(out);
            }
            out.flush();
            return read(r.method());
        }

        private Response read(String method) throws IOException {
            String statusLine = line();
            nothingReceived = false;
            while (statusLine.startsWith("HTTP/1.1 100") || statusLine.startsWith("HTTP/1.0 100")) {
                while (!line().isEmpty()) {
                    // skip the interim answer's headers
                }
                statusLine = line();
            }
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                // whole: Diagnosis redacts the login from it before it cuts it to length
                throw new IOException("not an HTTP answer: " + Text.oneLine(statusLine));
            }
            if (!parts[1].matches("[0-9]{3}")) {
                throw new IOException("not an HTTP answer: " + Text.oneLine(statusLine));
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, List<String>> headers = new HashMap<>();
            for (String h = line(); !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(h.substring(colon + 1).strip());
                }
            }
            boolean keepAlive = !"close".equalsIgnoreCase(first(headers, "connection"));
            InputStream body;
            if (method.equals("HEAD") || status == 204 || status == 304 || status / 100 == 1) {
                body = InputStream.nullInputStream();
            } else if ("chunked".equalsIgnoreCase(first(headers, "transfer-encoding"))) {
                body = new ChunkedInput(in, this::line);
            } else if (first(headers, "content-length") != null) {
                body = new TarIndex.BoundedStream(in, contentLength(first(headers, "content-length"))) {
                    @Override
                    public void close() {
                        // the socket stays open for the next request
                    }
                };
            } else {
                body = in;
                keepAlive = false;
            }
            return new Response(status, headers, new Tracked(body), keepAlive ? () -> done(body) : this::close);
        }

        private void done(InputStream body) {
            try {
                // drain a short rest so the connection can be reused; a long one is not worth it
                if (body.skip(1 << 16) >= 0 && body.read() < 0) {
                    release(this);
                    return;
                }
            } catch (IOException e) {
                // fall through: the connection is not reusable
            }
            close();
        }

        private String line() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream(64);
            for (int c; ; ) {
                c = in.read();
                if (c < 0) {
                    throw new EOFException("the registry closed the connection");
                }
                if (c == '\n') {
                    break;
                }
                if (c != '\r') {
                    b.write(c);
                }
                if (b.size() > 65536) {
                    throw new IOException("an HTTP header line is too long");
                }
            }
            return b.toString(StandardCharsets.ISO_8859_1);
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
            synchronized (HttpConnections.this) {
                all.remove(this);
                idle.remove(this);
            }
        }
    }

    private static long contentLength(String value) throws IOException {
        if (!value.matches("[0-9]{1,18}")) {
            throw new IOException("not an HTTP answer: its Content-Length is " + Text.oneLine(value) + ", not a number of bytes");
        }
        return Long.parseLong(value);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** A body stream whose close does not close the socket (the Response decides). */
    private static final class Tracked extends java.io.FilterInputStream {
        Tracked(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // released through Response.close()
        }
    }

    /** Writes the chunked transfer coding: one chunk per write of the body. */
    private static final class ChunkedOutput extends OutputStream {
        private final OutputStream out;

        ChunkedOutput(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(b, off, len);
            out.write('\r');
            out.write('\n');
        }

        void finish() throws IOException {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /** Reads the chunked transfer coding. */
    private static final class ChunkedInput extends BulkInputStream {
        interface Lines {
            String line() throws IOException;
        }

        private final InputStream in;
        private final Lines lines;
        private long remaining;
        private boolean eof;
        /** Set once the coding is broken: nothing after it can be trusted, nor read to reuse the connection. */
        private String broken;

        ChunkedInput(InputStream in, Lines lines) {
            this.in = in;
            this.lines = lines;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (eof) {
                return -1;
            }
            if (broken != null) {
                throw new IOException(broken);
            }
            if (remaining == 0) {
                String line = lines.line();
                int semi = line.indexOf(';');
                String size = (semi >= 0 ? line.substring(0, semi) : line).strip();
                if (!size.matches("[0-9A-Fa-f]{1,15}")) {
                    broken = "not an HTTP answer: a chunk size is " + Text.oneLine(line) + ", not a hexadecimal number";
                    throw new IOException(broken);
                }
                remaining = Long.parseLong(size, 16);
                if (remaining == 0) {
                    while (!lines.line().isEmpty()) {
                        // trailers
                    }
                    eof = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("the registry closed the connection inside a chunk");
            }
            remaining -= n;
            if (remaining == 0) {
                lines.line();
            }
            return n;
        }
    }
}
