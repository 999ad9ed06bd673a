package io.jenkins.plugins.aliyun.registry.credentials;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.aliyun.registry.Messages;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * The credentials a form may offer for a registry login: "Username with password" only, and only to
 * users allowed to configure the context (the job, or Jenkins itself for the global configuration).
 * Others see just the current value, so saving the form keeps it.
 */
public final class CredentialsChoices {

    private CredentialsChoices() {}

    /** For a job's form (a step, the build wrapper): needs {@link Item#CONFIGURE} on the job. */
    public static ListBoxModel forItem(@CheckForNull Item item, @CheckForNull String current) {
        StandardListBoxModel result = new StandardListBoxModel();
        if (!canConfigure(item)) {
            return result.includeCurrentValue(Util.fixNull(current));
        }
        return result.includeEmptyValue()
                .includeMatchingAs(
                        ACL.SYSTEM2,
                        item,
                        StandardUsernamePasswordCredentials.class,
                        List.of(),
                        CredentialsMatchers.always())
                .includeCurrentValue(Util.fixNull(current));
    }

    /** For the global configuration: needs {@link Jenkins#ADMINISTER}. */
    public static ListBoxModel forGlobalConfiguration(@CheckForNull String current) {
        StandardListBoxModel result = new StandardListBoxModel();
        Jenkins jenkins = Jenkins.get();
        if (!jenkins.hasPermission(Jenkins.ADMINISTER)) {
            return result.includeCurrentValue(Util.fixNull(current));
        }
        return result.includeEmptyValue()
                .includeMatchingAs(
                        ACL.SYSTEM2,
                        jenkins,
                        StandardUsernamePasswordCredentials.class,
                        List.of(),
                        CredentialsMatchers.always())
                .includeCurrentValue(Util.fixNull(current));
    }

    /** Warns when the id names no "Username with password" credential visible to the job. */
    public static FormValidation checkForItem(@CheckForNull Item item, @CheckForNull String value) {
        String id = Util.fixEmptyAndTrim(value);
        if (id == null || !canConfigure(item) || id.startsWith("${")) {
            return FormValidation.ok();
        }
        boolean found = CredentialsMatchers.firstOrNull(
                        item == null
                                ? CredentialsProvider.lookupCredentialsInItemGroup(
                                        StandardUsernamePasswordCredentials.class,
                                        Jenkins.get(),
                                        ACL.SYSTEM2,
                                        List.of())
                                : CredentialsProvider.lookupCredentialsInItem(
                                        StandardUsernamePasswordCredentials.class, item, ACL.SYSTEM2, List.of()),
                        CredentialsMatchers.withId(id))
                != null;
        return found ? FormValidation.ok() : FormValidation.warning(Messages.Credentials_NotFound(id));
    }

    /** Warns when the id names no "Username with password" credential at the Jenkins level. */
    public static FormValidation checkForGlobalConfiguration(@CheckForNull String value) {
        String id = Util.fixEmptyAndTrim(value);
        Jenkins jenkins = Jenkins.get();
        if (id == null || !jenkins.hasPermission(Jenkins.ADMINISTER)) {
            return FormValidation.ok();
        }
        return RegistryLogins.findForJenkins(id) != null
                ? FormValidation.ok()
                : FormValidation.warning(Messages.Credentials_NotFound(id));
    }

    private static boolean canConfigure(@CheckForNull Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }
}
