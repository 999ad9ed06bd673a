package io.jenkins.plugins.aliyun.registry.testing;

import hudson.FilePath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Writes a small image as {@code docker save} does: one layer, a config, a manifest.json. No Docker needed. */
public final class DockerArchives {

    private DockerArchives() {}

    /** Writes {@code file} (a tarball) holding an image whose one layer has {@code hello.txt} with {@code content}. */
    public static void write(FilePath file, String content) throws IOException, InterruptedException {
        FilePath work = file.getParent().createTempDir("image", "");
        try {
            FilePath rootfs = work.child("rootfs");
            rootfs.child("hello.txt").write(content, "UTF-8");
            FilePath archive = work.child("archive");
            ByteArrayOutputStream layer = new ByteArrayOutputStream();
            rootfs.tar(layer, "**");
            archive.child("layer.tar").copyFrom(new java.io.ByteArrayInputStream(layer.toByteArray()));
            String diffId = "sha256:" + sha256(layer.toByteArray());
            String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},"
                    + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]}}";
            String configName = sha256(config.getBytes(StandardCharsets.UTF_8)) + ".json";
            archive.child(configName).write(config, "UTF-8");
            archive.child("manifest.json")
                    .write(
                            "[{\"Config\":\"" + configName
                                    + "\",\"RepoTags\":[\"test/app:latest\"],\"Layers\":[\"layer.tar\"]}]",
                            "UTF-8");
            try (OutputStream out = file.write()) {
                archive.tar(out, "**");
            }
        } finally {
            work.deleteRecursive();
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
