package io.jenkins.plugins.aliyun.registry.engine.push;

import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.auth.RegistryCredentials;
import io.jenkins.plugins.aliyun.registry.engine.registry.RegistryEndpoint;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP proxy that registry connections go through with {@code CONNECT} (for HTTPS and, for
 * insecure registries, plain HTTP alike), optionally with Basic proxy credentials. {@link #toString()}
 * never shows the password.
 */
public final class HttpProxy {

    private final String host;
    private final int port;
    private final RegistryCredentials credentials;

    private HttpProxy(String host, int port, RegistryCredentials credentials) {
        this.host = host;
        this.port = port;
        this.credentials = credentials;
    }

    /** A proxy at {@code host:port} without credentials. */
    public static HttpProxy of(String host, int port) throws InvalidInputException {
        if (host == null || host.isBlank() || host.contains("/") || host.contains("@")) {
            throw new InvalidInputException("proxy host \"" + (host == null ? "" : host.replaceAll(".*@", "")) + "\" is not valid: give a host name, e.g. proxy.example.com");
        }
        if (port < 1 || port > 65535) {
            throw new InvalidInputException("proxy port " + port + " is not valid: a port is a number from 1 to 65535, e.g. 3128");
        }
        return new HttpProxy(host, port, null);
    }

    /** The same proxy, logging in with Basic credentials. */
    public HttpProxy withCredentials(RegistryCredentials proxyCredentials) {
        return new HttpProxy(host, port, proxyCredentials);
    }

    /**
     * The proxy the usual environment variables choose for a registry, as curl and Go programs
     * (docker, skopeo) read them: {@code https_proxy}/{@code HTTPS_PROXY} for HTTPS registries,
     * {@code http_proxy}/{@code HTTP_PROXY} for plain-HTTP ones, none if {@code no_proxy}/
     * {@code NO_PROXY} lists the host (exact, as a domain suffix, {@code .suffix}, with a port, as an
     * address range such as {@code 10.0.0.0/8}, or {@code *}), and never for {@code localhost} or a
     * loopback address (see {@link #bypassed}). The caller passes the environment (a build's, or the
     * process's).
     *
     * @param registry {@code host[:port]}
     * @throws InvalidInputException if the chosen variable is not an {@code http://host:port} URL
     */
    public static Optional<HttpProxy> fromEnvironment(Map<String, String> environment, String registry, boolean https)
            throws InvalidInputException {
        String name = https ? "https_proxy" : "http_proxy";
        String value = variable(environment, name);
        if (value == null || value.isBlank() || bypassed(variable(environment, "no_proxy"), registry)) {
            return Optional.empty();
        }
        return Optional.of(parse(value.strip(), name.toUpperCase(Locale.ROOT)));
    }

    /**
     * The proxy for a registry as a push reaches it: {@code HTTPS_PROXY}, and for a registry marked
     * insecure (which may answer plain HTTP) {@code HTTP_PROXY} when there is no {@code HTTPS_PROXY};
     * none if {@code NO_PROXY} lists it.
     *
     * @throws InvalidInputException if the chosen variable is not an {@code http://host:port} URL
     */
    public static Optional<HttpProxy> forRegistry(Map<String, String> environment, String registry, boolean insecure)
            throws InvalidInputException {
        Optional<HttpProxy> proxy = fromEnvironment(environment, registry, true);
        return proxy.isEmpty() && insecure ? fromEnvironment(environment, registry, false) : proxy;
    }

    private static String variable(Map<String, String> environment, String lowerName) {
        String lower = environment.get(lowerName);
        return lower != null ? lower : environment.get(lowerName.toUpperCase(Locale.ROOT));
    }

    /**
     * True if {@code registry} ({@code host[:port]}) is reached directly, as Go programs decide it:
     * always for {@code localhost} and loopback addresses (127.0.0.0/8, ::1), which a proxy would
     * take for its own; else if {@code noProxy} lists it exactly (with or without the port), as a
     * domain suffix ({@code example.com}, {@code .example.com}, {@code *.example.com}), as an
     * address range ({@code 10.0.0.0/8}, {@code fd00::/8}: for a host given as an address, never
     * looked up), or is {@code *}.
     */
    static boolean bypassed(String noProxy, String registry) {
        String hostPort = registry.toLowerCase(Locale.ROOT);
        String host = RegistryEndpoint.hostname(hostPort);
        byte[] address = ServerIdentity.literalAddress(host);
        if (host.equals("localhost") || address != null && isLoopback(address)) {
            return true;
        }
        if (noProxy == null || noProxy.isBlank()) {
            return false;
        }
        for (String entry : noProxy.toLowerCase(Locale.ROOT).split("[,\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*") || entry.equals(hostPort) || entry.equals(host)) {
                return true;
            }
            if (entry.indexOf('/') >= 0) {
                if (address != null && inRange(address, entry)) {
                    return true;
                }
                continue;
            }
            byte[] entryAddress = ServerIdentity.literalAddress(entry);
            if (entryAddress != null) {
                // an address matches only itself, however it is written (e.g. ::1 and [::1])
                if (address != null && Arrays.equals(address, entryAddress)) {
                    return true;
                }
                continue;
            }
            String suffix = entry.startsWith("*.") ? entry.substring(1) : entry.startsWith(".") ? entry : "." + entry;
            if (host.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLoopback(byte[] address) {
        if (address.length == 4) {
            return address[0] == 127;
        }
        for (int i = 0; i < 15; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[15] == 1;
    }

    /** True if {@code address} is in {@code cidr} (e.g. {@code 10.0.0.0/8}); false for a range that is not valid. */
    private static boolean inRange(byte[] address, String cidr) {
        int slash = cidr.indexOf('/');
        byte[] network = ServerIdentity.literalAddress(cidr.substring(0, slash));
        int bits;
        try {
            bits = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        if (network == null || network.length != address.length || bits < 0 || bits > 8 * address.length) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((network[i / 8] & mask) != (address[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    static HttpProxy parse(String value, String variable) throws InvalidInputException {
        String text = value.contains("://") ? value : "http://" + value;
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidInputException(variable + " is not a proxy URL: write it as http://host:port (or http://user:password@host:port)");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw new InvalidInputException(variable + " uses " + uri.getScheme() + "://, which is not supported: use an http:// proxy (it tunnels HTTPS with CONNECT)");
        }
        if (uri.getHost() == null) {
            throw new InvalidInputException(variable + " has no proxy host: write it as http://host:port");
        }
        HttpProxy proxy = of(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 80);
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            String user = URLDecoder.decode(colon < 0 ? userInfo : userInfo.substring(0, colon), StandardCharsets.UTF_8);
            String pass = colon < 0 ? "" : URLDecoder.decode(userInfo.substring(colon + 1), StandardCharsets.UTF_8);
            if (pass.isEmpty()) {
                throw new InvalidInputException(variable + " names proxy user \"" + user + "\" without a password: write it as http://user:password@host:port");
            }
            proxy = proxy.withCredentials(RegistryCredentials.of(user, pass));
        }
        return proxy;
    }

    public String getHost() {
        return host;
    }

    public int getPort() {
        return port;
    }

    public Optional<RegistryCredentials> getCredentials() {
        return Optional.ofNullable(credentials);
    }

    /** {@code host:port}, with the proxy user if any; never the password. */
    @Override
    public String toString() {
        return (credentials == null ? "" : credentials.getUsername() + "@") + host + ":" + port;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpProxy that && host.equals(that.host) && port == that.port && Objects.equals(credentials, that.credentials);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, credentials);
    }
}
