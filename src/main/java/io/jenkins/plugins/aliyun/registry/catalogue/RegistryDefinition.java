package io.jenkins.plugins.aliyun.registry.catalogue;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.aliyun.registry.Messages;
import io.jenkins.plugins.aliyun.registry.credentials.CredentialsChoices;
import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.reference.RepositoryNames;
import io.jenkins.plugins.aliyun.registry.engine.registry.RegistryCatalogue;
import io.jenkins.plugins.aliyun.registry.engine.registry.RegistryEndpoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One named registry of the catalogue: where it is and how to log in. Steps refer to it by name
 * ({@code registry: 'acr-prod'}); their own arguments override what is set here.
 */
public class RegistryDefinition implements Describable<RegistryDefinition> {

    private final String name;
    private final String host;
    private String namespace;
    private String credentialsId;
    private boolean vpc;
    private boolean insecure;
    private String caCertificate;

    @DataBoundConstructor
    public RegistryDefinition(String name, String host) {
        this.name = Util.fixEmptyAndTrim(name);
        this.host = Util.fixEmptyAndTrim(host);
    }

    /** The name steps use, e.g. {@code acr-prod}. */
    public String getName() {
        return name;
    }

    /** {@code host[:port]}, optionally followed by {@code /namespace}. */
    public String getHost() {
        return host;
    }

    public @CheckForNull String getNamespace() {
        return namespace;
    }

    /** The default namespace for images pushed here, e.g. {@code team}. */
    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = Util.fixEmptyAndTrim(namespace);
    }

    public @CheckForNull String getCredentialsId() {
        return credentialsId;
    }

    /** A "Username with password" credential: the registry login. */
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public boolean isVpc() {
        return vpc;
    }

    /** Use the ACR VPC endpoint of the host (for agents inside Alibaba Cloud). */
    @DataBoundSetter
    public void setVpc(boolean vpc) {
        this.vpc = vpc;
    }

    public boolean isInsecure() {
        return insecure;
    }

    /** Skip TLS verification and allow plain HTTP (e.g. Nexus on {@code host:8082}). */
    @DataBoundSetter
    public void setInsecure(boolean insecure) {
        this.insecure = insecure;
    }

    public @CheckForNull String getCaCertificate() {
        return caCertificate;
    }

    /** PEM certificate(s) to trust for this registry only (a self-signed or private CA). */
    @DataBoundSetter
    public void setCaCertificate(String caCertificate) {
        this.caCertificate = Util.fixEmptyAndTrim(caCertificate);
    }

    @Extension
    @Symbol("registry")
    public static class DescriptorImpl extends Descriptor<RegistryDefinition> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.RegistryDefinition_DisplayName();
        }

        public FormValidation doCheckName(@QueryParameter String value) {
            String name = Util.fixEmptyAndTrim(value);
            if (name == null) {
                return FormValidation.error(Messages.RegistryDefinition_NameEmpty());
            }
            if (RegistryCatalogue.looksLikeHost(name)) {
                return FormValidation.error(Messages.RegistryDefinition_NameLooksLikeHost());
            }
            return FormValidation.ok();
        }

        /** Shows what the host is while the user types it (syntax only, no network). */
        public FormValidation doCheckHost(@QueryParameter String value, @QueryParameter boolean vpc) {
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.ok();
            }
            try {
                RegistryEndpoint endpoint = RegistryEndpoint.parse(value);
                List<FormValidation> results = new ArrayList<>();
                results.add(FormValidation.ok(describe(endpoint)));
                for (String warning : endpoint.getWarnings()) {
                    results.add(FormValidation.warning(warning));
                }
                if (vpc) {
                    endpoint.withVpc(true);
                }
                return FormValidation.aggregate(results);
            } catch (InvalidInputException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        private static String describe(RegistryEndpoint endpoint) throws InvalidInputException {
            StringBuilder text = new StringBuilder(
                    Messages.RegistryDefinition_HostKind(endpoint.getKind().id()));
            endpoint.getRegion()
                    .ifPresent(
                            region -> text.append(" \u00b7 ").append(Messages.RegistryDefinition_HostRegion(region)));
            if (endpoint.getKind().isAcr()) {
                text.append(" \u00b7 ")
                        .append(
                                endpoint.isVpc()
                                        ? Messages.RegistryDefinition_HostVpc()
                                        : Messages.RegistryDefinition_HostPublic());
                if (!endpoint.isVpc()) {
                    text.append(" \u00b7 ")
                            .append(Messages.RegistryDefinition_HostVpcForm(
                                    endpoint.withVpc(true).getHost()));
                }
            }
            return text.toString();
        }

        public FormValidation doCheckNamespace(@QueryParameter String value) {
            return ImageFields.check(
                    value, false, RepositoryNames::validateNamespace); // global: no build resolves variables
        }

        public FormValidation doCheckCaCertificate(@QueryParameter String value) {
            String pem = Util.fixEmptyAndTrim(value);
            if (pem == null) {
                return FormValidation.ok();
            }
            try {
                RegistryConnection.checkCaCertificate(pem);
                return FormValidation.ok();
            } catch (InvalidInputException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        /** Lists "Username with password" credentials; global configuration, so administrators only. */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            return CredentialsChoices.forGlobalConfiguration(credentialsId);
        }

        @POST
        public FormValidation doCheckCredentialsId(@QueryParameter String value) {
            return CredentialsChoices.checkForGlobalConfiguration(value);
        }

        /**
         * Logs in to the registry with the selected credentials (administrators only: it reaches
         * the network and uses a credential).
         */
        @POST
        public FormValidation doTestConnection(
                @QueryParameter String host,
                @QueryParameter String credentialsId,
                @QueryParameter boolean vpc,
                @QueryParameter boolean insecure,
                @QueryParameter String caCertificate) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            try {
                RegistryConnection.Result result =
                        RegistryConnection.test(host, credentialsId, vpc, insecure, caCertificate);
                return FormValidation.ok(Messages.RegistryDefinition_ConnectionOk(
                        result.host(),
                        result.username() == null
                                ? Messages.RegistryDefinition_ConnectionAnonymous()
                                : Messages.RegistryDefinition_ConnectionAsUser(result.username())));
            } catch (EngineException e) {
                return FormValidation.error(e.getMessage());
            } catch (IOException e) {
                // not one of the engine's explained failures: the form gets one line, the log the details
                Logger.getLogger(RegistryDefinition.class.getName())
                        .log(Level.WARNING, "Test connection to " + host + " failed", e);
                return FormValidation.error(
                        EngineException.describe(e, "the host, credentials and CA certificate given"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return FormValidation.error(Messages.RegistryDefinition_ConnectionInterrupted());
            }
        }
    }
}
