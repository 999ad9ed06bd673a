package io.jenkins.plugins.aliyun.registry.engine.push;

import java.util.List;

/**
 * An image as a source offers it: for an index, the platform manifests (written by digest first)
 * and the index; for a single image, no children.
 */
record SourceImage(List<ManifestPlan> children, ManifestPlan top) {

    SourceImage {
        children = List.copyOf(children);
    }

    static SourceImage single(ManifestPlan image) {
        return new SourceImage(List.of(), image);
    }
}
