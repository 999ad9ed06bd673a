package io.jenkins.plugins.aliyun.registry.engine.reference;

import java.util.Set;

/** The names Docker Hub goes by. */
public final class DockerHub {

    /** The key docker and Kaniko look up in {@code config.json} for Docker Hub. */
    public static final String CONFIG_KEY = "https://index.docker.io/v1/";

    /** The host that serves Docker Hub's registry API. */
    public static final String API_HOST = "registry-1.docker.io";

    private static final Set<String> ALIASES = Set.of(
            "docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com");

    private DockerHub() {}

    /** True if {@code host} (lowercase, without port) is one of Docker Hub's names. */
    public static boolean isAlias(String host) {
        return ALIASES.contains(host);
    }
}
