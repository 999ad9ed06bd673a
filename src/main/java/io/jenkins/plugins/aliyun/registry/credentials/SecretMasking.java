package io.jenkins.plugins.aliyun.registry.credentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.console.ConsoleLogFilter;
import hudson.model.AbstractBuild;
import hudson.model.Run;
import hudson.util.Secret;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.credentialsbinding.masking.SecretPatterns;

/**
 * Masks registry passwords and the strings that reveal them (the engine's
 * {@code DockerConfig.secretValues()}) in a build log, with credentials-binding's
 * {@link SecretPatterns}, which also masks their encoded forms.
 *
 * <p>A freestyle build decorates its log before any build wrapper's {@code setUp} runs, so its
 * filter looks the secrets up lazily, per build; a Pipeline block asks for its filter after
 * {@code setUp}, so it gets a fixed, serializable one.
 */
public final class SecretMasking {

    /** Secrets of freestyle builds that are running, until their log is closed. */
    private static final Map<Run<?, ?>, Set<String>> FREESTYLE_SECRETS = new WeakHashMap<>();

    private SecretMasking() {}

    /** Adds secrets to mask in a running freestyle build's log. */
    public static void addForFreestyle(@NonNull AbstractBuild<?, ?> build, @NonNull Collection<String> secrets) {
        synchronized (FREESTYLE_SECRETS) {
            FREESTYLE_SECRETS.computeIfAbsent(build, b -> new HashSet<>()).addAll(secrets);
        }
    }

    /** A filter for a freestyle build, reading the secrets added for it once there are some. */
    public static @NonNull ConsoleLogFilter lazyFilter() {
        return new FreestyleFilter();
    }

    /** A filter for a Pipeline block whose secrets are known. */
    public static @NonNull ConsoleLogFilter fixedFilter(@NonNull Collection<String> secrets, @NonNull Run<?, ?> run) {
        return new PipelineFilter(
                SecretPatterns.getAggregateSecretPattern(secrets),
                run.getCharset().name());
    }

    /** The secrets of a freestyle build as a pattern, or null while there are none. */
    static @CheckForNull Pattern patternFor(@NonNull Run<?, ?> build) {
        Set<String> secrets;
        synchronized (FREESTYLE_SECRETS) {
            Set<String> current = FREESTYLE_SECRETS.get(build);
            secrets = current == null ? null : Set.copyOf(current);
        }
        return secrets == null || secrets.isEmpty() ? null : SecretPatterns.getAggregateSecretPattern(secrets);
    }

    private static final class FreestyleFilter extends ConsoleLogFilter {

        @Override
        public OutputStream decorateLogger(Run build, OutputStream logger) {
            return new SecretPatterns.MaskingOutputStream(
                    logger, () -> patternFor(build), build.getCharset().name()) {
                @Override
                public void close() throws IOException {
                    super.close();
                    synchronized (FREESTYLE_SECRETS) {
                        FREESTYLE_SECRETS.remove(build);
                    }
                }
            };
        }
    }

    /**
     * Travels with the Pipeline program. The pattern is held as a {@link Secret}, but a Secret is
     * encrypted only where XStream writes it (Jenkins' XML files): it has no {@code writeReplace}, so
     * the Java serialization (JBoss Marshalling River) that writes the build's {@code program.dat}
     * stores the pattern's plain text, readable by whoever can read the build directory.
     * credentials-binding's own filter ({@code BindingStep.Filter}) stores its pattern the same way.
     */
    private static final class PipelineFilter extends ConsoleLogFilter implements Serializable {

        private static final long serialVersionUID = 1L;

        private final Secret pattern;
        private final String charsetName;

        PipelineFilter(Pattern pattern, String charsetName) {
            this.pattern = Secret.fromString(pattern.pattern());
            this.charsetName = charsetName;
        }

        @Override
        public OutputStream decorateLogger(Run build, OutputStream logger) {
            return new SecretPatterns.MaskingOutputStream(
                    logger, () -> Pattern.compile(pattern.getPlainText()), charsetName);
        }
    }
}
