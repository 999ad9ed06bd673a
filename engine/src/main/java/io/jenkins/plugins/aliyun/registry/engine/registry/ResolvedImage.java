package io.jenkins.plugins.aliyun.registry.engine.registry;

import io.jenkins.plugins.aliyun.registry.engine.reference.ImageReference;
import io.jenkins.plugins.aliyun.registry.engine.reference.TagPolicy;
import java.util.List;
import java.util.Optional;

/**
 * A checked image target: the endpoint, the full repository path, the tags and the reference for
 * each tag (primary first), and warnings about choices that are allowed but probably wrong.
 */
public record ResolvedImage(
        RegistryEndpoint endpoint,
        String repository,
        TagPolicy.ResolvedTags tags,
        ImageReference reference,
        List<ImageReference> references,
        List<String> warnings) {

    public ResolvedImage {
        references = List.copyOf(references);
        warnings = List.copyOf(warnings);
    }

    /** The namespace (the first part of the repository path for ACR), if there is one. */
    public Optional<String> namespace() {
        return endpoint.getNamespace();
    }

    /** {@code registry/repository}, the image name without tag. */
    public String imageName() {
        return reference.getName();
    }
}
