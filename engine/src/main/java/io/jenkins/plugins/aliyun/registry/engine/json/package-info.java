/**
 * A small, strict JSON reader for the push path: the registry's manifests, configs, error bodies
 * and token answers, a tarball's {@code manifest.json}, an OCI layout's {@code index.json} and the
 * docker {@code config.json}. It exists for start-up time: Jackson's {@code ObjectMapper} costs
 * ~60–100 ms of class loading in a fresh JVM, more than a whole repeat push should take. Jackson
 * stays for writing files and for Kubernetes.
 */
package io.jenkins.plugins.aliyun.registry.engine.json;
