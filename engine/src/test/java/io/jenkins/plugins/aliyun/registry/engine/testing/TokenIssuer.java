package io.jenkins.plugins.aliyun.registry.engine.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A token service for the Docker token authentication flow, in the test: the real
 * {@code docker-registry} (configured by {@link LocalRegistry#withTokenAuth}) sends clients here,
 * and verifies the JWTs this signs (RS256, the signing certificate in the {@code x5c} header and
 * in the registry's {@code rootcertbundle}).
 *
 * <pre>{@code
 * static final TokenIssuer ISSUER = TokenIssuer.https()
 *     .user("pusher", "pw", "team/", "pull", "push")   // pull+push on team/*
 *     .user("reader", "pw2", "team/", "pull")          // pull only
 *     .anonymous("public/", "pull");
 * ISSUER.served();   // every token request: user, scopes asked, scopes granted, status
 * }</pre>
 *
 * A request whose Basic credentials are wrong gets 401; otherwise the token grants, of the scopes
 * asked, the actions the user's policy allows (possibly none), as the token specification says.
 * With {@link #answering} it misbehaves instead, e.g. echoing the request, login included.
 */
public final class TokenIssuer implements AutoCloseable {

    /** The clock skew docker-registry allows on {@code exp} (distribution's {@code token.Leeway}). */
    static final Duration REGISTRY_LEEWAY = Duration.ofSeconds(60);

    public static final String SERVICE = "test-registry";
    public static final String ISSUER = "test-issuer";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One token request as the issuer saw it. */
    public record Served(String user, boolean credentialsSent, List<String> scopesAsked, List<String> scopesGranted, int status) {}

    private record Policy(String password, String repositoryPrefix, Set<String> actions) {}

    private record Answer(int status, String contentType, Function<String, String> body) {}

    private final boolean tls;
    private final Map<String, List<Policy>> users = new LinkedHashMap<>();
    private final List<Policy> anonymous = new ArrayList<>();
    private final List<Served> served = new CopyOnWriteArrayList<>();
    private volatile Duration lifetime = Duration.ofMinutes(5);
    private volatile Answer answer;
    private HttpServer server;
    private ExecutorService executor;
    private PrivateKey key;
    private String certificateDer;

    private TokenIssuer(boolean tls) {
        this.tls = tls;
    }

    /** An issuer over HTTPS (the registry's certificate). */
    public static TokenIssuer https() {
        return new TokenIssuer(true);
    }

    /** An issuer over plain HTTP, to test that clients do not send credentials there. */
    public static TokenIssuer plainHttp() {
        return new TokenIssuer(false);
    }

    /** Lets {@code user} with {@code password} do {@code actions} on repositories starting with {@code prefix}. */
    public TokenIssuer user(String user, String password, String prefix, String... actions) {
        users.computeIfAbsent(user, u -> new ArrayList<>()).add(new Policy(password, prefix, Set.of(actions)));
        return this;
    }

    /** Lets a client without credentials do {@code actions} on repositories starting with {@code prefix}. */
    public TokenIssuer anonymous(String prefix, String... actions) {
        anonymous.add(new Policy(null, prefix, Set.of(actions)));
        return this;
    }

    /**
     * How long the tokens live at the registry. {@code expires_in} says this; {@code exp} is set
     * {@link #REGISTRY_LEEWAY} earlier, since docker-registry accepts tokens that long after
     * {@code exp}, so that the registry really refuses a token once {@code expires_in} has passed.
     */
    public TokenIssuer tokenLifetime(Duration newLifetime) {
        this.lifetime = newLifetime;
        return this;
    }

    /**
     * Answers every token request with {@code status}, this {@code Content-Type} (null: none) and the
     * body {@code body} makes of the request as received: its {@code Authorization} header first (if
     * any), then its line and other headers, one per line. No token is issued.
     */
    public TokenIssuer answering(int status, String contentType, Function<String, String> body) {
        this.answer = new Answer(status, contentType, body);
        return this;
    }

    /** Starts serving on a free port of 127.0.0.1, with this certificate and PKCS#8 key (PEM files). */
    public void start(Path certificatePem, Path keyPem) throws IOException, GeneralSecurityException {
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certificatePem)));
        key = privateKey(Files.readString(keyPem));
        certificateDer = Base64.getEncoder().encodeToString(cert.getEncoded());
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls) {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(sslContext(cert, key)));
            server = https;
        } else {
            server = HttpServer.create(address, 0);
        }
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/token", this::handle);
        server.start();
    }

    /** The realm the registry names in its challenges. */
    public String realm() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    /** Every token request so far, in order. */
    public List<Served> served() {
        return List.copyOf(served);
    }

    /** The token requests after the first {@code from}. */
    public List<Served> servedSince(int from) {
        List<Served> all = served();
        return all.subList(Math.min(from, all.size()), all.size());
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            List<String> asked = scopes(exchange.getRequestURI().getRawQuery());
            Answer misbehaving = answer;
            if (misbehaving != null) {
                served.add(new Served(header == null ? null : basic(header)[0], header != null, asked, List.of(), misbehaving.status()));
                respond(exchange, misbehaving.status(), misbehaving.contentType(), misbehaving.body().apply(echo(exchange)));
                return;
            }
            String user = null;
            List<Policy> policies = anonymous;
            if (header != null) {
                String[] userAndPassword = basic(header);
                user = userAndPassword[0];
                List<Policy> own = users.getOrDefault(user, List.of());
                if (own.isEmpty() || !own.get(0).password().equals(userAndPassword[1])) {
                    served.add(new Served(user, true, asked, List.of(), 401));
                    exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"" + ISSUER + "\"");
                    respond(exchange, 401, "{\"details\":\"incorrect username or password\"}");
                    return;
                }
                policies = own;
            }
            List<Map<String, Object>> access = new ArrayList<>();
            List<String> granted = new ArrayList<>();
            for (String scope : asked) {
                int first = scope.indexOf(':');
                int last = scope.lastIndexOf(':');
                if (first < 0 || last <= first || !scope.startsWith("repository:")) {
                    continue;
                }
                String name = scope.substring(first + 1, last);
                Set<String> actions = new LinkedHashSet<>();
                for (String action : scope.substring(last + 1).split(",")) {
                    if (policies.stream().anyMatch(p -> name.startsWith(p.repositoryPrefix()) && p.actions().contains(action))) {
                        actions.add(action);
                    }
                }
                if (!actions.isEmpty()) {
                    access.add(Map.of("type", "repository", "name", name, "actions", List.copyOf(actions)));
                    granted.add("repository:" + name + ":" + String.join(",", actions));
                }
            }
            Instant now = Instant.now();
            String token = sign(user, now, access);
            served.add(new Served(user, header != null, asked, granted, 200));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("token", token);
            body.put("access_token", token);
            body.put("expires_in", lifetime.toSeconds());
            body.put("issued_at", now.toString());
            respond(exchange, 200, JSON.writeValueAsString(body));
        } catch (RuntimeException | GeneralSecurityException e) {
            respond(exchange, 500, "{\"details\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    private String sign(String user, Instant now, List<Map<String, Object>> access) throws IOException, GeneralSecurityException {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", "JWT");
        header.put("alg", "RS256");
        header.put("x5c", List.of(certificateDer));
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", user == null ? "" : user);
        claims.put("aud", SERVICE);
        claims.put("exp", now.plus(lifetime).minus(REGISTRY_LEEWAY).getEpochSecond());
        claims.put("nbf", now.getEpochSecond());
        claims.put("iat", now.getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("access", access);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signed = b64.encodeToString(JSON.writeValueAsBytes(header)) + "." + b64.encodeToString(JSON.writeValueAsBytes(claims));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(key);
        rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + b64.encodeToString(rs256.sign());
    }

    /** Every scope asked for: several {@code scope} parameters, each possibly several scopes separated by spaces. */
    private static List<String> scopes(String rawQuery) {
        List<String> out = new ArrayList<>();
        if (rawQuery == null) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals("scope")) {
                for (String s : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).split(" ")) {
                    if (!s.isBlank()) {
                        out.add(s);
                    }
                }
            }
        }
        return out;
    }

    private static String[] basic(String header) {
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new String[] {"", ""};
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? new String[] {decoded, ""} : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    /** The request as received: the Authorization header first, then the request line and the other headers. */
    private static String echo(HttpExchange exchange) {
        StringBuilder out = new StringBuilder();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
            out.append("Authorization: ").append(authorization).append('\n');
        }
        out.append(exchange.getRequestMethod()).append(' ').append(exchange.getRequestURI()).append(' ').append(exchange.getProtocol()).append('\n');
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Authorization")) {
                values.forEach(v -> out.append(name).append(": ").append(v).append('\n'));
            }
        });
        return out.toString();
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        respond(exchange, status, "application/json", json);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new GeneralSecurityException("the key is not a PKCS#8 PEM (\"BEGIN PRIVATE KEY\"); make it with openssl 3 or openssl pkcs8");
        }
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static SSLContext sslContext(X509Certificate cert, PrivateKey key) throws IOException, GeneralSecurityException {
        char[] password = UUID.randomUUID().toString().toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("issuer", key, password, new Certificate[] {cert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, password);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }
}
