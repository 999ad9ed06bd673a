package io.jenkins.plugins.aliyun.registry.login;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.aliyun.registry.Messages;
import io.jenkins.plugins.aliyun.registry.catalogue.RegistrySettings;
import io.jenkins.plugins.aliyun.registry.credentials.RegistryLogins;
import io.jenkins.plugins.aliyun.registry.engine.auth.DockerConfig;
import io.jenkins.plugins.aliyun.registry.engine.registry.RegistryEndpoint;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The docker {@code config.json} of a run's registry logins (the block wrappers and the Kaniko
 * Secret step): for each registry its credential, looked up for the run, and its warnings (such
 * as the legacy ACR domain) printed to the build log, each once.
 */
public final class DockerLogins {

    private final Run<?, ?> run;
    private final PrintStream log;
    private final Set<String> warned = new HashSet<>();
    private final List<String> hosts = new ArrayList<>();
    private DockerConfig config = DockerConfig.empty();

    public DockerLogins(@NonNull Run<?, ?> run, @NonNull TaskListener listener) {
        this.run = run;
        this.log = listener.getLogger();
    }

    /**
     * Adds the login of a resolved registry.
     *
     * @return the host it is written under
     * @throws AbortException if the registry has no credentials, or they cannot be used
     */
    public @NonNull String add(@NonNull RegistrySettings settings) throws AbortException {
        RegistryEndpoint endpoint = settings.endpoint();
        String host = endpoint.getHost();
        warn(endpoint.getWarnings());
        if (settings.getCredentialsId() == null) {
            throw new AbortException(Messages.Credentials_Missing(host));
        }
        config =
                config.with(host, RegistryLogins.toEngine(RegistryLogins.findForRun(run, settings.getCredentialsId())));
        hosts.add(host);
        return host;
    }

    /**
     * Adds the logins of {@code additionalRegistries}.
     *
     * @throws AbortException if one names no registry or has no usable credentials
     */
    public void addAll(@NonNull List<AdditionalRegistry> additionalRegistries) throws AbortException {
        for (AdditionalRegistry additional : additionalRegistries) {
            add(additional.resolve());
        }
    }

    /** Prints the warnings not printed yet, one line each. */
    public void warn(@NonNull List<String> warnings) {
        for (String warning : warnings) {
            if (warned.add(warning)) {
                log.println("WARNING: " + warning);
            }
        }
    }

    /** The config with every login added so far. */
    public @NonNull DockerConfig config() {
        return config;
    }

    /** The hosts added so far, in order. */
    public @NonNull List<String> hosts() {
        return List.copyOf(hosts);
    }
}
