package org.edgewise.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Properties;

/**
 * A node's settings, kept in a properties file beside its data so that a restart needs no flags:
 * the Master's URL, this computer's credential, where partitions and software live, how many
 * partitions and which addresses they get, how often usage is measured and where it waits to be sent.
 */
final class NodeConfig {

    String master;
    String credential;
    Path instanceRoot;
    Path softwareRoot;
    int partitions = 10;
    /** Partition P gets the address prefix + (P + 1), e.g. 127.1.0.1 for partition 0. */
    String addressPrefix = "127.1.0.";
    /** How often usage is measured and reported: one batch per interval. */
    Duration usageInterval = DEFAULT_USAGE_INTERVAL;
    /** Where measured usage is kept until the Master has it. */
    Path usageSpool;

    static final Duration DEFAULT_USAGE_INTERVAL = Duration.ofSeconds(60);

    static NodeConfig load(Path file) throws IOException {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
        }
        NodeConfig c = new NodeConfig();
        Path base = file.toAbsolutePath().getParent();
        c.master = p.getProperty("master");
        c.credential = p.getProperty("credential");
        c.instanceRoot = base.resolve(p.getProperty("instance-root", "instances"));
        c.softwareRoot = base.resolve(p.getProperty("software-root", "software"));
        c.partitions = Integer.parseInt(p.getProperty("partitions", "10"));
        c.addressPrefix = p.getProperty("address-prefix", "127.1.0.");
        c.usageInterval = Duration.ofSeconds(Long.parseLong(p.getProperty("usage-interval",
                Long.toString(DEFAULT_USAGE_INTERVAL.toSeconds()))));
        c.usageSpool = base.resolve(p.getProperty("usage-spool", "usage-spool"));
        return c;
    }

    /** Writes the settings atomically, readable by the owner only (the credential is a secret). */
    void save(Path file) throws IOException {
        Properties p = new Properties();
        if (master != null) {
            p.setProperty("master", master);
        }
        if (credential != null) {
            p.setProperty("credential", credential);
        }
        p.setProperty("instance-root", instanceRoot.toString());
        p.setProperty("software-root", softwareRoot.toString());
        p.setProperty("partitions", Integer.toString(partitions));
        p.setProperty("address-prefix", addressPrefix);
        p.setProperty("usage-interval", Long.toString(usageInterval.toSeconds()));
        p.setProperty("usage-spool", usageSpool.toString());
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".node", ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "Edgewise node");
        }
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to restrict
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    String address(int partition) {
        return addressPrefix + (partition + 1);
    }

    void requireEnrolled() {
        if (master == null || credential == null) {
            throw new IllegalStateException("This node is not enrolled yet: run 'edgewise-node enrol --master URL --token TOKEN' first.");
        }
    }
}
