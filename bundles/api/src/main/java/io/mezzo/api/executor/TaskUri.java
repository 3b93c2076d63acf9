package io.mezzo.api.executor;

import java.util.Objects;
import java.util.Optional;

/**
 * A file to put into the sandbox before the task starts (Mesos' {@code CommandInfo.URI}).
 *
 * @param value where to get it; executors must support at least local paths and {@code file://} URIs
 * @param executable whether to make the copy executable
 * @param extract whether to unpack an archive ({@code .tar}, {@code .tar.gz}, {@code .tgz}, {@code .zip})
 *     into the sandbox instead of copying it
 * @param outputFile the name to give the copy inside the sandbox; defaults to the URI's last path segment
 */
public record TaskUri(String value, boolean executable, boolean extract, Optional<String> outputFile) {

    public TaskUri {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(outputFile, "outputFile");
    }

    /** A plain copy, neither executable nor extracted. */
    public static TaskUri of(String value) {
        return new TaskUri(value, false, false, Optional.empty());
    }
}
