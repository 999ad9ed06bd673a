package io.jenkins.plugins.aliyun.registry.engine.registry;

import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.reference.ImageReference;
import io.jenkins.plugins.aliyun.registry.engine.reference.RepositoryNames;
import io.jenkins.plugins.aliyun.registry.engine.reference.TagPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an image goes and how it is named: registry (with an optional namespace), repository,
 * tags. {@link #resolve()} checks everything against the registry's rules and returns the
 * references to push, before anything touches the network.
 *
 * <pre>{@code
 * ResolvedImage image = ImageTarget.builder()
 *     .registry("crpi-abc.cn-hangzhou.personal.cr.aliyuncs.com/lgy-images")
 *     .repository("lgy-test-repository")
 *     .buildNumber("42")
 *     .resolve();   // crpi-abc.cn-hangzhou.personal.cr.aliyuncs.com/lgy-images/lgy-test-repository:42
 * }</pre>
 */
public final class ImageTarget {

    private final String registry;
    private final String namespace;
    private final String repository;
    private final boolean vpc;
    private final TagPolicy tagPolicy;
    private final Map<String, String> variables;

    private ImageTarget(Builder b) {
        this.registry = b.registry;
        this.namespace = b.namespace;
        this.repository = b.repository;
        this.vpc = b.vpc;
        this.tagPolicy = b.tags.build();
        this.variables = Map.copyOf(b.variables);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Resolves the target.
     *
     * @throws InvalidInputException for the first thing that is wrong, with its fix
     */
    public ResolvedImage resolve() throws InvalidInputException {
        RegistryEndpoint endpoint = RegistryEndpoint.parse(registry);
        if (vpc) {
            endpoint = endpoint.withVpc(true);
        }
        if (repository == null || repository.isBlank()) {
            throw new InvalidInputException("repository is empty: give the image's repository name, e.g. \"app\" or \"team/app\"");
        }
        String repo = repository.strip();
        RepositoryNames.validate(repo, repo);
        String ns = namespaceFor(endpoint, repo);
        String fullPath = ns == null ? repo : ns + "/" + repo;
        endpoint.checkRepository(fullPath);
        TagPolicy.ResolvedTags tags = tagPolicy.resolve(variables);
        ImageReference primary = ImageReference.of(endpoint.getHost(), fullPath, tags.primary());
        List<ImageReference> all = new ArrayList<>();
        for (String tag : tags.all()) {
            all.add(primary.withTag(tag));
        }
        // Without an explicit namespace it is the first level of the path (ACR: namespace/a/b), as ResolvedImage documents.
        String effectiveNs = ns != null ? ns : fullPath.contains("/") ? fullPath.substring(0, fullPath.indexOf('/')) : null;
        return new ResolvedImage(endpoint.withNamespace(effectiveNs), fullPath, tags, primary, all, endpoint.getWarnings());
    }

    private String namespaceFor(RegistryEndpoint endpoint, String repo) throws InvalidInputException {
        String fromRegistry = endpoint.getNamespace().orElse(null);
        String given = namespace == null || namespace.isBlank() ? null : namespace.strip();
        if (fromRegistry != null && given != null && !fromRegistry.equals(given)) {
            throw new InvalidInputException("namespace is given twice, \"" + fromRegistry + "\" in the registry and \"" + given
                    + "\" on its own: keep one of them");
        }
        String ns = given != null ? given : fromRegistry;
        if (ns != null) {
            RepositoryNames.validateNamespace(ns);
            if (repo.startsWith(ns + "/")) {
                throw new InvalidInputException("repository \"" + repo + "\" already starts with the namespace \"" + ns
                        + "\": give the repository without it (\"" + repo.substring(ns.length() + 1) + "\")");
            }
        }
        return ns;
    }

    /** Builds an {@link ImageTarget}. */
    public static final class Builder {
        private String registry;
        private String namespace;
        private String repository;
        private boolean vpc;
        private final TagPolicy.Builder tags = TagPolicy.builder();
        private final Map<String, String> variables = new HashMap<>();

        private Builder() {}

        /** {@code host[:port]} or {@code host[:port]/namespace}. */
        public Builder registry(String registry) {
            this.registry = registry;
            return this;
        }

        /** The namespace, unless the registry already carries it. */
        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        /** The repository below the namespace, e.g. {@code app}. */
        public Builder repository(String repository) {
            this.repository = repository;
            return this;
        }

        /** Use the ACR VPC endpoint of the registry. */
        public Builder vpc(boolean vpc) {
            this.vpc = vpc;
            return this;
        }

        /** An explicit tag; validated, never changed. */
        public Builder tag(String tag) {
            tags.tag(tag);
            return this;
        }

        /** A tag template, e.g. {@code ${BRANCH_NAME}-${BUILD_NUMBER}}. */
        public Builder tagTemplate(String template) {
            tags.template(template);
            return this;
        }

        /** ACR single-repository mode: tags become {@code component-tag}. */
        public Builder component(String component) {
            tags.component(component);
            return this;
        }

        /** Further tags. */
        public Builder additionalTags(List<String> additional) {
            tags.additionalTags(additional);
            return this;
        }

        /** The build number, the source of the default tag. */
        public Builder buildNumber(String buildNumber) {
            if (buildNumber != null) {
                variables.put("BUILD_NUMBER", buildNumber);
            }
            return this;
        }

        /** Values a tag template may use (e.g. a build's environment). */
        public Builder variables(Map<String, String> values) {
            // An unset variable may come as a null value; it counts as missing, like an empty one.
            values.forEach((name, value) -> {
                if (name != null && value != null) {
                    variables.put(name, value);
                }
            });
            return this;
        }

        public ImageTarget build() {
            return new ImageTarget(this);
        }

        /** Shorthand for {@code build().resolve()}. */
        public ResolvedImage resolve() throws InvalidInputException {
            return build().resolve();
        }
    }
}
