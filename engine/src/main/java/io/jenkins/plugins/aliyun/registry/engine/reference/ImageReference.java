package io.jenkins.plugins.aliyun.registry.engine.reference;

import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A normalised image reference: {@code registry/repository[:tag][@digest]}, parsed exactly as the
 * distribution reference grammar does (the grammar docker, skopeo and jib share).
 *
 * <p>Docker Hub names are normalised to {@code docker.io}, one-component Docker Hub names get
 * {@code library/}, and a reference with neither tag nor digest gets the tag {@code latest}.
 */
public final class ImageReference {

    /** The canonical name of Docker Hub in references. */
    public static final String DOCKER_HUB = "docker.io";

    /** The tag given to a reference that names neither a tag nor a digest. */
    public static final String DEFAULT_TAG = "latest";

    static final int NAME_MAX_LENGTH = 255;

    private static final Pattern DOMAIN_COMPONENT = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?");
    private static final Pattern IPV6_HOST = Pattern.compile("\\[[0-9A-Fa-f:.]+(?:%[a-zA-Z0-9]+)?]");

    private final String registry;
    private final String repository;
    private final String tag;
    private final String digest;

    private ImageReference(String registry, String repository, String tag, String digest) {
        this.registry = registry;
        this.repository = repository;
        this.tag = tag;
        this.digest = digest;
    }

