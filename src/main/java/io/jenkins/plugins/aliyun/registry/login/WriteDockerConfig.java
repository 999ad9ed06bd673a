package io.jenkins.plugins.aliyun.registry.login;

import hudson.remoting.VirtualChannel;
import hudson.util.Secret;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.auth.DockerConfig;
import io.jenkins.plugins.aliyun.registry.engine.auth.TemporaryDockerConfig;
import java.io.File;
import java.io.IOException;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs on the agent: writes the {@code config.json} into a new private directory below the given
 * directory (the workspace's {@code @tmp} sibling) and returns that directory's path. The engine
 * creates it owner-only and writes the file atomically.
 */
final class WriteDockerConfig extends MasterToSlaveFileCallable<String> {

    private static final long serialVersionUID = 1L;

    private final Secret configJson;

    WriteDockerConfig(Secret configJson) {
        this.configJson = configJson;
    }

    @Override
    public String invoke(File parent, VirtualChannel channel) throws IOException {
        try {
            DockerConfig config = DockerConfig.parse(configJson.getPlainText(), "for this block");
            TemporaryDockerConfig written = config.writeTemporary(parent.toPath());
            return written.directory().toString();
        } catch (InvalidInputException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
