package io.jenkins.plugins.aliyun.registry.engine.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.json.JsonValue;
import io.jenkins.plugins.aliyun.registry.engine.json.MalformedJsonException;
import io.jenkins.plugins.aliyun.registry.engine.reference.DockerHub;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A docker {@code config.json}: {@code {"auths":{"<key>":{"auth":"<base64(user:password)>"}}}} for
 * one or more registries. Keys are the bare {@code host[:port]}, or {@code https://index.docker.io/v1/}
 * for Docker Hub, as docker, Kaniko, skopeo and jib look them up. Fields of an existing file that
 * this class does not manage (e.g. {@code credHelpers}, {@code proxies}, an entry's
 * {@code identitytoken}, the empty entries of a {@code credsStore}) are kept when it is merged.
 *
 * <p>Immutable. {@link #toString()} never shows a secret.
 */
public final class DockerConfig {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Only for writing: an ObjectMapper costs ~60 ms of class loading, which reading (every push) does without. */
    private static final class Writer {
        static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private static final List<String> MANAGED_FIELDS = List.of("auth", "username", "password");

    private final Map<String, RegistryCredentials> auths;
    /**
     * Per key, what an {@code auths} entry read from a file holds beyond the fields this class
     * manages ({@code identitytoken}, {@code email}, …), or the whole entry when it gave no
     * credentials (e.g. the empty entries docker leaves beside a {@code credsStore}). Kept so that
     * merging into an existing file never drops someone else's login.
     */
    private final Map<String, ObjectNode> unmanaged;
    private final ObjectNode other;

    private DockerConfig(Map<String, RegistryCredentials> auths, Map<String, ObjectNode> unmanaged, ObjectNode other) {
        this.auths = Collections.unmodifiableMap(new TreeMap<>(auths));
        this.unmanaged = Collections.unmodifiableMap(new TreeMap<>(unmanaged));
        this.other = other;
    }

    /** A config with no registry. */
    public static DockerConfig empty() {
        return new DockerConfig(Map.of(), Map.of(), NODES.objectNode());
    }

    /** A config with one registry. */
    public static DockerConfig of(String registry, RegistryCredentials credentials) {
        return empty().with(registry, credentials);
    }

    /**
     * The key docker uses for a registry: {@code https://index.docker.io/v1/} for Docker Hub (any
     * of its names), otherwise the bare {@code host[:port]} with any scheme or path removed.
     */
    public static String keyFor(String registry) {
        String host = registry.strip();
        int scheme = host.indexOf("://");
        if (scheme >= 0) {
            host = host.substring(scheme + 3);
        }
        int slash = host.indexOf('/');
        if (slash >= 0) {
            host = host.substring(0, slash);
        }
        host = host.toLowerCase(Locale.ROOT);
        return DockerHub.isAlias(host) ? DockerHub.CONFIG_KEY : host;
    }

    /** This config with {@code registry}'s entry set (replacing any entry for the same registry). */
    public DockerConfig with(String registry, RegistryCredentials credentials) {
        String key = keyFor(registry);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("a registry host is needed for a docker config entry");
        }
        Map<String, RegistryCredentials> copy = new TreeMap<>(auths);
        copy.put(key, credentials);
        Map<String, ObjectNode> unmanagedCopy = new TreeMap<>(unmanaged);
        unmanagedCopy.remove(key);
        return new DockerConfig(copy, unmanagedCopy, other);
    }

    /** This config with every entry of {@code newer} added; {@code newer} wins where both have a registry. */
    public DockerConfig merge(DockerConfig newer) {
        Map<String, RegistryCredentials> copy = new TreeMap<>(auths);
        Map<String, ObjectNode> unmanagedCopy = new TreeMap<>(unmanaged);
        // newer's entry replaces ours as a whole: credentials and unmanaged fields alike
        for (String key : newer.entryKeys()) {
            copy.remove(key);
            unmanagedCopy.remove(key);
        }
        copy.putAll(newer.auths);
        unmanagedCopy.putAll(newer.unmanaged);
        ObjectNode merged = other.deepCopy();
        merged.setAll(newer.other.deepCopy());
        return new DockerConfig(copy, unmanagedCopy, merged);
    }

    /** Every key with an entry, with credentials or not, sorted. */
    private Set<String> entryKeys() {
        Set<String> keys = new TreeSet<>(auths.keySet());
        keys.addAll(unmanaged.keySet());
        return keys;
    }

    /** The keys of the registries this config has credentials for, sorted. */
    public Iterable<String> getRegistryKeys() {
        return auths.keySet();
    }

    /** How many registries have credentials. */
    public int size() {
        return auths.size();
    }

    /** The credentials for a registry host, matched as docker matches keys. */
    public Optional<RegistryCredentials> credentialsFor(String registry) {
        return Optional.ofNullable(auths.get(keyFor(registry)));
    }

    /** The credential helper this config names for a registry ({@code credHelpers} or {@code credsStore}), if any. */
    public Optional<String> credentialHelperFor(String registry) {
        JsonNode helpers = other.get("credHelpers");
        String key = keyFor(registry);
        if (helpers != null && helpers.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = helpers.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (keyFor(e.getKey()).equals(key) && e.getValue().isTextual()) {
                    return Optional.of(e.getValue().asText());
                }
            }
        }
        JsonNode store = other.get("credsStore");
        return store != null && store.isTextual() && !store.asText().isEmpty() ? Optional.of(store.asText()) : Optional.empty();
    }

    /** Every credential helper this config names ({@code credsStore}, then {@code credHelpers}), without repeats. */
    public List<String> credentialHelperNames() {
        Set<String> names = new LinkedHashSet<>();
        JsonNode store = other.get("credsStore");
        if (store != null && store.isTextual() && !store.asText().isEmpty()) {
            names.add(store.asText());
        }
        JsonNode helpers = other.get("credHelpers");
        if (helpers != null && helpers.isObject()) {
            helpers.elements().forEachRemaining(h -> {
                if (h.isTextual() && !h.asText().isEmpty()) {
                    names.add(h.asText());
                }
            });
        }
        return List.copyOf(names);
    }

    /**
     * The file content docker and Kaniko read: {@code auths} with an {@code auth} field per registry,
     * plus any unmanaged fields of a file this config was read from.
     */
    public String toJson() {
        ObjectNode root = other.deepCopy();
        ObjectNode authsNode = root.putObject("auths");
        for (String key : entryKeys()) {
            ObjectNode entry = unmanaged.containsKey(key) ? unmanaged.get(key).deepCopy() : NODES.objectNode();
            RegistryCredentials credentials = auths.get(key);
            if (credentials != null) {
                entry.put("auth", credentials.auth());
            }
            authsNode.set(key, entry);
        }
        try {
            return Writer.JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write docker config JSON", e);
        }
    }

    /**
     * The {@code .dockerconfigjson} content exactly as {@code kubectl create secret docker-registry}
     * writes it: compact, with {@code username}, {@code password} and {@code auth} per registry.
     */
    public String toKubernetesJson() {
        StringBuilder out = new StringBuilder("{\"auths\":{");
        boolean first = true;
        for (Map.Entry<String, RegistryCredentials> e : auths.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            RegistryCredentials c = e.getValue();
            GoJson.string(out, e.getKey()).append(":{\"username\":");
            GoJson.string(out, c.getUsername()).append(",\"password\":");
            GoJson.string(out, c.getPassword()).append(",\"auth\":");
            GoJson.string(out, c.auth()).append('}');
        }
        return out.append("}}").toString();
    }

    /**
     * Parses a {@code config.json}. Entries with an {@code auth} field are decoded (split at the
     * first ':'); entries with only {@code username}/{@code password} are taken as they are.
     *
     * @param source where the text came from, for messages
     * @throws InvalidInputException if the text is not a valid docker config
     */
    public static DockerConfig parse(String text, String source) throws InvalidInputException {
        JsonNode root = null;
        if (!text.isBlank()) {
            try {
                root = node(JsonValue.parse(text));
            } catch (MalformedJsonException e) {
                throw new InvalidInputException("docker config " + source + " is not valid JSON (line "
                        + e.getLine() + "): fix or remove the file");
            }
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("docker config " + source + " is not a JSON object: it should look like {\"auths\":{...}}");
        }
        ObjectNode other = ((ObjectNode) root).deepCopy();
        JsonNode authsNode = other.remove("auths");
        Map<String, RegistryCredentials> auths = new TreeMap<>();
        Map<String, ObjectNode> unmanaged = new TreeMap<>();
        if (authsNode != null && !authsNode.isNull()) {
            if (!authsNode.isObject()) {
                throw new InvalidInputException("docker config " + source + ": \"auths\" is not an object: it should look like {\"auths\":{\"host\":{\"auth\":\"...\"}}}");
            }
            Iterator<Map.Entry<String, JsonNode>> it = authsNode.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                RegistryCredentials c = entry(e.getKey(), e.getValue(), source);
                String key = keyFor(e.getKey());
                ObjectNode rest = ((ObjectNode) e.getValue()).deepCopy();
                if (c != null) {
                    auths.put(key, c);
                    rest.remove(MANAGED_FIELDS);
                } else {
                    auths.remove(key);
                }
                if (c == null || !rest.isEmpty()) {
                    unmanaged.put(key, rest);
                } else {
                    unmanaged.remove(key);
                }
            }
        }
        return new DockerConfig(auths, unmanaged, other);
    }

    /** The same tree as Jackson's {@code readTree} gives (int/long/BigInteger/double nodes alike), without an ObjectMapper. */
    private static JsonNode node(JsonValue v) {
        if (v.isObject()) {
            ObjectNode o = NODES.objectNode();
            v.members().forEach((k, m) -> o.set(k, node(m)));
            return o;
        }
        if (v.isArray()) {
            ArrayNode a = NODES.arrayNode();
            v.elements().forEach(e -> a.add(node(e)));
            return a;
        }
        if (v.isString()) {
            return NODES.textNode(v.text(""));
        }
        Number n = v.numberValue();
        if (n instanceof Long l) {
            return l == l.intValue() ? NODES.numberNode(l.intValue()) : NODES.numberNode(l);
        }
        if (n instanceof java.math.BigInteger b) {
            return NODES.numberNode(b);
        }
        if (n != null) {
            return NODES.numberNode(n.doubleValue());
        }
        return v.isNull() ? NODES.nullNode() : NODES.booleanNode(v.booleanValue(false));
    }

    private static RegistryCredentials entry(String key, JsonNode node, String source) throws InvalidInputException {
        if (!node.isObject()) {
            throw new InvalidInputException("docker config " + source + ": the entry for \"" + key + "\" is not an object");
        }
        JsonNode auth = node.get("auth");
        if (auth != null && auth.isTextual() && !auth.asText().isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.asText().strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("docker config " + source + ": the \"auth\" of \"" + key
                        + "\" is not base64: write it as base64 of \"username:password\" (printf '%s' 'user:pass' | base64 -w0)");
            }
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw new InvalidInputException("docker config " + source + ": the \"auth\" of \"" + key
                        + "\" does not decode to \"username:password\": write it as base64 of \"username:password\"");
            }
            return RegistryCredentials.unchecked(decoded.substring(0, colon), decoded.substring(colon + 1));
        }
        JsonNode user = node.get("username");
        JsonNode pass = node.get("password");
        if (user != null && pass != null && user.isTextual() && pass.isTextual() && !user.asText().isEmpty()) {
            return RegistryCredentials.unchecked(user.asText(), pass.asText());
        }
        return null;
    }

    /**
     * Reads a {@code config.json}; a missing file gives an empty config.
     *
     * @throws InvalidInputException if the file exists but is not a valid docker config
     * @throws IOException if it cannot be read
     */
    public static DockerConfig read(Path file) throws InvalidInputException, IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            return empty();
        }
    }

    /**
     * Writes this config to {@code file}: the file is created owner-only (0600) and replaced
     * atomically, so no reader ever sees half a file; a missing parent directory is created 0700.
     */
    public void writeTo(Path file) throws IOException {
        PrivateFiles.writeAtomically(file, toJson().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes this config as {@code config.json} into a new private directory below {@code parent};
     * closing the result deletes both. Point {@code DOCKER_CONFIG} at {@link TemporaryDockerConfig#directory()}.
     */
    public TemporaryDockerConfig writeTemporary(Path parent) throws IOException {
        return TemporaryDockerConfig.create(parent, toJson().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Every string that would reveal a password of this config if it showed up in a log: each
     * password, each {@code auth} value ({@code base64(user:password)}), the Kubernetes
     * {@code .dockerconfigjson} text and its base64 form (the Secret's data). Callers mask these.
     */
    public Set<String> secretValues() {
        Set<String> values = new LinkedHashSet<>();
        for (RegistryCredentials c : auths.values()) {
            values.add(c.getPassword());
            values.add(c.auth());
        }
        if (!auths.isEmpty()) {
            String kubernetes = toKubernetesJson();
            values.add(kubernetes);
            values.add(Base64.getEncoder().encodeToString(kubernetes.getBytes(StandardCharsets.UTF_8)));
        }
        return Collections.unmodifiableSet(values);
    }

    /** The registries and usernames, never a password. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("DockerConfig");
        out.append(auths.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().getUsername()).toList());
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DockerConfig that && auths.equals(that.auths) && unmanaged.equals(that.unmanaged) && other.equals(that.other);
    }

    @Override
    public int hashCode() {
        return auths.hashCode();
    }
}