    /**
     * Parses and normalises a reference such as {@code nginx}, {@code host:5000/a/b:1.0} or
     * {@code host/a@sha256:…}.
     *
     * @throws InvalidInputException naming the part that is wrong and how to fix it
     */
    public static ImageReference parse(String text) throws InvalidInputException {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("image reference is empty: give one such as \"registry.example.com/team/app:1.0\"");
        }
        if (containsLogin(text)) {
            // Checked before any message quotes the text: it may hold a password.
            throw loginInReference();
        }
        if (!text.equals(text.strip())) {
            throw new InvalidInputException("image reference \"" + text + "\" has leading or trailing spaces: remove them");
        }
        String rest = text;
        if (rest.contains("://")) {
            throw new InvalidInputException("image reference \"" + text + "\" contains a URL scheme: write it without \""
                    + rest.substring(0, rest.indexOf("://") + 3) + "\", e.g. \"" + rest.substring(rest.indexOf("://") + 3) + "\"");
        }
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            // containsLogin let this through, so what follows the '@' looks like a digest. A ':' before
            // the '@' is a tag or a port, or a password: then quote the digest alone.
            Digests.validate(digest, rest.lastIndexOf(':', at) >= 0 ? null : text);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int lastColon = rest.lastIndexOf(':');
        if (lastColon > rest.lastIndexOf('/')) {
            tag = rest.substring(lastColon + 1);
            Tags.validate(tag);
            rest = rest.substring(0, lastColon);
        }
        if (rest.isEmpty()) {
            throw new InvalidInputException("image reference \"" + text + "\" has no repository name: write it as \"registry/namespace/name:tag\"");
        }
        String registry;
        String path;
        int slash = rest.indexOf('/');
        String first = slash < 0 ? rest : rest.substring(0, slash);
        if (slash >= 0 && looksLikeRegistry(first)) {
            registry = first;
            path = rest.substring(slash + 1);
        } else {
            registry = DOCKER_HUB;
            path = rest;
        }
        registry = normaliseRegistry(registry, text);
        if (DOCKER_HUB.equals(registry) && path.indexOf('/') < 0) {
            path = "library/" + path;
        }
        RepositoryNames.validate(path, text);
        if (tag == null && digest == null) {
            tag = DEFAULT_TAG;
        }
        ImageReference ref = new ImageReference(registry, path, tag, digest);
        int nameLength = registry.length() + 1 + path.length();
        if (nameLength > NAME_MAX_LENGTH) {
            throw new InvalidInputException("image name \"" + registry + "/" + path + "\" is " + nameLength
                    + " characters long: registry and repository together may have at most " + NAME_MAX_LENGTH + "; shorten the repository path");
        }
        return ref;
    }

    private static InvalidInputException loginInReference() {
        return new InvalidInputException("image reference contains a login before '@' (user:password@host): never put credentials into an image reference;"
                + " give them as registry credentials and write the reference as \"host/namespace/name:tag\"");
    }

    /**
     * True if {@code text} looks like it holds a login, {@code user:password@host…} or a token alone
     * ({@code token@host}), so no message may quote it: an {@code '@'} followed by anything but a
     * digest or an attempt at one (a host, a path, nothing), an {@code '@'} with a URL scheme, or more
     * than one {@code '@'} (a reference has at most one).
     */
    public static boolean containsLogin(String text) {
        int at = text.indexOf('@');
        if (at < 0) {
            return false;
        }
        if (text.indexOf('/', at) >= 0 || text.contains("://") || text.indexOf('@', at + 1) >= 0) {
            return true;
        }
        return !Digests.looksLikeDigest(text.substring(at + 1));
    }

    /**
     * A reference from its parts, each validated: {@code registry} is {@code host[:port]},
     * {@code repository} a path such as {@code team/app}, {@code tag} a valid tag.
     */
    public static ImageReference of(String registry, String repository, String tag) throws InvalidInputException {
        Objects.requireNonNull(repository, "repository");
        if (registry != null && registry.indexOf('@') >= 0) {
            throw loginInReference();
        }
        String host = normaliseRegistry(registry == null || registry.isEmpty() ? DOCKER_HUB : registry, registry);
        String path = repository;
        if (DOCKER_HUB.equals(host) && path.indexOf('/') < 0 && !path.isEmpty()) {
            path = "library/" + path;
        }
        RepositoryNames.validate(path, host + "/" + path);
        if (tag != null) {
            Tags.validate(tag);
        }
        int nameLength = host.length() + 1 + path.length();
        if (nameLength > NAME_MAX_LENGTH) {
            throw new InvalidInputException("image name \"" + host + "/" + path + "\" is " + nameLength
                    + " characters long: registry and repository together may have at most " + NAME_MAX_LENGTH + "; shorten the repository path");
        }
        return new ImageReference(host, path, tag == null ? DEFAULT_TAG : tag, null);
    }

    /** True if the first path component of an unqualified name is a registry host, as docker decides it. */
    static boolean looksLikeRegistry(String first) {
        return first.indexOf('.') >= 0 || first.indexOf(':') >= 0 || first.equals("localhost")
                || !first.equals(first.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Validates {@code host[:port]} and maps Docker Hub's aliases to {@code docker.io}.
     *
     * @param context the text the user gave, for the message
     */
    static String normaliseRegistry(String registry, String context) throws InvalidInputException {
        String host = registry;
        String port = null;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0 || !IPV6_HOST.matcher(host.substring(0, close + 1)).matches()) {
                throw new InvalidInputException("registry \"" + registry + "\" is not a valid IPv6 address in brackets, e.g. \"[::1]:5000\"");
            }
            if (close + 1 < host.length()) {
                if (host.charAt(close + 1) != ':') {
                    throw new InvalidInputException("registry \"" + registry + "\" is not valid: write it as \"[address]:port\"");
                }
                port = host.substring(close + 2);
            }
            host = host.substring(0, close + 1);
        } else {
            int colon = host.indexOf(':');
            if (colon >= 0) {
                port = host.substring(colon + 1);
                host = host.substring(0, colon);
            }
            if (host.isEmpty()) {
                throw new InvalidInputException("registry \"" + registry + "\" has no host name before the port: write it as \"host:port\"");
            }
            for (String component : host.split("\\.", -1)) {
                if (!DOMAIN_COMPONENT.matcher(component).matches()) {
                    throw new InvalidInputException("registry host \"" + host + "\" is not a valid host name"
                            + (component.isEmpty() ? " (it has an empty part between dots)" : " (part \"" + component + "\")")
                            + ": use letters, digits, '-' and '.', e.g. \"registry.cn-hangzhou.aliyuncs.com\"");
                }
            }
        }
        if (port != null) {
            Ports.validate(port, registry);
        }
        String lower = host.toLowerCase(java.util.Locale.ROOT);
        if (port == null && DockerHub.isAlias(lower)) {
            return DOCKER_HUB;
        }
        return port == null ? lower : lower + ":" + port;
    }

    /** The registry, {@code host[:port]}; {@code docker.io} for Docker Hub. */
    public String getRegistry() {
        return registry;
    }

    /** The repository path, e.g. {@code library/nginx} or {@code team/app}. */
    public String getRepository() {
        return repository;
    }

    /** The tag; absent only when the reference names a digest and no tag. */
    public Optional<String> getTag() {
        return Optional.ofNullable(tag);
    }

    /** The digest, {@code algorithm:hex}, if the reference names one. */
    public Optional<String> getDigest() {
        return Optional.ofNullable(digest);
    }

    /** True if the registry is Docker Hub. */
    public boolean isDockerHub() {
        return DOCKER_HUB.equals(registry);
    }

    /** The same image under another tag (any digest is dropped). */
    public ImageReference withTag(String newTag) throws InvalidInputException {
        Tags.validate(newTag);
        return new ImageReference(registry, repository, newTag, null);
    }

    /** The same repository pinned to a digest (the tag is kept, as docker prints it). */
    public ImageReference withDigest(String newDigest) throws InvalidInputException {
        Digests.validate(newDigest, newDigest);
        return new ImageReference(registry, repository, tag, newDigest);
    }

    /** The same image in another repository of the same registry, same tag. */
    public ImageReference withRepository(String newRepository) throws InvalidInputException {
        RepositoryNames.validate(newRepository, registry + "/" + newRepository);
        return new ImageReference(registry, newRepository, tag, digest);
    }

    /** {@code registry/repository}, without tag or digest. */
    public String getName() {
        return registry + "/" + repository;
    }

    /** The tag, or the digest when there is no tag: what a registry's manifest endpoint takes. */
    public String getTagOrDigest() {
        return tag != null ? tag : digest;
    }

    /** The fully qualified form, e.g. {@code docker.io/library/nginx:latest}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(getName());
        if (tag != null) {
            out.append(':').append(tag);
        }
        if (digest != null) {
            out.append('@').append(digest);
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImageReference that && toString().equals(that.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    static final class Ports {
        private Ports() {}

        static void validate(String port, String registry) throws InvalidInputException {
            Matcher m = Pattern.compile("[0-9]{1,5}").matcher(port);
            if (!m.matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw new InvalidInputException("registry \"" + registry + "\" has port \"" + port
                        + "\": a port is a number from 1 to 65535, e.g. \"nexus.example.com:8082\"");
            }
        }
    }
}
