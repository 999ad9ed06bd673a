package io.jenkins.plugins.aliyun.registry.engine.push;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.auth.RegistryCredentials;
import io.jenkins.plugins.aliyun.registry.engine.push.RegistryException.Problem;
import io.jenkins.plugins.aliyun.registry.engine.reference.DockerHub;
import io.jenkins.plugins.aliyun.registry.engine.reference.ImageReference;
import io.jenkins.plugins.aliyun.registry.engine.registry.RegistryEndpoint;
import io.jenkins.plugins.aliyun.registry.engine.registry.RegistryKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A small client for the OCI distribution API of one registry: blob existence, cross-repository
 * mount, monolithic and streamed uploads, manifests. It finds out at {@link #open} whether the
 * registry speaks HTTPS (or plain HTTP, only if insecure) and how it wants to be authenticated
 * (Basic, or Bearer tokens for every repository this push touches), and maps every failure to a
 * {@link RegistryException} with its cause and fix.
 */
final class RegistryClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SMALL_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final String USER_AGENT = "aliyun-cr";

    private final String registry;
    private final String apiHost;
    private final RegistryAccess access;
    private final Set<String> scopes;
    private final PushListener events;
    private final Retry retry;
    private final Diagnosis diagnosis;
    private final HttpClient http;

    private volatile String base;
    private volatile String authorization;
    private volatile Challenge challenge;

    private RegistryClient(String registry, RegistryAccess access, Set<String> scopes, PushListener events, Retry retry,
            HttpClient.Version version, Executor executor) throws InvalidInputException {
        this.registry = registry;
        this.apiHost = ImageReference.DOCKER_HUB.equals(registry) ? DockerHub.API_HOST : registry;
        this.access = access;
        this.scopes = scopes;
        this.events = events;
        this.retry = retry;
        this.diagnosis = new Diagnosis(registry, kindOf(registry), access.getCredentials().isPresent());
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(version)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(RegistryTrust.sslContext(access));
        if (executor != null) {
            b.executor(executor);
        }
        this.http = b.build();
    }

    /**
     * Connects to {@code registry}, chooses HTTPS or (insecure only) HTTP, and logs in for
     * {@code repositories} (each {@code "name:pull"} or {@code "name:pull,push"}).
     */
    static RegistryClient open(String registry, RegistryAccess access, Collection<String> repositories, PushListener events, Retry retry,
            HttpClient.Version version, Executor executor) throws EngineException, IOException, InterruptedException {
        Set<String> scopes = new LinkedHashSet<>();
        for (String r : repositories) {
            scopes.add("repository:" + r);
        }
        RegistryClient c = new RegistryClient(registry, access, scopes, events, retry, version, executor);
        c.ping();
        return c;
    }

    String registry() {
        return registry;
    }

    /**
     * Lets the HTTP client's threads go (JDK 21+, where HttpClient is AutoCloseable). On older JDKs
     * its selector thread lingers until the client is collected; a JVM that exits then waits up to
     * 300 ms for it (see docs/performance.md).
     */
    void close() {
        if (http instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing is a courtesy; nothing is lost if it fails
            }
        }
    }

    private static RegistryKind kindOf(String registry) {
        try {
            return RegistryEndpoint.parse(registry).getKind();
        } catch (InvalidInputException e) {
            return RegistryKind.GENERIC;
        }
    }

    // ---- connection and login

    private void ping() throws EngineException, IOException, InterruptedException {
        base = "https://" + apiHost;
        HttpResponse<String> r;
        try {
            r = retry.run("reach " + registry, events, () -> {
                try {
                    return http.send(small(URI.create(base + "/v2/")).GET().build(), HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    throw diagnosis.of(e, "reach " + registry);
                }
            });
        } catch (RegistryException e) {
            if (e.getProblem() != Problem.PLAIN_HTTP_REGISTRY || !access.isInsecure()) {
                throw e;
            }
            base = "http://" + apiHost;
            events.log(registry + " speaks plain HTTP; using it because the registry is marked insecure");
            r = retry.run("reach " + registry, events, () -> {
                try {
                    return http.send(small(URI.create(base + "/v2/")).GET().build(), HttpResponse.BodyHandlers.ofString());
                } catch (IOException io) {
                    throw diagnosis.of(io, "reach " + registry);
                }
            });
        }
        if (r.statusCode() == 401) {
            Optional<Challenge> c = Challenge.parse(r.headers().firstValue("WWW-Authenticate").orElse(null));
            if (c.isEmpty()) {
                throw diagnosis.of(401, r.body(), null, null, "log in", "");
            }
            authenticate(c.get());
        } else if (r.statusCode() >= 300 && r.statusCode() != 404) {
            throw diagnosis.of(r.statusCode(), r.body(), null, r.headers().firstValue("Retry-After").orElse(null), "reach " + registry, "");
        }
    }

    private synchronized void authenticate(Challenge c) throws EngineException, IOException, InterruptedException {
        challenge = c;
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
        if (!"https".equalsIgnoreCase(realm.getScheme()) && creds.isPresent() && !access.isInsecure()) {
            throw new RegistryException(Problem.PLAIN_HTTP_REGISTRY, registry, 401, "the token service of " + registry + " (" + realm.getHost()
                    + ") is plain HTTP: credentials are not sent over HTTP unless the registry is marked insecure (--insecure)");
        }
        Set<String> wanted = new LinkedHashSet<>(scopes);
        if (c.scope() != null) {
            wanted.add(c.scope());
        }
        StringBuilder url = new StringBuilder(c.realm()).append(c.realm().contains("?") ? '&' : '?');
        if (c.service() != null) {
            url.append("service=").append(encode(c.service()));
        }
        for (String s : wanted) {
            url.append("&scope=").append(encode(s));
        }
        HttpResponse<String> r = retry.run("log in to " + registry, events, () -> {
            HttpRequest.Builder b = small(URI.create(url.toString())).GET();
            creds.ifPresent(cr -> b.header("Authorization", "Basic " + cr.auth()));
            HttpResponse<String> answer;
            try {
                answer = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw diagnosis.of(e, "log in to " + registry);
            }
            if (answer.statusCode() != 200) {
                throw diagnosis.of(answer.statusCode(), answer.body(), answer.headers().firstValue("WWW-Authenticate").orElse(null),
                        answer.headers().firstValue("Retry-After").orElse(null), "log in", String.join(" ", wanted));
            }
            return answer;
        });
        JsonNode json = Manifest.JSON.readTree(r.body());
        String token = json.path("token").asText(json.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw new RegistryException(Problem.UNEXPECTED_RESPONSE, registry, 200, "the token service of " + registry + " answered without a token");
        }
        authorization = "Bearer " + token;
    }

    /**
     * Sends a request; on a 401 that a (new or refreshed) login can fix, logs in and sends it once
     * more. The request is rebuilt by {@code request}, so streamed bodies start again.
     */
    private <T> HttpResponse<T> exchange(String what, Supplier<HttpRequest.Builder> request, HttpResponse.BodyHandler<T> handler)
            throws EngineException, IOException, InterruptedException {
        String usedAuth = authorization;
        HttpResponse<T> r = sendOnce(what, request, handler);
        if (r.statusCode() == 401) {
            Optional<Challenge> c = Challenge.parse(r.headers().firstValue("WWW-Authenticate").orElse(null));
            boolean canImprove = c.isPresent() && !"insufficient_scope".equals(c.get().error())
                    && (c.get().isBearer() || (usedAuth == null && access.getCredentials().isPresent()));
            if (canImprove) {
                drain(r);
                authenticate(c.get());
                r = sendOnce(what, request, handler);
            }
        }
        return r;
    }

    private <T> HttpResponse<T> sendOnce(String what, Supplier<HttpRequest.Builder> request, HttpResponse.BodyHandler<T> handler)
            throws RegistryException, InterruptedException {
        HttpRequest.Builder b = request.get();
        HttpRequest built = b.build();
        String auth = authorization;
        if (auth != null && sameHost(built.uri())) {
            built = HttpRequest.newBuilder(built, (name, value) -> true).header("Authorization", auth).build();
        }
        try {
            return http.send(built, handler);
        } catch (IOException e) {
            throw diagnosis.of(e, what);
        }
    }

    private boolean sameHost(URI uri) {
        String hostPort = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        String scheme = uri.getScheme();
        return apiHost.equalsIgnoreCase(hostPort) && ("https".equalsIgnoreCase(scheme) || access.isInsecure());
    }

    private RegistryException failure(HttpResponse<?> r, String what, String repository) {
        String body = bodyText(r);
        return diagnosis.of(r.statusCode(), body, r.headers().firstValue("WWW-Authenticate").orElse(null),
                r.headers().firstValue("Retry-After").orElse(null), what, repository);
    }

    private static String bodyText(HttpResponse<?> r) {
        Object b = r.body();
        if (b instanceof String s) {
            return s;
        }
        if (b instanceof InputStream in) {
            try (in) {
                return new String(in.readNBytes(8192), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }
        return "";
    }

    private static void drain(HttpResponse<?> r) {
        if (r.body() instanceof InputStream in) {
            try (in) {
                in.readNBytes(65536);
            } catch (IOException ignored) {
                // the connection is dropped instead of reused
            }
        }
    }

    private HttpRequest.Builder small(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(SMALL_REQUEST_TIMEOUT).header("User-Agent", USER_AGENT);
    }

    private URI url(String path) {
        return URI.create(base + path);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private URI withDigest(URI location, String digest) {
        String s = location.toString();
        return URI.create(s + (s.contains("?") ? "&" : "?") + "digest=" + encode(digest));
    }

    private URI location(HttpResponse<?> r, String what, String repository) throws RegistryException {
        String loc = r.headers().firstValue("Location").orElseThrow(() -> new RegistryException(Problem.UNEXPECTED_RESPONSE, registry,
                r.statusCode(), what + " on " + registry + "/" + repository + ": the registry gave no upload location"));
        return URI.create(base + "/").resolve(loc);
    }

    // ---- blobs

    /** True if {@code repository} has the blob. */
    boolean hasBlob(String repository, String digest) throws EngineException, IOException, InterruptedException {
        String what = "check blob " + short12(digest);
        return retry.run(what, events, () -> {
            HttpResponse<Void> r = exchange(what, () -> small(url("/v2/" + repository + "/blobs/" + digest))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() == 200) {
                return true;
            }
            if (r.statusCode() == 404) {
                return false;
            }
            throw diagnosis.of(r.statusCode(), "", r.headers().firstValue("WWW-Authenticate").orElse(null),
                    r.headers().firstValue("Retry-After").orElse(null), "push " + what, repository);
        });
    }

    /**
     * Mounts a blob from another repository of this registry. Returns empty when mounted;
     * otherwise the location of the upload the registry opened instead.
     */
    Optional<URI> mount(String repository, String digest, String fromRepository) throws EngineException, IOException, InterruptedException {
        String what = "mount blob " + short12(digest);
        return retry.run(what, events, () -> {
            HttpResponse<String> r = exchange(what, () -> small(url("/v2/" + repository + "/blobs/uploads/?mount=" + encode(digest)
                    + "&from=" + encode(fromRepository))).POST(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 201) {
                return Optional.empty();
            }
            if (r.statusCode() == 202) {
                return Optional.of(location(r, what, repository));
            }
            throw failure(r, "push " + what, repository);
        });
    }

    /** Opens an upload in {@code repository}. */
    URI startUpload(String repository) throws EngineException, IOException, InterruptedException {
        String what = "start upload";
        return retry.run(what, events, () -> {
            HttpResponse<String> r = exchange(what, () -> small(url("/v2/" + repository + "/blobs/uploads/"))
                    .POST(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202) {
                throw failure(r, "push " + what, repository);
            }
            return location(r, what, repository);
        });
    }

    /**
     * Uploads a blob of known digest and size in one PUT to an upload {@code session}
     * (from {@link #startUpload}); not retried here (the caller starts a new session).
     */
    void putBlob(URI session, String repository, String digest, long size, Supplier<InputStream> content)
            throws EngineException, IOException, InterruptedException {
        String what = "upload blob " + short12(digest);
        HttpResponse<String> r = exchange(what, () -> HttpRequest.newBuilder(withDigest(session, digest))
                .header("User-Agent", USER_AGENT)
                .header("Content-Type", "application/octet-stream")
                .PUT(size >= 0 ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(content), size)
                        : HttpRequest.BodyPublishers.ofInputStream(content)), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw failure(r, "push " + what, repository);
        }
    }

    /**
     * Streams a blob whose digest is known only once it has been read: one PATCH with the body
     * (chunked), then a PUT naming the digest {@code digestAfter} gives. Not retried here.
     */
    void streamBlob(URI session, String repository, Supplier<InputStream> content, Supplier<String> digestAfter)
            throws EngineException, IOException, InterruptedException {
        String what = "upload layer";
        HttpResponse<String> patched = exchange(what, () -> HttpRequest.newBuilder(session)
                .header("User-Agent", USER_AGENT)
                .header("Content-Type", "application/octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(content)), HttpResponse.BodyHandlers.ofString());
        if (patched.statusCode() != 202 && patched.statusCode() != 204) {
            throw failure(patched, "push " + what, repository);
        }
        URI next = patched.headers().firstValue("Location").isPresent() ? location(patched, what, repository) : session;
        String digest = digestAfter.get();
        HttpResponse<String> done = exchange(what, () -> small(withDigest(next, digest)).PUT(HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.ofString());
        if (done.statusCode() != 201) {
            throw failure(done, "push " + what + " " + short12(digest), repository);
        }
    }

    /** Cancels an upload session, quietly. */
    void cancel(URI session) {
        try {
            sendOnce("cancel upload", () -> small(session).DELETE(), HttpResponse.BodyHandlers.discarding());
        } catch (RegistryException | RuntimeException ignored) {
            // an abandoned session expires on the registry by itself
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Opens a blob for reading, following redirects (without credentials to other hosts). */
    InputStream openBlob(String repository, String digest) throws EngineException, IOException, InterruptedException {
        String what = "download blob " + short12(digest);
        return retry.run(what, events, () -> {
            URI uri = url("/v2/" + repository + "/blobs/" + digest);
            for (int hop = 0; hop < 5; hop++) {
                URI target = uri;
                HttpResponse<InputStream> r = exchange(what, () -> HttpRequest.newBuilder(target).header("User-Agent", USER_AGENT).GET(),
                        HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() == 200) {
                    return r.body();
                }
                if (r.statusCode() / 100 == 3 && r.headers().firstValue("Location").isPresent()) {
                    drain(r);
                    uri = target.resolve(r.headers().firstValue("Location").get());
                    if ("http".equalsIgnoreCase(uri.getScheme()) && !access.isInsecure()) {
                        throw diagnosis.plainHttp(null);
                    }
                    continue;
                }
                throw failure(r, what, repository);
            }
            throw new RegistryException(Problem.UNEXPECTED_RESPONSE, registry, 0, what + " on " + registry + "/" + repository + ": too many redirects");
        });
    }

    // ---- manifests

    /** The manifest or index for a tag or digest, exactly as served. */
    Manifest getManifest(String repository, String reference) throws EngineException, IOException, InterruptedException {
        String what = "read manifest " + reference;
        return retry.run(what, events, () -> {
            HttpResponse<byte[]> r = exchange(what, () -> small(url("/v2/" + repository + "/manifests/" + reference))
                    .header("Accept", Manifest.ACCEPT).GET(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                String body = new String(r.body(), StandardCharsets.UTF_8);
                throw diagnosis.of(r.statusCode(), body, r.headers().firstValue("WWW-Authenticate").orElse(null),
                        r.headers().firstValue("Retry-After").orElse(null), what, repository);
            }
            String type = r.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
            Manifest m = new Manifest(type.isEmpty() ? Manifest.mediaTypeOf(Manifest.JSON.readTree(r.body()), Manifest.OCI_MANIFEST) : type, r.body());
            if (reference.contains(":") && !m.digest().equals(reference)) {
                throw new RegistryException(Problem.INVALID_CONTENT, registry, 200, what + " on " + registry + "/" + repository
                        + ": the registry served content whose digest is " + m.digest() + "; the image may be corrupt on the source");
            }
            return m;
        });
    }

    /** Writes a manifest under a tag or its digest; returns the digest the registry reports. */
    String putManifest(String repository, String reference, Manifest manifest) throws EngineException, IOException, InterruptedException {
        String what = "push manifest " + (reference.startsWith("sha256:") ? short12(reference) : reference);
        return retry.run(what, events, () -> {
            HttpResponse<String> r = exchange(what, () -> small(url("/v2/" + repository + "/manifests/" + reference))
                    .header("Content-Type", manifest.mediaType())
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.bytes())), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201 && r.statusCode() != 200) {
                throw failure(r, what, repository);
            }
            return r.headers().firstValue("Docker-Content-Digest").orElse(manifest.digest());
        });
    }

    static String short12(String digest) {
        int colon = digest.indexOf(':');
        String hex = colon >= 0 ? digest.substring(colon + 1) : digest;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
