package io.berth.core.result;

/** What a path in a container is (docker's path stat): its last element, size, and whether it is a directory or a link. */
public record ContainerPath(String name, long size, boolean directory, String linkTarget) {}
