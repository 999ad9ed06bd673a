package io.jenkins.plugins.aliyun.registry.engine.push;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An HTTP proxy in front of a registry (plain HTTP, or HTTPS with a given trust) that injects
 * failures: an answer with a given status (and {@code Retry-After}), an answer echoing the request's
 * headers, or a connection dropped after part of the request body. Each fault is used once, by the
 * first request it matches ({@code "METHOD /path?query"}).
 */
final class FaultProxy implements AutoCloseable {

    private static final Set<String> HOP = Set.of("host", "content-length", "connection", "transfer-encoding", "expect", "upgrade", "keep-alive");

    private record Fault(Predicate<String> matches, int status, String retryAfter, long dropAfterBytes, boolean echo, String contentType, String body) {}

    private final String target;
    private final String scheme;
    private final HttpServer server;
    private final HttpClient client;
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final AtomicInteger injected = new AtomicInteger();
    private final Set<String> dropped = ConcurrentHashMap.newKeySet();

    FaultProxy(String targetHost) throws IOException {
        this(targetHost, null);
    }

    /** A proxy to the HTTPS registry {@code targetHost}, trusted with {@code tls}; null for a plain-HTTP one. */
    FaultProxy(String targetHost, javax.net.ssl.SSLContext tls) throws IOException {
        this.target = targetHost;
        this.scheme = tls == null ? "http" : "https";
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        this.client = (tls == null ? b : b.sslContext(tls)).build();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    FaultProxy answer(Predicate<String> request, int status, String retryAfter) {
        faults.add(new Fault(request, status, retryAfter, -1, false, null, null));
        return this;
    }

    /** Answers {@code status} with a text body echoing the request's headers, {@code Authorization} first (as a careless proxy may). */
    FaultProxy echo(Predicate<String> request, int status) {
        faults.add(new Fault(request, status, null, -1, true, null, null));
        return this;
    }

    FaultProxy drop(Predicate<String> request, long afterBytes) {
        faults.add(new Fault(request, 0, null, afterBytes, false, null, null));
        return this;
    }

    /** Answers {@code status} with this body and {@code Content-Type} (null: no such header). */
    FaultProxy serve(Predicate<String> request, int status, String contentType, String body) {
        faults.add(new Fault(request, status, null, -1, false, contentType, body));
        return this;
    }

    /** Leaves a response header out of every answer (e.g. a registry that does not send Docker-Content-Digest). */
    FaultProxy withoutHeader(String name) {
        dropped.add(name.toLowerCase());
        return this;
    }

    /** How many faults were injected so far. */
    int injected() {
        return injected.get();
    }

    /** Faults not used yet. */
    int pending() {
        return faults.size();
    }

    private Fault take(String request) {
        for (Fault f : faults) {
            if (f.matches().test(request) && faults.remove(f)) {
                injected.incrementAndGet();
                return f;
            }
        }
        return null;
    }

    private void handle(HttpExchange ex) throws IOException {
        String line = ex.getRequestMethod() + " " + ex.getRequestURI();
        Fault fault = take(line);
        if (fault != null && fault.dropAfterBytes() < 0) {
            ex.getRequestBody().readAllBytes();
            if (fault.retryAfter() != null) {
                ex.getResponseHeaders().add("Retry-After", fault.retryAfter());
            }
            byte[] body;
            if (fault.body() != null) {
                if (fault.contentType() != null) {
                    ex.getResponseHeaders().add("Content-Type", fault.contentType());
                }
                body = fault.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            } else if (fault.echo()) {
                StringBuilder echo = new StringBuilder("bad gateway; request was:\nAuthorization: ")
                        .append(ex.getRequestHeaders().getFirst("Authorization")).append('\n').append(line).append('\n');
                ex.getRequestHeaders().forEach((name, values) -> values.forEach(v -> echo.append(name).append(": ").append(v).append('\n')));
                ex.getResponseHeaders().add("Content-Type", "text/plain");
                body = echo.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            } else {
                ex.getResponseHeaders().add("Content-Type", "application/json");
                body = ("{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"injected " + fault.status() + "\"}]}").getBytes();
            }
            ex.sendResponseHeaders(fault.status(), body.length);
            ex.getResponseBody().write(body);
            ex.close();
            return;
        }
        if (fault != null) {
            ex.getRequestBody().readNBytes((int) fault.dropAfterBytes());
            // An exception from the handler makes the server drop the connection mid-request.
            throw new IOException("injected: connection dropped");
        }
        byte[] requestBody = ex.getRequestBody().readAllBytes();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(scheme + "://" + target + ex.getRequestURI()))
                .method(ex.getRequestMethod(), requestBody.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(requestBody));
        for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
            if (!HOP.contains(h.getKey().toLowerCase())) {
                h.getValue().forEach(v -> b.header(h.getKey(), v));
            }
        }
        HttpResponse<InputStream> r;
        try {
            r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        for (Map.Entry<String, List<String>> h : r.headers().map().entrySet()) {
            if (!HOP.contains(h.getKey().toLowerCase()) && !dropped.contains(h.getKey().toLowerCase()) && !h.getKey().startsWith(":")) {
                for (String v : h.getValue()) {
                    ex.getResponseHeaders().add(h.getKey(), v.replace(scheme + "://" + target + "/", "http://" + host() + "/"));
                }
            }
        }
        byte[] body;
        try (InputStream in = r.body()) {
            body = in.readAllBytes();
        }
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(r.statusCode(), head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
