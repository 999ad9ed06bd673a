package io.jenkins.plugins.aliyun.registry.credentials;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.model.Descriptor;
import hudson.model.Run;
import hudson.security.ACL;
import io.jenkins.plugins.aliyun.registry.Messages;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.auth.RegistryCredentials;
import java.util.List;
import jenkins.model.Jenkins;

/** Finds the "Username with password" credential of a registry login and hands it to the engine. */
public final class RegistryLogins {

    private RegistryLogins() {}

    /**
     * The credential {@code credentialsId} as the run may use it, recorded as used by the run.
     *
     * @throws AbortException if there is none, or it is of another type (the message names both types)
     */
    public static @NonNull StandardUsernamePasswordCredentials findForRun(
            @NonNull Run<?, ?> run, @NonNull String credentialsId) throws AbortException {
        IdCredentials found =
                CredentialsProvider.findCredentialById(credentialsId, IdCredentials.class, run, List.of());
        if (found == null) {
            throw new AbortException(Messages.Credentials_NotFound(credentialsId));
        }
        if (!(found instanceof StandardUsernamePasswordCredentials)) {
            Descriptor<?> expected = Jenkins.get().getDescriptor(UsernamePasswordCredentialsImpl.class);
            throw new AbortException(Messages.Credentials_WrongType(
                    credentialsId,
                    found.getDescriptor().getDisplayName(),
                    expected != null ? expected.getDisplayName() : "Username with password"));
        }
        CredentialsProvider.track(run, found);
        return (StandardUsernamePasswordCredentials) found;
    }

    /** The credential {@code credentialsId} at the Jenkins level (global configuration), or null. */
    public static @CheckForNull StandardUsernamePasswordCredentials findForJenkins(@NonNull String credentialsId) {
        return CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(
                        StandardUsernamePasswordCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of()),
                CredentialsMatchers.withId(credentialsId));
    }

    /**
     * The engine's view of the credential; the engine checks the username and password.
     *
     * @throws AbortException with the engine's one-line message if they cannot be used
     */
    public static @NonNull RegistryCredentials toEngine(@NonNull StandardUsernamePasswordCredentials credentials)
            throws AbortException {
        try {
            return RegistryCredentials.of(
                    credentials.getUsername(), credentials.getPassword().getPlainText());
        } catch (InvalidInputException e) {
            throw new AbortException("credentials \"" + credentials.getId() + "\": " + e.getMessage());
        }
    }
}
