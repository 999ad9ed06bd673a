package io.jenkins.plugins.aliyun.registry.engine.push;

/** A blob the destination has: what a manifest needs to name it. */
record PushedBlob(String digest, long size, String mediaType) {}
