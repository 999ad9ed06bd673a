package io.jenkins.plugins.aliyun.registry.engine.push;

import io.jenkins.plugins.aliyun.registry.engine.reference.ImageReference;
import java.util.List;

/**
 * What a push wrote.
 *
 * @param reference the destination with its primary tag
 * @param digest the digest of the manifest written, {@code sha256:…}; pull {@code reference@digest}
 *     to get exactly this image
 * @param tags every tag that now points at the image, the primary one first
 */
public record PushResult(ImageReference reference, String digest, List<String> tags) {

    public PushResult {
        tags = List.copyOf(tags);
    }

    /** {@code registry/repository@digest}. */
    public String pinnedReference() {
        return reference.getName() + "@" + digest;
    }
}
