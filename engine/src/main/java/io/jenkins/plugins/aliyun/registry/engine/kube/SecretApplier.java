package io.jenkins.plugins.aliyun.registry.engine.kube;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import io.jenkins.plugins.aliyun.registry.engine.Text;
import java.nio.file.FileSystemException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Creates or updates a registry-login Secret in its namespace. Only a Secret this plugin made (one
 * with the label {@value DockerConfigSecret#MANAGED_BY_LABEL}={@value DockerConfigSecret#MANAGED_BY})
 * is ever changed: any other Secret of that name is left alone and the apply fails, so a Secret
 * someone else keeps under the name (a TLS key, another tool's registry login) is never overwritten.
 * An existing Secret of ours keeps its other data keys, labels and annotations; one of ours of another
 * type is deleted and created again, since a Secret's type cannot change in place.
 */
public final class SecretApplier {

    /** What applying did. */
    public enum Action {
        CREATED, UPDATED, UNCHANGED, REPLACED;

        /** Lowercase, as the command line prints it. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final int CONFLICT_RETRIES = 3;

    /** The most characters of the API server's own text a message quotes. */
    static final int MAX_QUOTED = 300;

    private final KubernetesClient client;

    public SecretApplier(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Sets up a client from {@code config} (as {@link KubernetesClientConfig#load} gives it), applies
     * {@code secret} with it and closes it: what the command line and the Jenkins step both do.
     *
     * @throws EngineException also when the client cannot be set up (a client certificate, key or CA
     *     that cannot be read or parsed): the message names the kubeconfig and the cause's type, never
     *     the key or certificate data
     */
    public static Action applyWith(Config config, Secret secret) throws EngineException {
        KubernetesClient client;
        try {
            client = new KubernetesClientBuilder().withConfig(config).build();
        } catch (RuntimeException e) {
            throw cannotSetUp(config, e);
        }
        try (client) {
            return new SecretApplier(client).apply(secret);
        }
    }

    /**
     * fabric8 reads the client certificate, key and CA when it builds the client, not when it loads the
     * kubeconfig; its own message says only "An error has occurred". The root cause's type tells which
     * kind of problem it is, and a file system error names its file; nothing else of it is shown, since
     * a parser's text may quote the key.
     */
    static EngineException cannotSetUp(Config config, RuntimeException e) {
        Throwable root = root(e);
        String cause = root.getClass().getSimpleName()
                + (root instanceof FileSystemException f && f.getFile() != null ? ": " + cap(Text.oneLine(f.getFile())) : "");
        if (config.getFile() == null) {
            return new EngineException("cannot set up the Kubernetes client from the configuration found without a kubeconfig"
                    + " (in-cluster service account) (" + cause + "): check the service account's token and ca.crt"
                    + " (/var/run/secrets/kubernetes.io/serviceaccount), or give a kubeconfig", e);
        }
        return new EngineException("cannot set up the Kubernetes client from the kubeconfig " + cap(Text.oneLine(config.getFile().toString()))
                + " (" + cause + "): check its client-certificate, client-key and certificate-authority files or data"
                + " (kubectl --kubeconfig FILE get ns shows whether kubectl can use it)", e);
    }

    /**
     * Applies {@code secret} (built by {@link DockerConfigSecret#of}).
     *
     * @throws EngineException with the cause and the fix when the cluster refuses; never with the Secret's data
     */
    public Action apply(Secret secret) throws EngineException {
        String namespace = secret.getMetadata().getNamespace();
        String name = secret.getMetadata().getName();
        for (int attempt = 1; ; attempt++) {
            try {
                return applyOnce(secret, namespace, name);
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409 && attempt < CONFLICT_RETRIES) {
                    continue;
                }
                throw explain(e, namespace, name);
            }
        }
    }

    private Action applyOnce(Secret secret, String namespace, String name) throws EngineException {
        var resource = client.secrets().inNamespace(namespace).withName(name);
        Secret existing = resource.get();
        if (existing == null) {
            client.secrets().inNamespace(namespace).resource(secret).create();
            return Action.CREATED;
        }
        if (!isOurs(existing)) {
            throw notOurs(existing, namespace, name);
        }
        if (!DockerConfigSecret.TYPE.equals(existing.getType())) {
            resource.delete();
            client.secrets().inNamespace(namespace).resource(secret).create();
            return Action.REPLACED;
        }
        Map<String, String> data = new HashMap<>(existing.getData() == null ? Map.of() : existing.getData());
        Map<String, String> labels = new HashMap<>(existing.getMetadata().getLabels() == null ? Map.of() : existing.getMetadata().getLabels());
        boolean sameData = Objects.equals(data.get(DockerConfigSecret.DATA_KEY), secret.getData().get(DockerConfigSecret.DATA_KEY));
        boolean sameLabels = labels.entrySet().containsAll(secret.getMetadata().getLabels().entrySet());
        if (sameData && sameLabels && (existing.getStringData() == null || existing.getStringData().isEmpty())) {
            return Action.UNCHANGED;
        }
        data.putAll(secret.getData());
        labels.putAll(secret.getMetadata().getLabels());
        Secret updated = new SecretBuilder(existing)
                .editMetadata().withLabels(labels).endMetadata()
                .withData(data)
                .withStringData(null)
                .build();
        client.secrets().inNamespace(namespace).resource(updated).update();
        return Action.UPDATED;
    }

    /** Whether {@code secret} carries the label {@link DockerConfigSecret#of} puts on every Secret it builds. */
    private static boolean isOurs(Secret secret) {
        Map<String, String> labels = secret.getMetadata() == null ? null : secret.getMetadata().getLabels();
        return labels != null && DockerConfigSecret.MANAGED_BY.equals(labels.get(DockerConfigSecret.MANAGED_BY_LABEL));
    }

    /** Why a Secret that exists under the name is not touched, and the ways out. */
    private static EngineException notOurs(Secret existing, String namespace, String name) {
        String label = DockerConfigSecret.MANAGED_BY_LABEL + "=" + DockerConfigSecret.MANAGED_BY;
        String type = Text.oneLine(existing.getType());
        Map<String, String> labels = existing.getMetadata().getLabels();
        String owner = labels == null ? "" : Text.oneLine(labels.get(DockerConfigSecret.MANAGED_BY_LABEL));
        return new EngineException("the Secret \"" + name + "\" in namespace \"" + namespace + "\" already exists"
                + (type.isEmpty() ? "" : " (type " + cap(type) + ")") + " and was not made by this plugin ("
                + (owner.isEmpty() ? "it has no label " + label : "its label " + DockerConfigSecret.MANAGED_BY_LABEL + " is \"" + cap(owner) + "\"")
                + "), so it is left as it is: choose another Secret name (secretName in the step, --name on the command line);"
                + " or, if it is meant to be managed by this plugin, delete it (kubectl delete secret " + name + " -n " + namespace
                + ") or add the label yourself (kubectl label secret " + name + " -n " + namespace + " --overwrite " + label + ")");
    }

    static EngineException explain(KubernetesClientException e, String namespace, String name) {
        String where = "Secret \"" + name + "\" in namespace \"" + namespace + "\"";
        return switch (e.getCode()) {
            case 401 -> new EngineException("Kubernetes rejected the login while writing the " + where
                    + " (HTTP 401): check the kubeconfig's user or token");
            case 403 -> new EngineException("Kubernetes refused to write the " + where
                    + " (HTTP 403): the account may not manage Secrets there; grant get, create, update and delete on secrets in \""
                    + namespace + "\" (a Role and RoleBinding), or use the namespace your agents run in");
            case 404 -> new EngineException("cannot write the " + where + " (HTTP 404): the namespace \"" + namespace
                    + "\" probably does not exist; create it (kubectl create namespace " + namespace + ") or use the namespace your Kaniko pods run in");
            case 422 -> new EngineException("Kubernetes found the " + where + " invalid (HTTP 422): " + whyInvalid(e.getStatus()));
            case 0, -1 -> new EngineException("cannot reach the Kubernetes API to write the " + where + ": "
                    + cap(Text.oneLine(rootCause(e))) + "; check the kubeconfig's server address and that the cluster is up");
            default -> new EngineException("Kubernetes answered HTTP " + e.getCode() + " while writing the " + where
                    + "; retry, and check the API server's health if it persists");
        };
    }

    /**
     * What a 422's Status says was rejected, on one line and with the fix: each cause's field and
     * message (its reason when it has no message), else the status message. Nothing else of the
     * answer is quoted, and the quoted text is capped at {@link #MAX_QUOTED} characters.
     */
    static String whyInvalid(Status status) {
        List<StatusCause> causes = status == null || status.getDetails() == null || status.getDetails().getCauses() == null
                ? List.of() : status.getDetails().getCauses();
        StringBuilder quoted = new StringBuilder();
        int shown = 0;
        int described = 0;
        int fields = 0;
        for (StatusCause cause : causes) {
            String text = describe(cause);
            if (text.isEmpty()) {
                continue;
            }
            described++;
            if (cause.getField() != null && !cause.getField().isBlank()) {
                fields++;
            }
            if (quoted.length() <= MAX_QUOTED) {
                quoted.append(quoted.length() > 0 ? "; " : "").append(text);
                shown++;
            }
        }
        if (quoted.length() > 0) {
            String all = quoted.length() > MAX_QUOTED || shown < described ? " (" + described + " causes in all)" : "";
            return cap(quoted.toString()) + (described > 1 ? all : "")
                    + (fields > 1 ? "; fix those fields" : fields == 1 ? "; fix that field" : "; fix the Secret accordingly");
        }
        String message = status == null ? "" : Text.oneLine(status.getMessage());
        // without a Status in the answer, fabric8 fills in the HTTP reason phrase, which tells nothing
        if (!message.isEmpty() && !message.equalsIgnoreCase("Unprocessable Entity")) {
            return cap(message) + "; fix the Secret's name, namespace or labels accordingly";
        }
        String reason = status == null ? "" : Text.oneLine(status.getReason());
        return "the API server gave no details" + (reason.isEmpty() ? "" : " (reason \"" + cap(reason) + "\")")
                + "; check that the Secret's name and namespace are lowercase RFC 1123 names and that its labels are valid";
    }

    /** {@code field: message}, or the reason when there is no message; "" when the cause is empty. */
    private static String describe(StatusCause cause) {
        String field = Text.oneLine(cause.getField());
        String message = Text.oneLine(cause.getMessage());
        if (message.isEmpty()) {
            message = Text.oneLine(cause.getReason());
        }
        if (field.isEmpty() || message.startsWith(field)) {
            return message;
        }
        return message.isEmpty() ? field : field + ": " + message;
    }

    /** {@code text} cut to {@link #MAX_QUOTED} characters (never inside a surrogate pair), marked with "…" when cut. */
    private static String cap(String text) {
        if (text.length() <= MAX_QUOTED) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_QUOTED - 1)) ? MAX_QUOTED - 1 : MAX_QUOTED;
        return text.substring(0, end) + "…";
    }

    private static String rootCause(Throwable e) {
        Throwable t = root(e);
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** The innermost cause (at most 20 deep, in case of a cycle). */
    private static Throwable root(Throwable e) {
        Throwable t = e;
        for (int depth = 0; depth < 20 && t.getCause() != null && t.getCause() != t; depth++) {
            t = t.getCause();
        }
        return t;
    }
}
