package io.jenkins.plugins.aliyun.registry.engine.registry;

/** What a registry host is; the id is what the command line and the UI show. */
public enum RegistryKind {
    /** ACR personal edition instance, {@code crpi-<id>[-vpc].<region>.personal.cr.aliyuncs.com}. */
    ACR_PERSONAL("acr-personal"),
    /** ACR enterprise edition instance, {@code <instance>-registry[-vpc].<region>.cr.aliyuncs.com}. */
    ACR_ENTERPRISE("acr-enterprise"),
    /** ACR default instance (legacy personal edition), {@code registry[-intl][-vpc].<region>.aliyuncs.com}. */
    ACR_LEGACY("acr-legacy"),
    /** Docker Hub. */
    DOCKER_HUB("docker-hub"),
    /** Any other registry, {@code host[:port]}. */
    GENERIC("generic");

    private final String id;

    RegistryKind(String id) {
        this.id = id;
    }

    /** The stable name, e.g. {@code acr-personal}. */
    public String id() {
        return id;
    }

    /** True for the Alibaba Cloud Container Registry kinds. */
    public boolean isAcr() {
        return this == ACR_PERSONAL || this == ACR_ENTERPRISE || this == ACR_LEGACY;
    }

    @Override
    public String toString() {
        return id;
    }
}
