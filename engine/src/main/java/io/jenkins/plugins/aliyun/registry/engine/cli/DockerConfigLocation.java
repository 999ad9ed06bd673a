package io.jenkins.plugins.aliyun.registry.engine.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/** Where docker keeps its logins: {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}. */
final class DockerConfigLocation {

    private DockerConfigLocation() {}

    /** The default {@code config.json}, or empty when there is neither {@code DOCKER_CONFIG} nor a home directory. */
    static Optional<Path> defaultFile() {
        String dir = System.getenv("DOCKER_CONFIG");
        if (dir != null && !dir.isBlank()) {
            return Optional.of(Paths.get(dir, "config.json"));
        }
        String home = System.getProperty("user.home");
        return home == null || home.isBlank() ? Optional.empty() : Optional.of(Paths.get(home, ".docker", "config.json"));
    }
}
