package io.jenkins.plugins.aliyun.registry.engine.push;

import io.jenkins.plugins.aliyun.registry.engine.json.JsonValue;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.reference.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** An OCI image layout: {@code oci-layout}, {@code index.json}, {@code blobs/sha256/…}. */
final class OciLayoutSource extends ImageSource {

    private static final String REF_NAME = "org.opencontainers.image.ref.name";

    private final Path dir;
    private final String tag;

    private static final String DAMAGED = "the layout is damaged; write it again with the tool that made it";

    OciLayoutSource(Path dir, String tag) {
        this.dir = dir;
        this.tag = tag;
    }

    @Override
    SourceImage read(RegistryClient client, boolean mountable) throws InvalidInputException, IOException {
        Path indexFile = dir.resolve("index.json");
        if (!Files.isDirectory(dir) || !Files.isRegularFile(indexFile)) {
            throw new InvalidInputException("OCI layout " + dir + " has no index.json: give the directory an OCI image layout was written to"
                    + " (umoci, buildah, kaniko --oci-layout-path); for a docker save tarball use docker-archive:FILE");
        }
        JsonValue index = parseJson(Files.readAllBytes(indexFile), "OCI layout " + dir + ": index.json", DAMAGED);
        List<Manifest.Descriptor> entries = Manifest.childrenOf(index);
        Manifest.Descriptor chosen = choose(entries);
        List<ManifestPlan> children = new ArrayList<>();
        ManifestPlan top = plan(chosen, children);
        return new SourceImage(children, top);
    }

    private Manifest.Descriptor choose(List<Manifest.Descriptor> entries) throws InvalidInputException {
        List<String> names = new ArrayList<>();
        for (Manifest.Descriptor d : entries) {
            String name = d.node().get("annotations").get(REF_NAME).text(null);
            if (name != null) {
                names.add(name);
                if (name.equals(tag) || (tag != null && name.endsWith(":" + tag))) {
                    return d;
                }
            }
        }
        if (tag == null && entries.size() == 1) {
            return entries.get(0);
        }
        if (tag == null) {
            throw new InvalidInputException("OCI layout " + dir + " holds " + entries.size() + " images: name one as oci:" + dir + ":TAG"
                    + (names.isEmpty() ? "" : " (tags: " + String.join(", ", names) + ")"));
        }
        throw new InvalidInputException("OCI layout " + dir + " has no image tagged \"" + tag + "\""
                + (names.isEmpty() ? "" : ": its tags are " + String.join(", ", names)));
    }

    /** The plan for a descriptor; an index's platform manifests are added to {@code children} first. */
    private ManifestPlan plan(Manifest.Descriptor d, List<ManifestPlan> children) throws InvalidInputException, IOException {
        byte[] bytes = Files.readAllBytes(blob(d.digest()));
        JsonValue json = parseJson(bytes, "OCI layout " + dir + ": manifest " + d.digest(), DAMAGED);
        Manifest manifest = new Manifest(d.mediaType().isEmpty() ? Manifest.mediaTypeOf(json, Manifest.OCI_MANIFEST) : d.mediaType(), bytes);
        if (!manifest.digest().equals(d.digest())) {
            throw new InvalidInputException("OCI layout " + dir + ": blob " + d.digest() + " does not match its digest; the layout is corrupt");
        }
        if (manifest.isIndex()) {
            for (Manifest.Descriptor child : Manifest.childrenOf(json)) {
                children.add(plan(child, children));
            }
            return ManifestPlan.fixed(manifest, List.of());
        }
        if (!Manifest.isImage(manifest.mediaType())) {
            throw new InvalidInputException("OCI layout " + dir + ": " + d.digest() + " has media type \"" + manifest.mediaType()
                    + "\", which is neither an image manifest nor an index");
        }
        List<BlobSource> blobs = new ArrayList<>();
        for (Manifest.Descriptor b : Manifest.blobsOf(json)) {
            if (b.nonDistributable()) {
                continue;
            }
            Path file = blob(b.digest());
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException("OCI layout " + dir + " lacks blob " + b.digest() + " that image " + d.digest()
                        + " needs; the layout is incomplete");
            }
            long size = b.size() >= 0 ? b.size() : Files.size(file);
            blobs.add(BlobSource.known(b.digest(), size, b.mediaType(), () -> Files.newInputStream(file)));
        }
        return ManifestPlan.fixed(manifest, blobs);
    }

    private Path blob(String digest) throws InvalidInputException {
        if (!Digests.isSha256(digest)) {
            throw new InvalidInputException("OCI layout " + dir + ": digest \"" + digest + "\" is not a sha256 digest");
        }
        return dir.resolve("blobs").resolve("sha256").resolve(digest.substring(7));
    }

    Path directory() {
        return dir;
    }

    /** The {@code org.opencontainers.image.ref.name} to pick from the layout's index; null for its only image. */
    String tag() {
        return tag;
    }

    @Override
    public String toString() {
        return "oci:" + dir + (tag == null ? "" : ":" + tag);
    }
}
