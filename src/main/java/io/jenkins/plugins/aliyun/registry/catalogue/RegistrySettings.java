package io.jenkins.plugins.aliyun.registry.catalogue;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.registry.ImageTarget;
import io.jenkins.plugins.aliyun.registry.engine.registry.RegistryCatalogue;
import io.jenkins.plugins.aliyun.registry.engine.registry.RegistryEndpoint;
import io.jenkins.plugins.aliyun.registry.engine.registry.ResolvedImage;
import java.util.List;
import java.util.Map;

/**
 * What a step means by {@code registry:}: a catalogue entry by name, or a host. A catalogue entry
 * (found by name, or by its host) supplies credentials, namespace, VPC, insecure and CA; the step's
 * own arguments win over it.
 */
public final class RegistrySettings {

    private final String registry;
    private final String credentialsId;
    private final String namespace;
    private final boolean vpc;
    private final boolean insecure;
    private final String caCertificate;

    private RegistrySettings(
            String registry,
            String credentialsId,
            String namespace,
            boolean vpc,
            boolean insecure,
            String caCertificate) {
        this.registry = registry;
        this.credentialsId = credentialsId;
        this.namespace = namespace;
        this.vpc = vpc;
        this.insecure = insecure;
        this.caCertificate = caCertificate;
    }

    /**
     * Resolves a step's registry arguments.
     *
     * @param registry a catalogue name, a host ({@code host[:port][/namespace]}), or null for the only catalogue entry
     * @param credentialsId overrides the entry's credentials, if given
     * @param namespace overrides the entry's namespace, if given
     * @throws AbortException if the name is unknown, or nothing is given and the catalogue does not have exactly one entry
     */
    public static @NonNull RegistrySettings resolve(
            @CheckForNull String registry, @CheckForNull String credentialsId, @CheckForNull String namespace)
            throws AbortException {
        try {
            RegistryCatalogue.Resolved r =
                    AliyunRegistryConfiguration.get().catalogue().resolve(registry, credentialsId, namespace);
            return new RegistrySettings(
                    r.registry(), r.credentialsId(), r.namespace(), r.vpc(), r.insecure(), r.caCertificate());
        } catch (InvalidInputException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /**
     * The settings for a registry known by its host only (the registry of a {@code docker://} source):
     * never read as a catalogue name, even without a dot ({@code localhost}).
     */
    public static @NonNull RegistrySettings forHost(@NonNull String host, @CheckForNull String credentialsId) {
        RegistryCatalogue.Resolved r =
                AliyunRegistryConfiguration.get().catalogue().resolveHost(host, credentialsId);
        return new RegistrySettings(
                r.registry(), r.credentialsId(), r.namespace(), r.vpc(), r.insecure(), r.caCertificate());
    }

    /** The registry as the engine takes it: {@code host[:port][/namespace]}. */
    public @CheckForNull String getRegistry() {
        return registry;
    }

    public @CheckForNull String getCredentialsId() {
        return credentialsId;
    }

    public @CheckForNull String getNamespace() {
        return namespace;
    }

    public boolean isVpc() {
        return vpc;
    }

    public boolean isInsecure() {
        return insecure;
    }

    public @CheckForNull String getCaCertificate() {
        return caCertificate;
    }

    /**
     * The endpoint, in its VPC form if the catalogue asks for it.
     *
     * @throws AbortException with the engine's message if the host is not a registry
     */
    public @NonNull RegistryEndpoint endpoint() throws AbortException {
        try {
            RegistryEndpoint endpoint = RegistryEndpoint.parse(registry);
            return vpc ? endpoint.withVpc(true) : endpoint;
        } catch (InvalidInputException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /**
     * Names the image a step pushes or a block prepares: this registry and namespace, the step's
     * repository, component and tags, the catalogue's default tag template, the build's variables.
     *
     * @throws AbortException with the engine's one-line message if any of it is invalid
     */
    public @NonNull ResolvedImage resolveImage(
            @NonNull String repository,
            @CheckForNull String component,
            @CheckForNull String tag,
            @NonNull List<String> additionalTags,
            @NonNull Map<String, String> variables)
            throws AbortException {
        try {
            return ImageTarget.builder()
                    .registry(registry)
                    .namespace(namespace)
                    .repository(repository)
                    .vpc(vpc)
                    .component(component)
                    .tag(tag)
                    .tagTemplate(AliyunRegistryConfiguration.get().getDefaultTagTemplate())
                    .additionalTags(additionalTags)
                    .variables(variables)
                    .resolve();
        } catch (InvalidInputException e) {
            throw new AbortException(e.getMessage());
        }
    }
}
