/**
 * The engine of the Aliyun Container Registry plugin: image naming, registry endpoints, registry
 * login files, Kubernetes Secrets for Kaniko, and a daemonless image push. Plain Java, no Jenkins
 * types; callers (the Jenkins layer, the command line) pass everything in and receive values and
 * events back. Every error extends {@link io.jenkins.plugins.aliyun.registry.engine.EngineException}.
 */
package io.jenkins.plugins.aliyun.registry.engine;
