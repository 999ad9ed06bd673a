package io.jenkins.plugins.aliyun.registry.engine.kube;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * The client configuration for applying a Secret: a kubeconfig file, or what fabric8 finds by itself
 * ({@code $KUBECONFIG}, {@code ~/.kube/config}, or the in-cluster service account). The same for the
 * command line and the Jenkins step.
 */
public final class KubernetesClientConfig {

    /**
     * Retries of a failed request. fabric8's default (10, exponential back-off) keeps a refused
     * connection going for about 20 s; an unreachable cluster should answer sooner.
     */
    public static final int REQUEST_RETRY_BACKOFF_LIMIT = 3;

    private static final Pattern POSITION = Pattern.compile("line \\d+, column \\d+");

    private KubernetesClientConfig() {}

    /**
     * Loads the configuration.
     *
     * @param kubeconfig a kubeconfig file, or null to let fabric8 find one (or the in-cluster account)
     * @param context the kubeconfig context, or null for its current context
     * @throws InvalidInputException if {@code kubeconfig} is given but does not exist, is not YAML,
     *     or has no context {@code context}
     * @throws EngineException if the configuration cannot be loaded otherwise (the message names the
     *     file and context; never the file's content, which holds tokens and keys)
     */
    public static Config load(Path kubeconfig, String context) throws EngineException {
        Config config = read(kubeconfig, context);
        if (context != null && contexts(config).stream().noneMatch(c -> context.equals(c.getName()))) {
            // fabric8 falls back to the current context: that would write the Secret to another cluster.
            throw new InvalidInputException("the kubeconfig" + describe(kubeconfig, config) + " has no context \"" + context + "\""
                    + known(config) + ": give one of its contexts (kubectl config get-contexts)");
        }
        config.setRequestRetryBackoffLimit(REQUEST_RETRY_BACKOFF_LIMIT);
        return config;
    }

    private static Config read(Path kubeconfig, String context) throws EngineException {
        String what = "the kubeconfig " + (kubeconfig == null ? defaultKubeconfig() : kubeconfig.toString())
                + (context == null ? "" : " (context " + context + ")");
        try {
            if (kubeconfig != null) {
                if (Files.isDirectory(kubeconfig)) {
                    // --kubeconfig ~/.kube
                    throw new InvalidInputException("kubeconfig " + kubeconfig + " is a directory: give the file, e.g. " + kubeconfig.resolve("config"));
                }
                if (!Files.isRegularFile(kubeconfig)) {
                    throw new InvalidInputException("kubeconfig " + kubeconfig + " does not exist: give the path of your kubeconfig file");
                }
                return Config.fromKubeconfig(context, kubeconfig.toFile());
            }
            return Config.autoConfigure(context);
        } catch (RuntimeException e) { // KubernetesClientException included
            if (isYaml(e)) {
                throw notYaml(what, e);
            }
            // its message may quote the file (a value that did not parse), so only its type is shown
            throw new EngineException("cannot load " + what + " (" + e.getClass().getSimpleName()
                    + "): check that it is a kubeconfig (kubectl --kubeconfig FILE config view) and that the context exists");
        }
    }

    /** A YAML parser's error, possibly wrapped by fabric8 (a few causes deep at most). */
    private static boolean isYaml(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 5; depth++, t = t.getCause()) {
            if (t.getClass().getName().toLowerCase(Locale.ROOT).contains("yaml")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The parser's message quotes the file around the error, where a token or a key may stand: keep
     * its positions only. SnakeYAML names where the error was found last, and before it, if that was
     * elsewhere, where what it was reading started (an unclosed quote is found at the end of the file).
     */
    private static InvalidInputException notYaml(String what, Throwable e) {
        List<String> positions = List.of();
        Throwable t = e;
        for (int depth = 0; t != null && depth < 5 && positions.isEmpty(); depth++, t = t.getCause()) {
            positions = POSITION.matcher(String.valueOf(t.getMessage())).results().map(MatchResult::group).distinct().toList();
        }
        String where = "";
        if (!positions.isEmpty()) {
            String found = positions.get(positions.size() - 1);
            where = " (" + found + (positions.size() > 1 ? ", in what starts at " + positions.get(0) : "") + ")";
        }
        return new InvalidInputException(what + " is not valid YAML" + where
                + ": correct the file (kubectl config view shows what kubectl makes of it)");
    }

    private static String describe(Path kubeconfig, Config config) {
        if (kubeconfig != null) {
            return " " + kubeconfig;
        }
        return config.getFile() == null ? "" : " " + config.getFile();
    }

    private static String known(Config config) {
        List<String> names = contexts(config).stream().map(NamedContext::getName).toList();
        return names.isEmpty() ? " (it has none)" : " (it has " + String.join(", ", names) + ")";
    }

    private static List<NamedContext> contexts(Config config) {
        return config.getContexts() == null ? List.of() : config.getContexts();
    }

    /** The file fabric8 reads without a kubeconfig given: the kubeconfig property, $KUBECONFIG, else ~/.kube/config. */
    private static String defaultKubeconfig() {
        String file = System.getProperty("kubeconfig", System.getenv("KUBECONFIG"));
        return file != null && !file.isBlank() ? file : Path.of(System.getProperty("user.home"), ".kube", "config").toString();
    }
}
