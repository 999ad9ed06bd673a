package io.jenkins.plugins.aliyun.registry.push;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import io.jenkins.plugins.aliyun.registry.engine.push.ImagePush;
import io.jenkins.plugins.aliyun.registry.engine.push.ImageSource;
import io.jenkins.plugins.aliyun.registry.engine.push.PushResult;
import io.jenkins.plugins.aliyun.registry.engine.reference.ImageReference;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs the push on the agent, in the workspace: only the source, the destination reference, the
 * tags and the two registry accesses travel there; the image never passes through the controller.
 */
final class PushCallable extends MasterToSlaveFileCallable<PushedImage> {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final AgentRegistryAccess sourceAccess;
    private final String destination;
    private final List<String> additionalTags;
    private final AgentRegistryAccess destinationAccess;
    private final String cacheDirectory;
    private final TaskListener listener;

    PushCallable(
            String source,
            AgentRegistryAccess sourceAccess,
            String destination,
            List<String> additionalTags,
            AgentRegistryAccess destinationAccess,
            String cacheDirectory,
            TaskListener listener) {
        this.source = source;
        this.sourceAccess = sourceAccess;
        this.destination = destination;
        this.additionalTags = List.copyOf(additionalTags);
        this.destinationAccess = destinationAccess;
        this.cacheDirectory = cacheDirectory;
        this.listener = listener;
    }

    @Override
    public PushedImage invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        try {
            ImageSource image = ImageSource.parse(source, sourceAccess.toEngine(), workspace.toPath());
            ImagePush push = ImagePush.from(image)
                    .to(ImageReference.parse(destination), destinationAccess.toEngine())
                    .additionalTags(additionalTags)
                    .listener(new BuildLogPushListener(listener.getLogger()));
            if (cacheDirectory != null) {
                push.cacheDirectory(Path.of(cacheDirectory));
            }
            PushResult result = push.push();
            return new PushedImage(
                    result.reference().toString(), result.pinnedReference(), result.digest(), result.tags());
        } catch (EngineException | IOException | RuntimeException e) {
            // One line for the user; the step turns it into an AbortException (no stack trace). Only the
            // engine's own messages are shown as they are: another exception's text may quote its input.
            throw new PushFailedException(EngineException.describe(e, "the step's source and the agent's workspace"));
        }
    }

    /** A failure the engine explained; the message is all the user needs. */
    static final class PushFailedException extends IOException {

        private static final long serialVersionUID = 1L;

        PushFailedException(String message) {
            super(message);
        }
    }
}
