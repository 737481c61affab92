package org.edgewise.node;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One node client per instance root: a second one on the same partitions would start every service twice,
 * each crashing on the address the other holds. The lock is the operating system's, so it goes with the
 * process however that ends; the file also says which process holds it, for the message to the next one.
 */
final class NodeLock implements AutoCloseable {

    static final String FILE = "node.lock";

    private final FileChannel channel;

    private NodeLock(FileChannel channel) {
        this.channel = channel;
    }

    /** Takes the instance root for this process, or says which node client has it. */
    static NodeLock acquire(Path instanceRoot, Path settings) throws IOException {
        Files.createDirectories(instanceRoot);
        Path file = instanceRoot.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very process
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
            channel.close();
            throw new IllegalStateException("Another node client runs on " + instanceRoot
                    + (holder.isEmpty() ? "" : " (" + holder + ")")
                    + ". Stop it first, or give this one its own settings and instance root.");
        }
        byte[] holder = ("pid " + ProcessHandle.current().pid() + ", settings in " + settings.toAbsolutePath() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(holder), 0);
        channel.force(false);
        return new NodeLock(channel);
    }

    /** Releases the instance root (closing the file releases its lock). */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
