package io.jenkins.plugins.aliyun.registry.engine.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Owner-only files where the file system has no POSIX permissions. */
class PrivateFilesTest {

    @TempDir
    Path tmp;

    @Test
    void aTemporaryFileThatCannotBeMadePrivateIsNotLeftBehind() throws Exception {
        // A zip file system has no POSIX permissions, so the owner-only fallback runs, and fails there.
        URI zip = URI.create("jar:" + tmp.resolve("fs.zip").toUri());
        try (FileSystem fs = FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
            Path dir = Files.createDirectories(fs.getPath("/agent"));
            assertFalse(PrivateFiles.posix(dir));
            Path file = dir.resolve("config.json");

            assertThrows(Exception.class, () -> PrivateFiles.writeAtomically(file, "{\"auths\":{}}".getBytes(StandardCharsets.UTF_8)));

            try (Stream<Path> entries = Files.list(dir)) {
                assertEquals(List.of(), entries.toList(), "no temporary file may stay beside the target");
            }
        }
    }
}
