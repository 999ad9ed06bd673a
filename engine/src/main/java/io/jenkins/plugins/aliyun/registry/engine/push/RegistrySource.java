package io.jenkins.plugins.aliyun.registry.engine.push;

import io.jenkins.plugins.aliyun.registry.engine.json.JsonValue;
import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import io.jenkins.plugins.aliyun.registry.engine.push.RegistryException.Problem;
import io.jenkins.plugins.aliyun.registry.engine.reference.ImageReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An image in a registry, read through the distribution API and copied byte for byte. */
final class RegistrySource extends ImageSource {

    private final ImageReference image;
    private final RegistryAccess access;

    RegistrySource(ImageReference image, RegistryAccess access) {
        this.image = image;
        this.access = access;
    }

    @Override
    Optional<ImageReference> registryImage() {
        return Optional.of(image);
    }

    @Override
    RegistryAccess access() {
        return access;
    }

    @Override
    SourceImage read(RegistryClient client, boolean mountable) throws EngineException, IOException, InterruptedException {
        String ref = image.getDigest().orElseGet(image::getTagOrDigest);
        Manifest top = client.getManifest(image.getRepository(), ref);
        List<ManifestPlan> children = new ArrayList<>();
        ManifestPlan plan = plan(client, top, children, mountable);
        return new SourceImage(children, plan);
    }

    private ManifestPlan plan(RegistryClient client, Manifest m, List<ManifestPlan> children, boolean mountable)
            throws EngineException, IOException, InterruptedException {
        JsonValue json = m.json();
        if (m.isIndex()) {
            for (Manifest.Descriptor d : Manifest.childrenOf(json)) {
                children.add(plan(client, client.getManifest(image.getRepository(), d.digest()), children, mountable));
            }
            return ManifestPlan.fixed(m, List.of());
        }
        if (!Manifest.isImage(m.mediaType())) {
            throw new RegistryException(Problem.INVALID_CONTENT, image.getRegistry(), 200, "read " + image + ": the manifest has media type \""
                    + m.mediaType() + "\", which cannot be copied (Docker schema 1 images are not supported: rebuild or re-push the image)");
        }
        List<BlobSource> blobs = new ArrayList<>();
        String repo = image.getRepository();
        for (Manifest.Descriptor d : Manifest.blobsOf(json)) {
            if (d.nonDistributable()) {
                continue;
            }
            BlobSource b = BlobSource.known(d.digest(), d.size(), d.mediaType(), () -> client.openBlob(repo, d.digest()));
            blobs.add(mountable ? b.mountableFrom(repo) : b);
        }
        return ManifestPlan.fixed(m, blobs);
    }

    @Override
    public String toString() {
        return "docker://" + image;
    }
}
