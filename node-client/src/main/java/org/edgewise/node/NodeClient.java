package org.edgewise.node;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The node client's command line. Its commands arrive with the node protocol of the Master. */
@Command(name = "edgewise-node", mixinStandardHelpOptions = true, versionProvider = NodeClient.Version.class,
        description = "Runs on every computer of an Edgewise infrastructure: polls the Master and executes what it records.")
public class NodeClient implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(new CommandLine(new NodeClient()).execute(args));
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    static class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = NodeClient.class.getPackage().getImplementationVersion();
            return new String[] { "edgewise-node " + (version == null ? "development" : version) };
        }
    }
}
