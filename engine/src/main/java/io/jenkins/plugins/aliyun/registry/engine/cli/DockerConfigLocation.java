package io.jenkins.plugins.aliyun.registry.engine.cli;

import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.auth.DockerConfig;
import java.io.IOException;
import java.nio.file.Files;
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

    /**
     * Reads a docker {@code config.json}: the one given with {@code option}, which must be a file, or
     * with {@code given} null the {@linkplain #defaultFile() default}, which may be missing (then there
     * are no logins). Every command that takes a config.json reads it here, so each says the same.
     *
     * @param option the option that names the file, for the message
     * @param instead the other way to give a login, for the message (e.g. "log in with --username and --password-stdin")
     * @throws InvalidInputException if the given file is a directory (as {@code ~/.docker} is) or does not exist, or is not a config.json
     * @throws EngineException if the file cannot be read or is not UTF-8
     */
    static DockerConfig read(Path given, String option, String instead) throws EngineException {
        Path file = given;
        if (file == null) {
            file = defaultFile().orElse(null);
            if (file == null) {
                return DockerConfig.empty();
            }
        } else if (Files.isDirectory(file)) {
            throw new InvalidInputException("docker config " + file + " is a directory: give the file, e.g. " + file.resolve("config.json"));
        } else if (!Files.isRegularFile(file) && (Files.exists(file) || Files.notExists(file))) {
            // neither a file nor something the system cannot tell about (that is left to the read, which says why)
            throw new InvalidInputException("docker config " + file + (Files.exists(file) ? " is not a regular file" : " does not exist")
                    + ": give the path of a config.json (e.g. written by aliyun-cr docker-config)");
        }
        try {
            // a missing default file reads as an empty config
            return DockerConfig.read(file);
        } catch (IOException e) {
            throw new EngineException("cannot read docker config " + file + ": " + e.getClass().getSimpleName()
                    + "; check that it is a readable UTF-8 file, give another with " + option + ", or " + instead);
        }
    }
}
