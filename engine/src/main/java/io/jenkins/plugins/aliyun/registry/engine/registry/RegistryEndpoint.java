package io.jenkins.plugins.aliyun.registry.engine.registry;

import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.reference.DockerHub;
import io.jenkins.plugins.aliyun.registry.engine.reference.ImageReference;
import io.jenkins.plugins.aliyun.registry.engine.reference.RepositoryNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry as the user names it: {@code host[:port]}, optionally followed by a namespace path
 * ({@code host/namespace}, the {@code build.sh} convention), classified into a {@link RegistryKind}
 * with its region and public/VPC form for ACR hosts.
 */
public final class RegistryEndpoint {

    private static final String REGION = "([a-z]+(?:-[a-z0-9]+)+)";
    private static final Pattern ACR_PERSONAL = Pattern.compile("crpi-([a-z0-9]+)(-vpc)?\\." + REGION + "\\.personal\\.cr\\.aliyuncs\\.com");
    private static final Pattern ACR_ENTERPRISE = Pattern.compile("([a-z0-9][a-z0-9-]{1,28}[a-z0-9])-registry(-vpc)?\\." + REGION + "\\.cr\\.aliyuncs\\.com");
    private static final Pattern ACR_LEGACY = Pattern.compile("registry(-intl)?(-vpc)?\\." + REGION + "\\.aliyuncs\\.com");

    private final String host;
    private final RegistryKind kind;
    private final String region;
    private final boolean vpc;
    private final boolean intl;
    private final String instance;
    private final String namespace;
    private final List<String> warnings;

