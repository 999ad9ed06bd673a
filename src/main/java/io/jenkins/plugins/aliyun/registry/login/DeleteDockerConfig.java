package io.jenkins.plugins.aliyun.registry.login;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.aliyun.registry.Messages;
import io.jenkins.plugins.aliyun.registry.engine.auth.TemporaryDockerConfig;
import java.io.File;
import java.io.IOException;
import jenkins.MasterToSlaveFileCallable;
import jenkins.tasks.SimpleBuildWrapper;

/**
 * Removes the temporary {@code config.json} and its directory when the block ends, whether the body
 * succeeded, failed or was aborted.
 */
final class DeleteDockerConfig extends SimpleBuildWrapper.Disposer {

    private static final long serialVersionUID = 1L;

    private final String directory;

    DeleteDockerConfig(String directory) {
        this.directory = directory;
    }

    @Override
    public void tearDown(
            @NonNull Run<?, ?> build,
            @NonNull FilePath workspace,
            @NonNull Launcher launcher,
            @NonNull TaskListener listener)
            throws IOException, InterruptedException {
        new FilePath(workspace.getChannel(), directory).act(new Delete());
        listener.getLogger().println(Messages.AliyunRegistryLogin_Removed(directory));
    }

    /** Runs on the agent; the engine deletes what it wrote. */
    private static final class Delete extends MasterToSlaveFileCallable<Void> {

        private static final long serialVersionUID = 1L;

        @Override
        public Void invoke(File dir, VirtualChannel channel) throws IOException {
            TemporaryDockerConfig.delete(dir.toPath());
            return null;
        }
    }
}
