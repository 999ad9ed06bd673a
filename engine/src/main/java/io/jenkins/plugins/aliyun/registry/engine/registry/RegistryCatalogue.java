package io.jenkins.plugins.aliyun.registry.engine.registry;

import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Named registries an administrator defined (the Jenkins catalogue), and how a step's
 * {@code registry:} argument is resolved against them: nothing given means the only entry; a value
 * with a {@code .}, {@code :} or {@code /} is a host ({@code host[:port][/namespace]}), which takes
 * the settings of the entry for the same host if there is one; anything else is a name. A name that
 * does contain one of those (the form refuses it; configuration as code does not check) still
 * finds its entry when no entry is for such a host.
 */
public final class RegistryCatalogue {

    /** One entry; {@code host} as the administrator typed it, optional parts null. */
    public record Entry(String name, String host, String namespace, String credentialsId, boolean vpc, boolean insecure,
            String caCertificate) {}

    /**
     * What a step's arguments resolve to: the registry as the engine takes it
     * ({@code host[:port][/namespace]}) and the settings that apply; optional parts null.
     */
    public record Resolved(String registry, String credentialsId, String namespace, boolean vpc, boolean insecure,
            String caCertificate) {}

    private final List<Entry> entries;
    private final String where;

    /**
     * @param entries the entries, in the administrator's order
     * @param where where the user edits them, for messages, e.g. "Manage Jenkins » System » Aliyun Container Registry"
     */
    public RegistryCatalogue(List<Entry> entries, String where) {
        this.entries = List.copyOf(entries);
        this.where = Objects.requireNonNull(where, "where");
    }

    /** True if {@code value} can only be a host: names never contain {@code .}, {@code :} or {@code /}. */
    public static boolean looksLikeHost(String value) {
        return value.contains(".") || value.contains(":") || value.contains("/");
    }

    public List<Entry> entries() {
        return entries;
    }

    /**
     * The entry named {@code name}; empty if none.
     *
     * @throws InvalidInputException if two entries carry that name (which one was meant is unknown)
     */
    public Optional<Entry> byName(String name) throws InvalidInputException {
        List<Entry> named = entries.stream().filter(e -> name.equals(e.name())).toList();
        if (named.size() > 1) {
            throw new InvalidInputException(named.size() + " registries are named \"" + name + "\" in " + where
                    + ": rename all but one, so that steps can tell them apart");
        }
        return named.stream().findFirst();
    }

    /** The first entry for the same host and port as {@code registry}, compared as {@link RegistryEndpoint} normalises hosts. */
    public Optional<Entry> byHost(String registry) {
        String host = hostOf(registry);
        if (host == null) {
            return Optional.empty();
        }
        return entries.stream().filter(e -> e.host() != null && host.equals(hostOf(e.host()))).findFirst();
    }

    private static String hostOf(String registry) {
        try {
            return RegistryEndpoint.parse(registry).getHost();
        } catch (InvalidInputException e) {
            return null;
        }
    }

    /**
     * Resolves a step's registry arguments. A host keeps its own namespace if it has one; otherwise
     * {@code namespace}, then the entry's, applies. {@code credentialsId} wins over the entry's.
     *
     * @param registry a name, a host, or null (or blank) for the only entry
     * @throws InvalidInputException if nothing is given and there is not exactly one entry, or the
     *     name is unknown while entries exist (with an empty catalogue a bare word is left to the
     *     engine to judge as a host)
     */
    public Resolved resolve(String registry, String credentialsId, String namespace) throws InvalidInputException {
        String given = blankToNull(registry);
        String id = blankToNull(credentialsId);
        String ns = blankToNull(namespace);
        Entry entry;
        if (given == null) {
            if (entries.size() != 1) {
                throw new InvalidInputException("No registry given: pass registry (a name from the catalogue or a host), or define"
                        + " exactly one registry in " + where + ".");
            }
            entry = entries.get(0);
        } else if (!looksLikeHost(given)) {
            entry = byName(given).orElse(null);
            if (entry == null && !entries.isEmpty()) {
                throw new InvalidInputException("There is no registry named \"" + given + "\" in " + where + "; known: " + names()
                        + ". Give one of those names or a host such as crpi-xxxx.cn-hangzhou.personal.cr.aliyuncs.com.");
            }
        } else {
            entry = byHost(given).orElse(null);
            if (entry == null) {
                // A name with a dot, colon or slash cannot be typed in the form, but configuration as
                // code or an old config.xml can hold one: taken as a host, it would send the push to a
                // machine of that name. No entry is for that host, so the entry of that name is meant.
                Entry named = byName(given).orElse(null);
                if (named != null) {
                    return entryAsNamed(named, id, ns);
                }
            }
        }
        if (entry == null) {
            return new Resolved(given, id, ns, false, false, null);
        }
        if (given == null || !looksLikeHost(given)) {
            return entryAsNamed(entry, id, ns);
        }
        return new Resolved(given, id != null ? id : entry.credentialsId(), ns != null || given.contains("/") ? ns : entry.namespace(),
                entry.vpc(), entry.insecure(), entry.caCertificate());
    }

    private static Resolved entryAsNamed(Entry entry, String id, String ns) {
        return new Resolved(entry.host(), id != null ? id : entry.credentialsId(), ns != null ? ns : entry.namespace(), entry.vpc(),
                entry.insecure(), entry.caCertificate());
    }

    /**
     * The settings for a registry known by its host only, such as the registry of a
     * {@code docker://} source: never read as a name, even when it has no dot, colon or slash
     * ({@code localhost}); the entry for the same host gives its settings, {@code credentialsId} wins.
     */
    public Resolved resolveHost(String host, String credentialsId) {
        String id = blankToNull(credentialsId);
        Entry entry = byHost(host).orElse(null);
        if (entry == null) {
            return new Resolved(host, id, null, false, false, null);
        }
        return new Resolved(host, id != null ? id : entry.credentialsId(), null, entry.vpc(), entry.insecure(), entry.caCertificate());
    }

    /** The entries' names, comma-separated, for messages. */
    public String names() {
        return entries.stream().map(Entry::name).collect(Collectors.joining(", "));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