    private RegistryEndpoint(String host, RegistryKind kind, String region, boolean vpc, boolean intl,
            String instance, String namespace, List<String> warnings) {
        this.host = host;
        this.kind = kind;
        this.region = region;
        this.vpc = vpc;
        this.intl = intl;
        this.instance = instance;
        this.namespace = namespace;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Parses {@code host[:port][/namespace]}. A leading {@code https://} is accepted and dropped
     * (with a warning); {@code http://} is refused, since plain HTTP is an explicit choice.
     *
     * @throws InvalidInputException if the host cannot be a registry, or looks like an ACR host but
     *     matches none of ACR's endpoint forms
     */
    public static RegistryEndpoint parse(String text) throws InvalidInputException {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("registry is empty: give a host such as \"crpi-xxxx.cn-hangzhou.personal.cr.aliyuncs.com\" or \"nexus.example.com:8082\"");
        }
        List<String> warnings = new ArrayList<>();
        String rest = text.strip();
        if (rest.indexOf('@') >= 0) {
            // No part of host[:port]/namespace may hold '@'; it is user:password@host, so never echo the text.
            throw new InvalidInputException("registry contains '@' (credentials such as user:password@host?): give the host only, e.g. \"registry.example.com\", and the username and password separately");
        }
        String lowerRest = rest.toLowerCase(Locale.ROOT);
        if (lowerRest.startsWith("http://")) {
            throw new InvalidInputException("registry \"" + text + "\" starts with http://: give the host without a scheme (\""
                    + rest.substring(7).replaceAll("/+$", "") + "\") and mark the registry insecure to use plain HTTP");
        }
        if (lowerRest.startsWith("https://")) {
            rest = rest.substring(8);
            warnings.add("registry \"" + text + "\": the https:// prefix was dropped; registries are named by host only");
            // A URL such as https://index.docker.io/v1/ (docker's key for Docker Hub) ends in an API version, not a namespace.
            rest = rest.replaceFirst("(?i)^([^/]+)/v[12]/*$", "$1");
        } else if (lowerRest.contains("://")) {
            throw new InvalidInputException("registry \"" + text + "\" has a URL scheme: give the host only, e.g. \"registry.example.com\"");
        }
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String namespace = null;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            namespace = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
            RepositoryNames.validateNamespace(namespace);
        }
        String hostPort = normaliseHost(rest, text);
        if (hostPort.equals(ImageReference.DOCKER_HUB)) {
            return new RegistryEndpoint(hostPort, RegistryKind.DOCKER_HUB, null, false, false, null, namespace, warnings);
        }
        String bareHost = hostname(hostPort);
        boolean hasPort = !bareHost.equals(hostPort);
        Matcher m;
        if ((m = ACR_PERSONAL.matcher(bareHost)).matches() && !hasPort) {
            return new RegistryEndpoint(hostPort, RegistryKind.ACR_PERSONAL, m.group(3), m.group(2) != null, false,
                    "crpi-" + m.group(1), namespace, warnings);
        }
        if ((m = ACR_ENTERPRISE.matcher(bareHost)).matches() && !hasPort) {
            return new RegistryEndpoint(hostPort, RegistryKind.ACR_ENTERPRISE, m.group(3), m.group(2) != null, false,
                    m.group(1), namespace, warnings);
        }
        if ((m = ACR_LEGACY.matcher(bareHost)).matches() && !hasPort) {
            warnings.add(legacyWarning(m.group(3)));
            return new RegistryEndpoint(hostPort, RegistryKind.ACR_LEGACY, m.group(3), m.group(2) != null, m.group(1) != null,
                    null, namespace, warnings);
        }
        if (bareHost.endsWith(".cr.aliyuncs.com") || bareHost.startsWith("registry") && bareHost.endsWith(".aliyuncs.com")
                || bareHost.startsWith("crpi-") && bareHost.endsWith(".aliyuncs.com")) {
            throw new InvalidInputException("registry \"" + hostPort + "\" looks like Alibaba Cloud Container Registry but matches none of its endpoints: "
                    + "copy the domain from the ACR console (Instance > Access Credentials); personal instances are "
                    + "crpi-<id>.<region>.personal.cr.aliyuncs.com, enterprise <instance>-registry.<region>.cr.aliyuncs.com, "
                    + "the default instance registry.<region>.aliyuncs.com");
        }
        if (bareHost.endsWith(".aliyuncs.com")) {
            warnings.add("registry \"" + hostPort + "\" is an aliyuncs.com host but not a Container Registry endpoint; check the domain in the ACR console");
        }
        return new RegistryEndpoint(hostPort, RegistryKind.GENERIC, null, false, false, null, namespace, warnings);
    }

    private static String normaliseHost(String hostPort, String text) throws InvalidInputException {
        if (hostPort.isEmpty()) {
            throw new InvalidInputException("registry \"" + text + "\" has no host: give one such as \"registry.example.com\"");
        }
        // Reuse the reference grammar for host[:port] so both agree on what a registry is.
        return ImageReference.of(hostPort, "x", null).getRegistry();
    }

    private static String legacyWarning(String region) {
        return "registry.<region>.aliyuncs.com is the ACR default instance: a personal instance created since 2024-09 must use its own domain "
                + "crpi-<id>." + region + ".personal.cr.aliyuncs.com, or pushes fail with \"denied: requested access to the resource is denied\"; "
                + "copy the domain from the ACR console (Instance > Access Credentials)";
    }

    /** The host as it appears in references and in {@code config.json}: {@code host[:port]}. */
    public String getHost() {
        return host;
    }

    /** The host without the port: {@link #hostname(String)} of {@link #getHost()}. */
    public String getHostname() {
        return hostname(host);
    }

    /**
     * The host name of {@code host[:port]}, without the port: {@code nexus.example.com} of
     * {@code nexus.example.com:8082}, {@code [::1]} of {@code [::1]:5000}. An IPv6 address keeps its
     * brackets, as {@link java.net.URI#getHost()} gives it; one without brackets (so without a port)
     * is returned whole.
     */
    public static String hostname(String hostAndPort) {
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            return close < 0 ? hostAndPort : hostAndPort.substring(0, close + 1);
        }
        int colon = hostAndPort.indexOf(':');
        return colon < 0 || hostAndPort.indexOf(':', colon + 1) >= 0 ? hostAndPort : hostAndPort.substring(0, colon);
    }

    /** What the host is. */
    public RegistryKind getKind() {
        return kind;
    }

    /** The ACR region, e.g. {@code cn-hangzhou}. */
    public Optional<String> getRegion() {
        return Optional.ofNullable(region);
    }

    /** True for an ACR VPC endpoint (reachable only from inside Alibaba Cloud VPCs of its region). */
    public boolean isVpc() {
        return vpc;
    }

