package io.jenkins.plugins.aliyun.registry.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jenkins.plugins.aliyun.registry.engine.auth.DockerConfig;
import io.jenkins.plugins.aliyun.registry.engine.auth.RegistryCredentials;
import io.jenkins.plugins.aliyun.registry.engine.auth.TemporaryDockerConfig;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a Windows agent, the end of an {@code aliyunRegistryLogin} block removes a directory junction
 * the block made inside (or in place of) its temporary {@code DOCKER_CONFIG} as a link, and never
 * deletes what the junction points to. Java sees a junction as a directory, so a plain tree walk
 * would empty its target. Runs only on Windows, where {@code mklink /J} exists.
 */
@EnabledOnOs(OS.WINDOWS)
class JunctionCleanupTest {

    @TempDir
    Path tmp;

    private static void junction(Path link, Path target) throws Exception {
        Process p = new ProcessBuilder("cmd", "/c", "mklink", "/J", link.toString(), target.toString())
                .redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("mklink /J failed for " + link);
        }
    }

    private static TemporaryDockerConfig login(Path parent) throws Exception {
        return DockerConfig.of("h.example.com", RegistryCredentials.of("u", "pw"))
                .writeTemporary(parent);
    }

    @Test
    void aJunctionInsideIsRemovedAndItsTargetKept() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("home/.docker/cli-plugins"));
        Files.writeString(plugins.resolve("docker-buildx.exe"), "binary");
        TemporaryDockerConfig temp = login(tmp.resolve("agent-tmp"));
        junction(temp.directory().resolve("cli-plugins"), plugins);

        temp.close();

        assertFalse(Files.exists(temp.directory(), LinkOption.NOFOLLOW_LINKS));
        assertEquals("binary", Files.readString(plugins.resolve("docker-buildx.exe")));
    }

    @Test
    void aJunctionInPlaceOfTheDirectoryIsRemovedAndItsTargetKept() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home/.docker"));
        Files.writeString(home.resolve("config.json"), "{\"auths\":{}}");
        TemporaryDockerConfig temp = login(tmp.resolve("agent-tmp"));
        Path dir = temp.directory();
        try (var entries = Files.list(dir)) {
            for (Path p : entries.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
        junction(dir, home);

        temp.close();

        assertFalse(Files.exists(dir, LinkOption.NOFOLLOW_LINKS));
        assertEquals("{\"auths\":{}}", Files.readString(home.resolve("config.json")));
    }
}
