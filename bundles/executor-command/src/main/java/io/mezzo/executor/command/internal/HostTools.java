package io.mezzo.executor.command.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Absolute paths of the programs the executor relies on. Resolved once, because a task's
 * environment may set any {@code PATH} and the wrapper must still find {@code mv}.
 */
record HostTools(String setsid, String sh, String mv, String kill, String tar) {

    static HostTools detect() {
        return new HostTools(find("setsid"), find("sh"), find("mv"), find("kill"), find("tar"));
    }

    private static String find(String program) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        // let the OS search the JVM's PATH; launches fail with a clear message if it is missing
        return program;
    }
}
