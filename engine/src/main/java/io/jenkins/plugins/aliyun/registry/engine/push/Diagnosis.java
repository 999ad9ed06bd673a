package io.jenkins.plugins.aliyun.registry.engine.push;

import io.jenkins.plugins.aliyun.registry.engine.Text;
import io.jenkins.plugins.aliyun.registry.engine.auth.RegistryCredentials;
import io.jenkins.plugins.aliyun.registry.engine.json.JsonValue;
import io.jenkins.plugins.aliyun.registry.engine.push.RegistryException.Problem;
import io.jenkins.plugins.aliyun.registry.engine.registry.RegistryKind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathValidatorException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Turns what went wrong talking to a registry into a {@link RegistryException} whose one-line
 * message says what happened, the likely cause and the fix, tailored to the kind of registry.
 * Whatever it quotes from an answer or an exception is first {@linkplain #redact redacted} of
 * the secrets it knows: the password, the {@code auth} (base64 of user:password) and the tokens.
 */
final class Diagnosis {

    static final String REDACTED = "****";

    private final String registry;
    /** What a failure without an answer is about: the registry, or e.g. its token service. */
    private final String subject;
    private final RegistryKind kind;
    private final boolean hasCredentials;
    private final Set<String> secrets;
    private final AccessHints hints;

    Diagnosis(String registry, RegistryKind kind, boolean hasCredentials) {
        this(registry, registry, kind, hasCredentials, ConcurrentHashMap.newKeySet(), AccessHints.commandLine());
    }

    private Diagnosis(String registry, String subject, RegistryKind kind, boolean hasCredentials, Set<String> secrets, AccessHints hints) {
        this.registry = registry;
        this.subject = subject;
        this.kind = kind;
        this.hasCredentials = hasCredentials;
        this.secrets = secrets;
        this.hints = hints;
    }

    /**
     * For a client logging in with {@code credentials}: their password and {@code auth} are never
     * quoted; fixes name the settings as {@code hints} says.
     */
    Diagnosis(String registry, RegistryKind kind, Optional<RegistryCredentials> credentials, AccessHints hints) {
        this(registry, registry, kind, credentials.isPresent(), ConcurrentHashMap.newKeySet(), hints);
        credentials.ifPresent(c -> {
            secret(c.getPassword());
            secret(c.auth());
        });
    }

    /**
     * The same diagnosis (same registry, same secrets) for failures without an answer from another
     * server, named {@code subject} in the messages, e.g. "the token service auth.example.com".
     */
    Diagnosis about(String newSubject) {
        return new Diagnosis(registry, newSubject, kind, hasCredentials, secrets, hints);
    }

    /** Adds a secret (e.g. a token just obtained) that no message may quote from now on. */
    void secret(String value) {
        if (value != null && !value.isEmpty()) {
            secrets.add(value);
            // as an echoed query string or form would carry it
            secrets.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    /** {@code text} with every known secret replaced by {@value #REDACTED}. */
    String redact(String text) {
        if (text == null || text.isEmpty() || secrets.isEmpty()) {
            return text;
        }
        List<String> longestFirst = new ArrayList<>(secrets);
        // a longer secret (the auth) may contain a shorter one's text: replace it whole first
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        String out = text;
        for (String secret : longestFirst) {
            out = out.replace(secret, REDACTED);
        }
        return out;
    }

    /** Text from an answer or an exception, redacted and on one line, for a message. */
    private String quote(String text) {
        return oneLine(redact(text));
    }

    /** A failure without an HTTP answer. */
    RegistryException of(IOException e, String what) {
        ProxyTunnel.ProxyFailure proxy = cause(e, ProxyTunnel.ProxyFailure.class);
        if (proxy != null) {
            return new RegistryException(Problem.PROXY_FAILURE, registry, 0, what + ": " + proxy.getMessage() + "; the proxy is set " + hints.proxy(),
                    e, proxy.isRetryable(), null);
        }
        UnknownHostException unknown = cause(e, UnknownHostException.class);
        if (unknown != null) {
            String name = unknown.getMessage() == null ? subject : quote(unknown.getMessage());
            return new RegistryException(Problem.CONNECTION_FAILED, registry, 0, what + ": cannot resolve " + name
                    + (aboutRegistry() ? "" : " (" + subject + ")")
                    + ": check the name; an ACR *-vpc* domain resolves only inside its VPC", e, false, null);
        }
        ConnectException connect = cause(e, ConnectException.class);
        // the engine's sockets time out with SocketTimeoutException ("Connect timed out", "Read timed out");
        // a connect the system gives up on is a ConnectException "Connection timed out"
        boolean timedOut = causedBy(e, SocketTimeoutException.class) || connect != null && String.valueOf(connect.getMessage()).contains("timed out");
        if (connect != null && !timedOut) {
            return new RegistryException(Problem.CONNECTION_REFUSED, registry, 0, what + ": connection to " + subject
                    + " refused: nothing listens there; check the host and port, that the registry is running, and any firewall or proxy",
                    e, true, null);
        }
        if (timedOut) {
            return new RegistryException(Problem.CONNECTION_FAILED, registry, 0, what + ": " + subject
                    + " did not answer in time; check the network path to the registry (proxy, firewall, VPC endpoint reachable only inside its VPC)",
                    e, true, null);
        }
        SSLException ssl = cause(e, SSLException.class);
        if (ssl != null) {
            String m = String.valueOf(ssl.getMessage());
            if (m.contains("Unsupported or unrecognized SSL message") || m.contains("plaintext")) {
                return plainHttp(e);
            }
            if (m.startsWith(HttpConnections.NO_TLS_ANSWER) && !aboutRegistry()) {
                return new RegistryException(Problem.PLAIN_HTTP_REGISTRY, registry, 0, what + ": " + subject + " did not answer the TLS"
                        + " handshake: it may serve plain HTTP or something else listens on that port; " + NOT_THE_REGISTRY, e, false, null);
            }
            if (m.startsWith(HttpConnections.NO_TLS_ANSWER)) {
                return new RegistryException(Problem.PLAIN_HTTP_REGISTRY, registry, 0, what + ": " + subject + " did not answer the TLS"
                        + " handshake: it may serve plain HTTP (then mark the registry insecure " + hints.insecure() + "; only then are credentials sent over"
                        + " HTTP) or something else listens on that port", e, false, null);
            }
            if (causedBy(e, CertPathValidatorException.class) || m.contains("PKIX") || m.contains("unable to find valid certification path")) {
                return new RegistryException(Problem.UNKNOWN_CERTIFICATE_AUTHORITY, registry, 0, what + ": the TLS certificate of " + subject
                        + " is signed by an unknown authority (x509: certificate signed by unknown authority): give the registry's CA certificate (PEM) "
                        + hints.caCertificate() + "; it is trusted for this registry only",
                        e, false, null);
            }
            if (m.startsWith(ServerIdentity.NOT_FOR_HOST)) {
                return new RegistryException(Problem.TLS_FAILURE, registry, 0, what + ": the TLS certificate of " + subject + " is not issued for"
                        + " that name " + m.substring(m.indexOf('(')) + ": reach the registry by a name its certificate lists, or reissue the"
                        + " certificate with this name in its subjectAltName", e, false, null);
            }
            if (m.startsWith(ServerIdentity.NO_NAMES)) {
                return new RegistryException(Problem.TLS_FAILURE, registry, 0, what + ": the TLS certificate of " + subject + " has no"
                        + " subjectAltName, only a legacy common name, which docker, skopeo and this tool do not use: reissue it with the"
                        + " registry's name, e.g. openssl req ... -addext \"subjectAltName=DNS:registry.example.com,IP:10.0.0.5\"", e, false, null);
            }
            if (ssl instanceof javax.net.ssl.SSLPeerUnverifiedException) {
                return new RegistryException(Problem.TLS_FAILURE, registry, 0, what + ": the TLS certificate of " + subject + " cannot be"
                        + " checked (" + quote(m) + "): reissue it with the registry's name in its subjectAltName, or give the"
                        + " certificate the registry really uses", e, false, null);
            }
            if (ssl instanceof SSLHandshakeException) {
                return new RegistryException(Problem.TLS_FAILURE, registry, 0, what + ": TLS with " + subject + " failed (" + quote(m)
                        + "): check that the registry speaks HTTPS on this port and its certificate", e, false, null);
            }
        }
        return new RegistryException(Problem.CONNECTION_FAILED, registry, 0, what + ": the connection to " + subject + " failed ("
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + quote(e.getMessage()))
                + "); check the network and that the registry is running", withoutSecrets(e), true, null);
    }

    /**
     * {@code e}, or if its message quotes a known secret (e.g. a status line echoing the request, login
     * included) an {@code IOException} with that message redacted and {@code e}'s stack trace: the cause
     * of an exception may reach a log with its message.
     */
    private IOException withoutSecrets(IOException e) {
        String message = e.getMessage();
        String redacted = redact(message);
        if (message == null || message.equals(redacted)) {
            return e;
        }
        IOException clean = new IOException((e.getClass() == IOException.class ? "" : e.getClass().getSimpleName() + ": ") + redacted, e.getCause());
        clean.setStackTrace(e.getStackTrace());
        return clean;
    }

    /**
     * The fix for another server than the registry (e.g. its token service) that does not speak TLS:
     * marking the registry insecure lets only the registry itself answer plain HTTP.
     */
    private static final String NOT_THE_REGISTRY = "that service must serve HTTPS (or be on the registry's own host)";

    /** True if the failures without an answer are the registry's own, not another server's. */
    private boolean aboutRegistry() {
        return subject.equals(registry);
    }

    RegistryException plainHttp(Throwable cause) {
        if (!aboutRegistry()) {
            return new RegistryException(Problem.PLAIN_HTTP_REGISTRY, registry, 0, subject + " (for " + registry + ") answers plain HTTP,"
                    + " not HTTPS: " + NOT_THE_REGISTRY, cause, false, null);
        }
        return new RegistryException(Problem.PLAIN_HTTP_REGISTRY, registry, 0, registry
                + " answers plain HTTP, not HTTPS: if this registry really serves HTTP (e.g. Nexus on :8082), mark it insecure " + hints.insecure() + ";"
                + " only then are credentials sent over HTTP", cause, false, null);
    }

    /**
     * A failure with an HTTP answer of the registry. From the body, the first error of a registry's
     * JSON ({@code {"errors":[{"code":…,"message":…}]}}) is quoted, or else the text.
     *
     * @param what what was being done, e.g. "push manifest 1.0"
     * @param repository the repository it concerned
     * @param body the answer's body, possibly empty
     * @param authenticate the {@code WWW-Authenticate} header, possibly null
     * @param retryAfter the {@code Retry-After} header, possibly null
     */
    RegistryException of(int status, String body, String authenticate, String retryAfter, String what, String repository) {
        return of(status, body, true, authenticate, retryAfter, what, repository);
    }

    /**
     * A failure with an HTTP answer of a token service, as {@link #of(int, String, String, String, String, String)}
     * but a body that is not JSON is never quoted: a token service may echo the request, login included.
     */
    RegistryException ofTokenService(int status, String body, String authenticate, String retryAfter, String what, String repository) {
        return of(status, body, false, authenticate, retryAfter, what, repository);
    }

    private RegistryException of(int status, String body, boolean quoteText, String authenticate, String retryAfter, String what,
            String repository) {
        String code = "";
        String message = "";
        try {
            JsonValue errors = body == null || body.isBlank() ? null : JsonValue.parse(body).get("errors");
            if (errors != null && errors.isArray() && errors.size() > 0) {
                code = errors.get(0).get("code").text("");
                message = errors.get(0).get("message").text("");
            }
        } catch (IOException | RuntimeException notJson) {
            message = body == null || !quoteText ? "" : body;
        }
        String scopeError = Challenge.parse(authenticate).map(Challenge::error).orElse("");
        String answer = "HTTP " + status + (code.isEmpty() ? "" : " " + quote(code)) + (message.isEmpty() ? "" : " \"" + quote(message) + "\"");
        String prefix = what + " on " + registry + "/" + repository + ": " + answer + ": ";
        String lower = (code + " " + message).toLowerCase(Locale.ROOT);
        if (lower.contains("immutable")) {
            return fail(Problem.TAG_IMMUTABLE, status, prefix + "the tag already exists and this repository does not allow overwriting tags;"
                    + " push a new tag (e.g. the build number) or turn tag immutability off for the repository");
        }
        if ("insufficient_scope".equals(scopeError) || lower.contains("insufficient_scope")) {
            return fail(Problem.INSUFFICIENT_SCOPE, status, prefix + "the login does not allow this on " + repository
                    + ": the username or password is wrong, or the account has no push permission there;"
                    + (kind.isAcr() ? " in ACR the namespace must exist and belong to this account (or the RAM user must be granted it)" : " check the account's permissions"));
        }
        if (status == 401) {
            return fail(Problem.UNAUTHORIZED, status, prefix + (hasCredentials
                    ? "the registry rejected the username or password: the username is the registry account name"
                            + (kind.isAcr() ? " (the Alibaba Cloud account or RAM user name shown under Access Credentials)" : "")
                            + " and the password is the registry password" + (kind.isAcr() ? " set in the ACR console, not the console login password" : "")
                    : "the registry needs a login: log in " + hints.login()));
        }
        if (lower.contains("name_unknown") || lower.contains("does not exist") || (status == 404 && what.startsWith("push"))) {
            return fail(Problem.REPOSITORY_NOT_FOUND, status, prefix + "the repository " + repository + " does not exist: create it"
                    + (kind.isAcr() ? " in the ACR console (Repositories > Create Repository) or enable automatic repository creation for the namespace"
                            : " in the registry first"));
        }
        if (status == 403 || lower.startsWith("denied")) {
            String fix = switch (kind) {
                case ACR_LEGACY -> "this is the ACR default-instance domain: a personal instance created since 2024-09 must be pushed to through its own"
                        + " domain crpi-<id>.<region>.personal.cr.aliyuncs.com (copy it from the ACR console, Instance > Access Credentials);"
                        + " otherwise check the password and that the namespace belongs to this account";
                case ACR_PERSONAL, ACR_ENTERPRISE -> "check that the namespace exists and belongs to this account, that the password is the"
                        + " registry password (not the console password), and that a RAM user has push permission";
                default -> "the account may not push to " + repository + "; check its permissions and the repository name";
            };
            return fail(Problem.DENIED, status, prefix + fix);
        }
        if (status == 404 || lower.contains("manifest_unknown")) {
            return fail(Problem.IMAGE_NOT_FOUND, status, prefix + "no such image: check the repository, tag or digest");
        }
        if (status == 429) {
            return new RegistryException(Problem.TOO_MANY_REQUESTS, registry, status, prefix + "the registry limits requests; try again later",
                    null, true, parseRetryAfter(retryAfter).orElse(null));
        }
        if (status >= 500 && status != 501) {
            return new RegistryException(Problem.SERVER_ERROR, registry, status, prefix + "the registry failed; try again later or ask its operator",
                    null, true, parseRetryAfter(retryAfter).orElse(null));
        }
        if (what.startsWith("push manifest") && ("DIGEST_INVALID".equals(code) || "MANIFEST_BLOB_UNKNOWN".equals(code))) {
            // Every blob was in place before the manifest was sent. A registry that cannot verify them now is
            // racing with a concurrent push of the same blobs (distribution's filesystem storage rewrites a
            // repository's layer links in place): the manifest PUT is idempotent, so it is tried again.
            return new RegistryException(Problem.INVALID_CONTENT, registry, status, prefix
                    + "the registry could not verify the manifest against its layers, which were all in place; this happens while other"
                    + " pushes of the same layers run at the same time; if it persists, check the registry's storage",
                    null, true, null);
        }
        if (status == 400 || lower.contains("invalid") || lower.contains("blob_unknown")) {
            return fail(Problem.INVALID_CONTENT, status, prefix + "the registry rejected the content; it may not support this manifest or media type");
        }
        return fail(Problem.UNEXPECTED_RESPONSE, status, prefix + "unexpected answer");
    }

    /** A 401 without a {@code WWW-Authenticate} challenge, to a request sent without a login. */
    RegistryException noChallenge(String what) {
        return fail(Problem.UNEXPECTED_RESPONSE, 401, what + ": HTTP 401 without a WWW-Authenticate header, so no username or password was sent:"
                + " the registry does not say how to log in (Basic or token); check that " + registry + " is the registry's API address,"
                + " not a web console or a proxy that drops the header");
    }

    /** A 200 answer to a manifest request without a {@code Content-Type} whose body is not JSON. */
    RegistryException notAManifest(String what, String repository, byte[] body) {
        // redacted before it is cut, so that no part of a secret is left at the cut
        // binary bytes are shown as '?' (white space is joined by oneLine)
        String text = oneLine(redact(new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8)).replaceAll("[\\p{Cntrl}&&[^\\s]]", "?"));
        String start = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        return fail(Problem.UNEXPECTED_RESPONSE, 200, what + " on " + registry + "/" + repository + ": HTTP 200 with " + body.length
                + " bytes that are not JSON and no Content-Type (\"" + start + "\"): that is not a manifest;"
                + " check that " + registry + " is the registry's API address, not a web server or a proxy's page");
    }

    private RegistryException fail(Problem p, int status, String message) {
        return new RegistryException(p, registry, status, message);
    }

    static Optional<Duration> parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (RuntimeException notDate) {
                return Optional.empty();
            }
        }
    }

    static String oneLine(String s) {
        String t = Text.oneLine(s);
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        return cause(t, type) != null;
    }

    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
