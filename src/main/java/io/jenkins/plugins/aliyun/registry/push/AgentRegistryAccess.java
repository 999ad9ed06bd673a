package io.jenkins.plugins.aliyun.registry.push;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.model.Run;
import hudson.util.Secret;
import io.jenkins.plugins.aliyun.registry.catalogue.RegistrySettings;
import io.jenkins.plugins.aliyun.registry.credentials.RegistryLogins;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.auth.RegistryCredentials;
import io.jenkins.plugins.aliyun.registry.engine.push.RegistryAccess;
import java.io.Serializable;

/**
 * How to reach one registry, in a form that can travel to the agent: the username, the password as
 * a {@link Secret}, the CA certificate and the insecure flag. The engine's {@link RegistryAccess} is
 * built from it on the agent.
 */
final class AgentRegistryAccess implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String username;
    private final Secret password;
    private final String caCertificate;
    private final boolean insecure;

    private AgentRegistryAccess(String username, Secret password, String caCertificate, boolean insecure) {
        this.username = username;
        this.password = password;
        this.caCertificate = caCertificate;
        this.insecure = insecure;
    }

    /** No credentials, default trust: for local sources, which need none. */
    static @NonNull AgentRegistryAccess anonymous() {
        return new AgentRegistryAccess(null, null, null, false);
    }

    /**
     * The access the run has to a registry: its credentials (found for the run and tracked), CA and
     * insecure flag; anonymous if no credentials are set.
     */
    static @NonNull AgentRegistryAccess forRun(@NonNull Run<?, ?> run, @NonNull RegistrySettings settings)
            throws AbortException {
        String id = settings.getCredentialsId();
        if (id == null) {
            return new AgentRegistryAccess(null, null, settings.getCaCertificate(), settings.isInsecure());
        }
        StandardUsernamePasswordCredentials credentials = RegistryLogins.findForRun(run, id);
        RegistryCredentials checked = RegistryLogins.toEngine(credentials);
        return new AgentRegistryAccess(
                checked.getUsername(), credentials.getPassword(), settings.getCaCertificate(), settings.isInsecure());
    }

    /** The engine's access; called on the agent. */
    @NonNull
    RegistryAccess toEngine() throws InvalidInputException {
        RegistryAccess access =
                RegistryAccess.anonymous().withInsecure(insecure).withCaCertificate(caCertificate);
        return username == null
                ? access
                : access.withCredentials(RegistryCredentials.of(username, password.getPlainText()));
    }

    @CheckForNull
    String getUsername() {
        return username;
    }
}
