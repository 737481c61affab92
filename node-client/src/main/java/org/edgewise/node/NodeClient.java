package org.edgewise.node;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The node client's command line. */
@Command(name = "edgewise-node", mixinStandardHelpOptions = true, versionProvider = NodeClient.Version.class,
        description = "Runs on every computer of an Edgewise infrastructure: polls the Master and executes what it records.",
        subcommands = { NodeClient.Enrol.class, NodeClient.Format.class, NodeClient.Run.class, NodeClient.CheckUrl.class,
                Requester.Request.class, Requester.ListTrees.class, Requester.Show.class, Requester.Destroy.class,
                Requester.Supply.class })
public class NodeClient implements Callable<Integer> {

    @Option(names = { "-c", "--config" }, defaultValue = "node.properties", scope = CommandLine.ScopeType.INHERIT,
            description = "The node's settings file (default: ${DEFAULT-VALUE}).")
    Path configFile;

    /** One line per event: time, level, message (and the exception's trace, if any). */
    static final String LOG_FORMAT = "%1$tF %1$tT %4$s %5$s%6$s%n";

    public static void main(String[] args) {
        configureLogging();
        System.exit(commandLine().execute(args));
    }

    /**
     * The log's format, and {@link NodeLog} as the log manager, unless the command line sets them. Done
     * before any logger exists, and without running any code of NodeLog: that would initialise the JDK's log
     * manager, its superclass, before the setting that names NodeLog is made.
     */
    static void configureLogging() {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", NodeLog.class.getName());
        }
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", LOG_FORMAT);
        }
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new NodeClient());
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("edgewise-node: " + e.getMessage());
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
        return cli;
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

    /** How releases call this program back, e.g. for {@code check-url}: {@code java -jar <this jar>}. */
    static String selfCommand() {
        try {
            Path jar = Path.of(NodeClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            return jar.toString().endsWith(".jar") ? java + " -jar " + jar
                    : java + " -cp " + System.getProperty("java.class.path") + " " + NodeClient.class.getName();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Command(name = "enrol", description = "Exchange an enrolment token for this computer's credential and save the settings.")
    static class Enrol implements Callable<Integer> {
        @CommandLine.ParentCommand
        NodeClient parent;

        @Option(names = "--master", required = true, description = "The Master's URL, e.g. http://localhost:8080")
        String master;

        @Option(names = "--token", required = true, description = "The one-time enrolment token an operator made.")
        String token;

        @Option(names = "--partitions", defaultValue = "10", description = "How many partitions (default: ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = "--address-prefix", defaultValue = "127.1.0.",
                description = "Partition P gets this prefix + (P+1) as its address (default: ${DEFAULT-VALUE}).")
        String addressPrefix;

        @Option(names = "--instance-root", description = "Where partitions live (default: instances/ beside the settings).")
        Path instanceRoot;

        @Option(names = "--software-root", description = "Where releases are built (default: software/ beside the settings).")
        Path softwareRoot;

        @Option(names = "--usage-interval", defaultValue = "60", paramLabel = "SECONDS",
                description = "How often usage is measured and reported to the Master (default: ${DEFAULT-VALUE}).")
        long usageInterval;

        @Override
        public Integer call() throws IOException {
            if (usageInterval < 1) {
                throw new IllegalArgumentException("--usage-interval is a number of seconds from 1");
            }
            NodeConfig config = NodeConfig.load(parent.configFile);
            var answer = new Master(master, null).post("/api/node/v1/enrol", java.util.Map.of("token", token));
            config.master = master;
            config.credential = answer.body().get("credential").asText();
            config.partitions = partitions;
            config.addressPrefix = addressPrefix;
            config.usageInterval = Duration.ofSeconds(usageInterval);
            if (instanceRoot != null) {
                config.instanceRoot = instanceRoot.toAbsolutePath();
            }
            if (softwareRoot != null) {
                config.softwareRoot = softwareRoot.toAbsolutePath();
            }
            config.save(parent.configFile);
            System.out.println("Enrolled as " + answer.body().get("computer").asText() + "; settings in " + parent.configFile);
            return 0;
        }
    }

    @Command(name = "format", description = "Create the partitions and report them to the Master (safe to repeat).")
    static class Format implements Callable<Integer> {
        @CommandLine.ParentCommand
        NodeClient parent;

        @Override
        public Integer call() throws IOException {
            NodeConfig config = NodeConfig.load(parent.configFile);
            config.requireEnrolled();
            var partitions = Agent.format(config, new Master(config.master, config.credential));
            System.out.println(partitions.size() + " partitions in " + config.instanceRoot);
            return 0;
        }
    }

    @Command(name = "run", description = "Format, then poll the Master and execute what it records, until stopped "
            + "(SIGTERM or Ctrl-C stops the services it runs, then the node). One node client per instance root.")
    static class Run implements Callable<Integer> {
        @CommandLine.ParentCommand
        NodeClient parent;

        @Override
        public Integer call() throws Exception {
            NodeConfig config = NodeConfig.load(parent.configFile);
            config.requireEnrolled();
            try (NodeLock lock = NodeLock.acquire(config.instanceRoot, parent.configFile)) {
                new Agent(config, selfCommand()).run();
            }
            return 0;
        }
    }

    @Command(name = "check-url", description = "A promise: succeed when the URL answers 2xx (and contains the text, if given).")
    static class CheckUrl implements Callable<Integer> {
        @Parameters(index = "0")
        String url;

        @Option(names = "--contains")
        String contains;

        @Option(names = "--timeout", defaultValue = "5", description = "Seconds (default: ${DEFAULT-VALUE}).")
        int timeout;

        @Override
        public Integer call() {
            try {
                HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(timeout)).build()
                        .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(timeout)).build(),
                                HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 != 2) {
                    System.out.println(url + " answered " + r.statusCode());
                    return 1;
                }
                if (contains != null && !r.body().contains(contains)) {
                    System.out.println(url + " does not contain \"" + contains + "\"");
                    return 1;
                }
                return 0;
            } catch (IOException e) {
                System.out.println(url + " does not answer: " + e.getMessage());
                return 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
    }
}
