package io.mezzo.itests;

import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * Pax Exam options that boot the built Mezzo distribution (not a stock Karaf) on free ports, so a
 * distribution running on the default ports and the tests never clash. The chosen ports reach the
 * test code inside the container as system properties ({@link #httpPort()} and friends).
 */
public final class MezzoDistribution {
    static final String HTTP_PORT = "mezzo.it.http.port";
    static final String ZK_PORT = "mezzo.it.zk.port";

    private MezzoDistribution() {
    }

    /** Options for the driver side: the distribution, free ports, a local-only Maven resolver. */
    public static Option[] options(Option... extra) {
        String assembly = System.getProperty("mezzo.assembly.archive");
        String m2 = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        int http = freePort();
        int zk = freePort();
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration()
                        .frameworkUrl(new File(assembly).toURI().toString())
                        .name("Mezzo")
                        .unpackDirectory(new File("target/exam"))
                        .useDeployFolder(false),
                keepRuntimeFolder(),
                configureConsole().ignoreLocalConsole(),
                logLevel(LogLevel.INFO),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(http)),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.ops4j.pax.web.listening.addresses", "127.0.0.1"),
                editConfigurationFilePut("etc/io.mezzo.zookeeper.cfg", "port", Integer.toString(zk)),
                // the master and the agent find that ZooKeeper, and the master advertises the moved port,
                // so a node running on the default ports is never joined by mistake
                editConfigurationFilePut("etc/io.mezzo.master.cfg", "zk", "zk://127.0.0.1:" + zk + "/mezzo"),
                editConfigurationFilePut("etc/io.mezzo.master.cfg", "port", Integer.toString(http)),
                editConfigurationFilePut("etc/io.mezzo.agent.cfg", "master", "zk://127.0.0.1:" + zk + "/mezzo"),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(freePort())),
                // resolve mvn: URLs (Pax Exam's own bundles) from the build's local repository only
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", m2),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", ""),
                systemProperty(HTTP_PORT).value(Integer.toString(http)),
                systemProperty(ZK_PORT).value(Integer.toString(zk)),
                // test libraries used by code running inside the container
                testLibrary("org.assertj", "assertj-core", "assertj.version"),
                testLibrary("net.bytebuddy", "byte-buddy", "bytebuddy.version"),
                testLibrary("org.hamcrest", "hamcrest", "hamcrest.version"),
                testLibrary("org.awaitility", "awaitility", "awaitility.version")));
        options.addAll(Arrays.asList(extra));
        return options.toArray(new Option[0]);
    }

    /** Inside the container: the master's HTTP port chosen for this run. */
    public static int httpPort() {
        return Integer.getInteger(HTTP_PORT);
    }

    /** Inside the container: the embedded ZooKeeper's port chosen for this run. */
    public static int zkPort() {
        return Integer.getInteger(ZK_PORT);
    }

    private static Option testLibrary(String groupId, String artifactId, String versionProperty) {
        return mavenBundle(groupId, artifactId, System.getProperty(versionProperty));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
