package io.quarkiverse.authgateway.deployment;

import java.nio.file.Path;
import java.util.Objects;

import io.quarkus.builder.item.SimpleBuildItem;

/**
 * The policy report has been written, at {@link #getFile()}; the application starts only after it is.
 */
public final class PolicyReportBuildItem extends SimpleBuildItem {

    private final Path file;

    public PolicyReportBuildItem(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    public Path getFile() {
        return file;
    }
}