    /** True for the international legacy domain {@code registry-intl…}. */
    public boolean isIntl() {
        return intl;
    }

    /** The ACR instance: the enterprise instance name, or {@code crpi-<id>} for a personal instance. */
    public Optional<String> getInstance() {
        return Optional.ofNullable(instance);
    }

    /** The namespace given after the host ({@code host/namespace}), if any. */
    public Optional<String> getNamespace() {
        return Optional.ofNullable(namespace);
    }

    /** Things that are allowed but probably wrong, each with its fix. */
    public List<String> getWarnings() {
        return warnings;
    }

    /** The key for this registry in a docker {@code config.json}. */
    public String getConfigKey() {
        return kind == RegistryKind.DOCKER_HUB ? DockerHub.CONFIG_KEY : host;
    }

    /**
     * The same registry through its VPC endpoint ({@code true}) or its public one ({@code false}).
     *
     * @throws InvalidInputException for a registry that is not ACR (only ACR has VPC endpoints)
     */
    public RegistryEndpoint withVpc(boolean wantVpc) throws InvalidInputException {
        if (wantVpc == vpc) {
            return this;
        }
        if (!kind.isAcr()) {
            throw new InvalidInputException("registry \"" + host + "\" is " + kind.id()
                    + ": only Alibaba Cloud Container Registry has VPC endpoints; turn the VPC option off for this registry");
        }
        String newHost;
        switch (kind) {
            case ACR_PERSONAL -> newHost = instance + (wantVpc ? "-vpc" : "") + "." + region + ".personal.cr.aliyuncs.com";
            case ACR_ENTERPRISE -> newHost = instance + "-registry" + (wantVpc ? "-vpc" : "") + "." + region + ".cr.aliyuncs.com";
            default -> newHost = "registry" + (intl ? "-intl" : "") + (wantVpc ? "-vpc" : "") + "." + region + ".aliyuncs.com";
        }
        return new RegistryEndpoint(newHost, kind, region, wantVpc, intl, instance, namespace, warnings);
    }

    /** The same endpoint with the namespace replaced (or removed with {@code null}). */
    public RegistryEndpoint withNamespace(String newNamespace) throws InvalidInputException {
        if (newNamespace != null) {
            RepositoryNames.validateNamespace(newNamespace);
        }
        return new RegistryEndpoint(host, kind, region, vpc, intl, instance, newNamespace, warnings);
    }

    /**
     * Checks a full repository path (namespace included) against this kind's rules: ACR needs a
     * namespace; personal and default instances take exactly {@code namespace/name}; Docker Hub
     * pushes need the account as namespace.
     */
    public void checkRepository(String repository) throws InvalidInputException {
        RepositoryNames.validate(repository, host + "/" + repository);
        int levels = repository.split("/").length;
        if (kind.isAcr() && levels < 2) {
            throw new InvalidInputException("repository \"" + repository + "\" has no namespace: ACR repositories live in a namespace, write \"<namespace>/"
                    + repository + "\" (set the namespace, or give the registry as \"" + host + "/<namespace>\")");
        }
        if ((kind == RegistryKind.ACR_PERSONAL || kind == RegistryKind.ACR_LEGACY) && levels > 2) {
            String[] parts = repository.split("/", 2);
            throw new InvalidInputException("repository \"" + repository + "\" has " + levels
                    + " levels, but ACR personal and default instances accept only \"<namespace>/<name>\": use e.g. \""
                    + parts[0] + "/" + parts[1].replace('/', '-') + "\" (multi-level names need an enterprise instance)");
        }
        if (kind == RegistryKind.DOCKER_HUB && (levels < 2 || repository.startsWith("library/"))) {
            String name = repository.substring(repository.lastIndexOf('/') + 1);
            throw new InvalidInputException("repository \"" + repository + "\" on Docker Hub would be an official library image, which you cannot push: "
                    + "write \"<your Docker Hub account>/" + name + "\"");
        }
    }

    /** The host. */
    @Override
    public String toString() {
        return host;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegistryEndpoint that && host.equals(that.host) && Objects.equals(namespace, that.namespace);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, namespace);
    }
}
