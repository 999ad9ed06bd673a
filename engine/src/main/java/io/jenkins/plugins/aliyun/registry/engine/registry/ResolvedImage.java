package io.jenkins.plugins.aliyun.registry.engine.registry;

import io.jenkins.plugins.aliyun.registry.engine.reference.ImageReference;
import io.jenkins.plugins.aliyun.registry.engine.reference.TagPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * The variables a build step sees for this image: {@code REGISTRY_HOST}, {@code IMAGE_NAME}
     * (without tag), {@code IMAGE_TAG} (the primary tag), {@code IMAGE_REFERENCE} (name and primary
     * tag), and {@code IMAGE_REFERENCES} (every tag's reference, space-separated, e.g. for one
     * Kaniko {@code --destination} each).
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("REGISTRY_HOST", endpoint.getHost());
        env.put("IMAGE_NAME", imageName());
        env.put("IMAGE_TAG", tags.primary());
        env.put("IMAGE_REFERENCE", reference.toString());
        env.put("IMAGE_REFERENCES", String.join(" ", references.stream().map(ImageReference::toString).toList()));
        return env;
    }
}
