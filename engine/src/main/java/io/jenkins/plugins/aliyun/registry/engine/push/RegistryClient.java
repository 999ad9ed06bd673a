package io.jenkins.plugins.aliyun.registry.engine.push;

import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.auth.RegistryCredentials;
import io.jenkins.plugins.aliyun.registry.engine.json.JsonValue;
import io.jenkins.plugins.aliyun.registry.engine.json.MalformedJsonException;
import io.jenkins.plugins.aliyun.registry.engine.push.HttpConnections.Body;
import io.jenkins.plugins.aliyun.registry.engine.push.HttpConnections.Request;
import io.jenkins.plugins.aliyun.registry.engine.push.HttpConnections.Response;
import io.jenkins.plugins.aliyun.registry.engine.push.RegistryException.Problem;
import io.jenkins.plugins.aliyun.registry.engine.reference.DockerHub;
import io.jenkins.plugins.aliyun.registry.engine.reference.ImageReference;
import io.jenkins.plugins.aliyun.registry.engine.registry.RegistryEndpoint;
import io.jenkins.plugins.aliyun.registry.engine.registry.RegistryKind;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * A small client for the OCI distribution API of one registry: blob existence, cross-repository
 * mount, monolithic and streamed uploads, manifests. It finds out at {@link #open} whether the
 * registry speaks HTTPS (or plain HTTP, only if insecure) and how it wants to be authenticated
 * (Basic, or Bearer tokens for every repository this push touches), and maps every failure to a
 * {@link RegistryException} with its cause and fix.
 */
final class RegistryClient implements AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(120);
    private static final String USER_AGENT = "aliyun-cr";

    private final String registry;
    private final String apiHost;
    private final RegistryAccess access;
    private final Set<String> scopes;
    private final PushListener events;
    private final Retry retry;
    private final Diagnosis diagnosis;
    private final SSLContext sslContext;

    private volatile String base;
    private volatile HttpConnections http;
    private volatile String authorization;
    private volatile SSLContext verifiedTrust;

    private RegistryClient(String registry, RegistryAccess access, SSLContext sslContext, Set<String> scopes, PushListener events, Retry retry) {
        this.registry = registry;
        this.apiHost = ImageReference.DOCKER_HUB.equals(registry) ? DockerHub.API_HOST : registry;
        this.access = access;
        this.scopes = scopes;
        this.events = events;
        this.retry = retry;
        this.diagnosis = new Diagnosis(registry, kindOf(registry), access.getCredentials(), access.getHints());
        this.sslContext = sslContext;
    }

    /**
     * Connects to {@code registry}, chooses HTTPS or (insecure only) HTTP, and logs in for
     * {@code repositories} (each {@code "name:pull"} or {@code "name:pull,push"}).
     */
    static RegistryClient open(String registry, RegistryAccess access, Collection<String> repositories, PushListener events, Retry retry)
            throws EngineException, IOException, InterruptedException {
        return open(registry, access, RegistryTrust.sslContext(access), repositories, events, retry);
    }

    /** As {@link #open(String, RegistryAccess, Collection, PushListener, Retry)}, with the TLS trust built already from {@code access}. */
    static RegistryClient open(String registry, RegistryAccess access, SSLContext trust, Collection<String> repositories, PushListener events,
            Retry retry) throws EngineException, IOException, InterruptedException {
        Set<String> scopes = new LinkedHashSet<>();
        for (String r : repositories) {
            scopes.add("repository:" + r);
        }
        RegistryClient c = new RegistryClient(registry, access, trust, scopes, events, retry);
        try {
            c.ping();
        } catch (EngineException | IOException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    String registry() {
        return registry;
    }

    /** Closes the connections. */
    @Override
    public void close() {
        HttpConnections h = http;
        if (h != null) {
            h.close();
        }
    }

    private static RegistryKind kindOf(String registry) {
        try {
            return RegistryEndpoint.parse(registry).getKind();
        } catch (InvalidInputException e) {
            return RegistryKind.GENERIC;
        }
    }

    private HttpConnections connections(URI base) {
        return new HttpConnections(base, sslContext, !access.isInsecure(), CONNECT_TIMEOUT, READ_TIMEOUT, access.getProxy().orElse(null));
    }

    // ---- connection and login

    private void ping() throws EngineException, IOException, InterruptedException {
        use("https://" + apiHost);
        Response r;
        try {
            r = retry.run("reach " + registry, events, () -> send("reach " + registry, Request.of("GET", url("/v2/"))));
        } catch (RegistryException e) {
            if (e.getProblem() != Problem.PLAIN_HTTP_REGISTRY || !access.isInsecure()) {
                throw e;
            }
            http.close();
            use("http://" + apiHost);
            events.log(registry + " speaks plain HTTP; using it because the registry is marked insecure");
            r = retry.run("reach " + registry, events, () -> send("reach " + registry, Request.of("GET", url("/v2/"))));
        }
        try (Response answer = r) {
            if (answer.statusCode() == 401) {
                Optional<Challenge> c = Challenge.parse(answer.header("WWW-Authenticate").orElse(null));
                if (c.isEmpty()) {
                    throw diagnosis.noChallenge("reach " + registry);
                }
                authenticate(c.get(), null);
            } else if (answer.statusCode() >= 300 && answer.statusCode() != 404) {
                throw failure(answer, "reach " + registry, "");
            }
        }
    }

    private void use(String newBase) {
        base = newBase;
        http = connections(URI.create(newBase + "/"));
    }

    /**
     * Logs in as {@code c} asks, unless the login has changed since {@code usedAuth} was sent: then
     * another request has renewed it meanwhile (e.g. parallel blobs meeting an expired token) and
     * the caller only needs to send again.
     */
    private synchronized void authenticate(Challenge c, String usedAuth) throws EngineException, IOException, InterruptedException {
        if (!Objects.equals(usedAuth, authorization)) {
            return;
        }
        Optional<RegistryCredentials> creds = access.getCredentials();
        if (c.isBasic()) {
            authorization = creds.map(cr -> "Basic " + cr.auth()).orElse(null);
            return;
        }
        if (!c.isBearer() || c.realm() == null) {
            throw new RegistryException(Problem.UNEXPECTED_RESPONSE, registry, 401, registry + " asks for \"" + c.scheme()
                    + "\" authentication, which this client does not support; use a registry with Basic or token authentication");
        }
        URI realm = URI.create(c.realm());
        // "insecure" is about the registry's own host: a token service elsewhere gets neither plain HTTP nor unverified TLS
        boolean insecureHost = access.isInsecure() && onRegistryHost(realm);
        if (!"https".equalsIgnoreCase(realm.getScheme()) && creds.isPresent() && !insecureHost) {
            throw new RegistryException(Problem.PLAIN_HTTP_REGISTRY, registry, 401, access.isInsecure()
                    ? "log in to " + registry + ": the token service at " + realm.getAuthority() + " is plain HTTP on another host than the"
                            + " registry: credentials are only sent over HTTP to the registry marked insecure itself, not to other hosts;"
                            + " serve the token service over HTTPS or from the registry's own host"
                    : "the token service of " + registry + " (" + realm.getAuthority()
                            + ") is plain HTTP: credentials are not sent over HTTP unless the registry is marked insecure (mark it " + access.getHints().insecure() + ")");
        }
        SSLContext tokenTrust = insecureHost ? sslContext : verifiedTrust();
        Diagnosis tokenDiagnosis = diagnosis.about("the token service " + realm.getAuthority());
        Set<String> wanted = new LinkedHashSet<>(scopes);
        if (c.scope() != null) {
            for (String s : c.scope().split(" ")) {
                if (!s.isBlank() && !covered(s, wanted)) {
                    wanted.add(s);
                }
            }
        }
        StringBuilder url = new StringBuilder(c.realm()).append(c.realm().contains("?") ? '&' : '?');
        if (c.service() != null) {
            url.append("service=").append(encode(c.service()));
        }
        for (String s : wanted) {
            url.append("&scope=").append(encode(s));
        }
        URI tokenUri = URI.create(url.toString());
        String body = retry.run("log in to " + registry, events, () -> {
            Request req = Request.of("GET", tokenUri).header("User-Agent", USER_AGENT);
            creds.ifPresent(cr -> req.header("Authorization", "Basic " + cr.auth()));
            HttpConnections tokenHost = http.serves(tokenUri) ? http
                    : new HttpConnections(tokenUri, tokenTrust, !insecureHost, CONNECT_TIMEOUT, READ_TIMEOUT, access.getProxy().orElse(null));
            try (Response answer = tokenHost.send(req)) {
                if (answer.statusCode() != 200) {
                    throw diagnosis.ofTokenService(answer.statusCode(), answer.text(), answer.header("WWW-Authenticate").orElse(null),
                            answer.header("Retry-After").orElse(null), "log in (token service " + realm.getAuthority() + ")", repositories(wanted));
                }
                return answer.text();
            } catch (IOException e) {
                throw tokenDiagnosis.of(e, "log in to " + registry);
            } finally {
                if (tokenHost != http) {
                    tokenHost.close();
                }
            }
        });
        JsonValue json;
        try {
            json = JsonValue.parse(body);
        } catch (MalformedJsonException notJson) {
            // the body itself is not quoted: a page may echo the request, login included
            throw new RegistryException(Problem.UNEXPECTED_RESPONSE, registry, 200, "log in to " + registry + ": the token service at "
                    + realm.getAuthority() + " answered HTTP 200 with something that is not JSON, so no token: it is probably not a token"
                    + " service but a login page or a proxy's page; check the token realm " + registry + " announces (" + c.realm()
                    + ") and any proxy in between", notJson, false, null);
        }
        String token = json.get("token").text(json.get("access_token").text(""));
        if (token.isEmpty()) {
            throw new RegistryException(Problem.UNEXPECTED_RESPONSE, registry, 200, "the token service of " + registry + " answered without a token");
        }
        diagnosis.secret(token);
        authorization = "Bearer " + token;
    }

    /**
     * True if {@code uri} is on the host the registry is reached at (any port: the same machine), the
     * only host that marking the registry insecure concerns.
     */
    private boolean onRegistryHost(URI uri) {
        String host = URI.create(base).getHost();
        return host != null && host.equalsIgnoreCase(uri.getHost());
    }

    /** The TLS trust of a secure registry (the JVM's, plus the registry's CA if given), for hosts other than an insecure registry's. */
    private SSLContext verifiedTrust() throws InvalidInputException {
        SSLContext v = verifiedTrust;
        if (v == null) {
            v = access.isInsecure() ? RegistryTrust.sslContext(access.withInsecure(false)) : sslContext;
            verifiedTrust = v;
        }
        return v;
    }

    /** The repository names in {@code scopes} ({@code repository:name:actions}), for messages. */
    private static String repositories(Collection<String> scopes) {
        List<String> names = new java.util.ArrayList<>();
        for (String s : scopes) {
            int first = s.indexOf(':');
            int last = s.lastIndexOf(':');
            if (s.startsWith("repository:") && last > first) {
                names.add(s.substring(first + 1, last));
            }
        }
        return String.join(", ", new LinkedHashSet<>(names));
    }

    /** True if one of {@code scopes} ({@code type:name:actions}) already grants every action of {@code scope}. */
    static boolean covered(String scope, Collection<String> scopes) {
        int cut = scope.lastIndexOf(':');
        if (cut < 0) {
            return scopes.contains(scope);
        }
        String resource = scope.substring(0, cut + 1);
        List<String> actions = List.of(scope.substring(cut + 1).split(","));
        return scopes.stream().anyMatch(s -> s.startsWith(resource) && s.lastIndexOf(':') == cut
                && List.of(s.substring(cut + 1).split(",")).containsAll(actions));
    }

    /** Sends one request to the registry's API host, with the login; a network failure becomes a RegistryException. */
    private Response send(String what, Request request) throws RegistryException {
        String auth = authorization;
        request.header("User-Agent", USER_AGENT);
        if (auth != null) {
            request.header("Authorization", auth);
        }
        try {
            return http.send(request);
        } catch (IOException e) {
            throw diagnosis.of(e, what);
        }
    }

    /**
     * Sends a request; on a 401 that a (new or refreshed) login can fix, logs in and sends it once
     * more. {@code request} builds it anew each time, so streamed bodies start again.
     */
    private Response exchange(String what, Supplier<Request> request) throws EngineException, IOException, InterruptedException {
        String usedAuth = authorization;
        Response r = send(what, request.get());
        if (r.statusCode() == 401) {
            Optional<Challenge> c = Challenge.parse(r.header("WWW-Authenticate").orElse(null));
            boolean canImprove = c.isPresent() && !"insufficient_scope".equals(c.get().error())
                    && (c.get().isBearer() || (usedAuth == null && access.getCredentials().isPresent()));
            if (canImprove) {
                r.close();
                authenticate(c.get(), usedAuth);
                r = send(what, request.get());
            }
        }
        return r;
    }

    private RegistryException failure(Response r, String what, String repository) throws IOException {
        String body;
        try {
            body = r.text();
        } catch (IOException e) {
            body = "";
        }
        return diagnosis.of(r.statusCode(), body, r.header("WWW-Authenticate").orElse(null), r.header("Retry-After").orElse(null), what, repository);
    }

    private URI url(String path) {
        return URI.create(base + path);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static URI withDigest(URI location, String digest) {
        String s = location.toString();
        return URI.create(s + (s.contains("?") ? "&" : "?") + "digest=" + encode(digest));
    }

    private URI location(Response r, String what, String repository) throws RegistryException {
        String loc = r.header("Location").orElseThrow(() -> new RegistryException(Problem.UNEXPECTED_RESPONSE, registry,
                r.statusCode(), what + " on " + registry + "/" + repository + ": the registry gave no upload location"));
        URI uri = URI.create(base + "/").resolve(loc);
        if (!http.serves(uri)) {
            throw new RegistryException(Problem.UNEXPECTED_RESPONSE, registry, r.statusCode(), what + " on " + registry + "/" + repository
                    + ": the registry sends uploads to another host (" + uri.getHost() + "), which this client does not follow");
        }
        return uri;
    }

    // ---- blobs

    /**
     * Sends {@code GET /v2/} with the login of {@link #open}: proves that the registry accepts the
     * credentials (a Basic login is otherwise only checked by the first repository request).
     */
    void checkLogin() throws EngineException, IOException, InterruptedException {
        String what = "log in to " + registry;
        retry.run(what, events, () -> {
            try (Response r = exchange(what, () -> Request.of("GET", url("/v2/")))) {
                if (r.statusCode() != 200 && r.statusCode() != 404) {
                    throw failure(r, "log in", "");
                }
                return null;
            }
        });
    }

    /** True if {@code repository} has the blob. */
    boolean hasBlob(String repository, String digest) throws EngineException, IOException, InterruptedException {
        String what = "check blob " + LayerProgress.shortId(digest);
        return retry.run(what, events, () -> {
            try (Response r = exchange(what, () -> Request.of("HEAD", url("/v2/" + repository + "/blobs/" + digest)))) {
                if (r.statusCode() == 200) {
                    return true;
                }
                if (r.statusCode() == 404) {
                    return false;
                }
                throw diagnosis.of(r.statusCode(), "", r.header("WWW-Authenticate").orElse(null), r.header("Retry-After").orElse(null),
                        "push " + what, repository);
            }
        });
    }

    /**
     * Mounts a blob from another repository of this registry. Returns empty when mounted;
     * otherwise the location of the upload the registry opened instead.
     */
    Optional<URI> mount(String repository, String digest, String fromRepository) throws EngineException, IOException, InterruptedException {
        String what = "mount blob " + LayerProgress.shortId(digest);
        return retry.run(what, events, () -> {
            try (Response r = exchange(what, () -> Request.of("POST", url("/v2/" + repository + "/blobs/uploads/?mount=" + encode(digest)
                    + "&from=" + encode(fromRepository))))) {
                if (r.statusCode() == 201) {
                    return Optional.empty();
                }
                if (r.statusCode() == 202) {
                    return Optional.of(location(r, what, repository));
                }
                throw failure(r, "push " + what, repository);
            }
        });
    }

    /** Opens an upload in {@code repository}. */
    URI startUpload(String repository) throws EngineException, IOException, InterruptedException {
        String what = "start upload";
        return retry.run(what, events, () -> {
            try (Response r = exchange(what, () -> Request.of("POST", url("/v2/" + repository + "/blobs/uploads/")))) {
                if (r.statusCode() != 202) {
                    throw failure(r, "push " + what, repository);
                }
                return location(r, what, repository);
            }
        });
    }

    /**
     * Uploads a blob of known digest and size in one PUT to an upload {@code session}
     * (from {@link #startUpload}); not retried here (the caller starts a new session).
     */
    void putBlob(URI session, String repository, String digest, long size, Supplier<InputStream> content)
            throws EngineException, IOException, InterruptedException {
        String what = "upload blob " + LayerProgress.shortId(digest);
        try (Response r = exchange(what, () -> Request.of("PUT", withDigest(session, digest))
                .header("Content-Type", "application/octet-stream").body(Body.of(content, size)))) {
            if (r.statusCode() != 201) {
                throw failure(r, "push " + what, repository);
            }
        }
    }

    /**
     * Streams a blob whose digest is known only once it has been read: one PATCH with the body
     * (chunked), then a PUT naming the digest {@code digestAfter} gives. Not retried here.
     */
    void streamBlob(URI session, String repository, Supplier<InputStream> content, Supplier<String> digestAfter)
            throws EngineException, IOException, InterruptedException {
        String what = "upload layer";
        URI next;
        try (Response patched = exchange(what, () -> Request.of("PATCH", session)
                .header("Content-Type", "application/octet-stream").body(Body.of(content, -1)))) {
            if (patched.statusCode() != 202 && patched.statusCode() != 204) {
                throw failure(patched, "push " + what, repository);
            }
            next = patched.header("Location").isPresent() ? location(patched, what, repository) : session;
        }
        String digest = digestAfter.get();
        try (Response done = exchange(what, () -> Request.of("PUT", withDigest(next, digest)))) {
            if (done.statusCode() != 201) {
                throw failure(done, "push " + what + " " + LayerProgress.shortId(digest), repository);
            }
        }
    }

    /** Cancels an upload session, quietly. */
    void cancel(URI session) {
        try {
            send("cancel upload", Request.of("DELETE", session)).close();
        } catch (RegistryException | RuntimeException ignored) {
            // an abandoned session expires on the registry by itself
        }
    }

    /** Opens a blob for reading, following redirects (without credentials to other hosts). */
    InputStream openBlob(String repository, String digest) throws EngineException, IOException, InterruptedException {
        String what = "download blob " + LayerProgress.shortId(digest);
        return retry.run(what, events, () -> {
            Response r = exchange(what, () -> Request.of("GET", url("/v2/" + repository + "/blobs/" + digest)));
            for (int hop = 0; r.statusCode() / 100 == 3 && hop < 5; hop++) {
                URI target = URI.create(base + "/").resolve(r.header("Location").orElseThrow(() -> new RegistryException(
                        Problem.UNEXPECTED_RESPONSE, registry, 0, what + ": a redirect without a location")));
                r.close();
                if ("http".equalsIgnoreCase(target.getScheme()) && !access.isInsecure()) {
                    throw diagnosis.plainHttp(null);
                }
                HttpConnections other = connections(target);
                try {
                    Response answer = other.send(Request.of("GET", target).header("User-Agent", USER_AGENT));
                    r = answer.alsoClosing(other);
                } catch (IOException e) {
                    other.close();
                    throw diagnosis.of(e, what);
                }
            }
            if (r.statusCode() != 200) {
                throw failure(r, what, repository);
            }
            Response ok = r;
            return new FilterInputStream(r.body()) {
                @Override
                public void close() {
                    ok.close();
                }
            };
        });
    }

    // ---- manifests

    /** The manifest or index for a tag or digest, exactly as served. */
    Manifest getManifest(String repository, String reference) throws EngineException, IOException, InterruptedException {
        String what = "read manifest " + reference;
        return retry.run(what, events, () -> {
            try (Response r = exchange(what, () -> Request.of("GET", url("/v2/" + repository + "/manifests/" + reference))
                    .header("Accept", Manifest.ACCEPT))) {
                if (r.statusCode() != 200) {
                    throw failure(r, what, repository);
                }
                byte[] bytes = r.bytes(16 << 20);
                String type = r.header("Content-Type").orElse("").split(";")[0].strip();
                if (type.isEmpty()) {
                    try {
                        type = Manifest.mediaTypeOf(JsonValue.parse(bytes), Manifest.OCI_MANIFEST);
                    } catch (MalformedJsonException notJson) {
                        throw diagnosis.notAManifest(what, repository, bytes);
                    }
                }
                Manifest m = new Manifest(type, bytes);
                if (reference.contains(":") && !m.digest().equals(reference)) {
                    throw new RegistryException(Problem.INVALID_CONTENT, registry, 200, what + " on " + registry + "/" + repository
                            + ": the registry served content whose digest is " + m.digest() + "; the image may be corrupt on the source");
                }
                return m;
            } catch (IOException e) {
                throw diagnosis.of(e, what);
            }
        });
    }

    /**
     * The digest a tag points at, from {@code HEAD} and its {@code Docker-Content-Digest}; empty when
     * the tag does not exist, the registry does not say, or the login may not read manifests (a
     * push-only permission, such as an ECR policy without {@code BatchGetImage}, answers 401, 403 or
     * 405 here while it may push): then the caller cannot skip anything and pushes in full. Other
     * failures (5xx, 429 after the retries, no connection) are reported.
     */
    Optional<String> manifestDigest(String repository, String tag) throws EngineException, IOException, InterruptedException {
        String what = "check manifest " + tag;
        return retry.run(what, events, () -> {
            try (Response r = exchange(what, () -> Request.of("HEAD", url("/v2/" + repository + "/manifests/" + tag))
                    .header("Accept", Manifest.ACCEPT))) {
                if (r.statusCode() / 100 == 4 && r.statusCode() != 429) {
                    return Optional.empty();
                }
                if (r.statusCode() != 200) {
                    throw diagnosis.of(r.statusCode(), "", r.header("WWW-Authenticate").orElse(null), r.header("Retry-After").orElse(null),
                            what, repository);
                }
                return r.header("Docker-Content-Digest").map(String::strip);
            }
        });
    }

    /** Writes a manifest under a tag or its digest; returns the digest the registry reports. */
    String putManifest(String repository, String reference, Manifest manifest) throws EngineException, IOException, InterruptedException {
        String what = "push manifest " + (reference.startsWith("sha256:") ? LayerProgress.shortId(reference) : reference);
        return retry.run(what, events, () -> {
            try (Response r = exchange(what, () -> Request.of("PUT", url("/v2/" + repository + "/manifests/" + reference))
                    .header("Content-Type", manifest.mediaType()).body(Body.of(manifest.bytes())))) {
                if (r.statusCode() != 201 && r.statusCode() != 200) {
                    throw failure(r, what, repository);
                }
                return r.header("Docker-Content-Digest").orElse(manifest.digest());
            }
        });
    }
}
