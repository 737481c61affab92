package org.edgewise.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code ./edgewise run} as a person uses it, on a data directory and port of its own: its summary, the
 * command line against the local cloud it starts, a second run beside it, and its end by Ctrl-C (SIGINT to
 * its whole process group, as a terminal sends it) or by its Master's exit, after which nothing of it runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunScriptIT {

    static final Duration START = Duration.ofMinutes(6);
    static final Duration DEADLINE = Duration.ofSeconds(120);
    static final Pattern BANNER = Pattern.compile("First start: sign in as 'admin' with password: (\\S+)");

    private final Path root = Path.of(System.getProperty("edgewise.root", "..")).toAbsolutePath().normalize();
    private final Path nodeJar = Path.of(System.getProperty("edgewise.node.jar", "target/edgewise-node.jar"));
    private final Path data = Path.of("target", "run-it", UUID.randomUUID().toString()).toAbsolutePath();
    private final int port = freePort();
    private final List<Process> started = new ArrayList<>();

    @AfterAll
    void stopWhatIsLeft() throws InterruptedException {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroy();
                p.waitFor(120, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    @Order(1)
    void aFirstRunSumsUpServesTheCommandLineKeepsASecondRunOutAndStopsEntirelyOnCtrlC() throws Exception {
        Path output = data.resolveSibling(data.getFileName() + "-first.out");
        Process run = script(output, true);
        // setsid makes the script a process group's leader just before it starts the script
        await().atMost(Duration.ofSeconds(10)).until(() -> processGroup(run.pid()) == run.pid());
        String summary = summary(run, output);

        assertTrue(summary.contains("\n  Releases:       app frontend kv kv-2 web web-2 web-3 web-broken (the first version of"
                + " each product published"), summary);
        assertTrue(summary.contains("the Master, 2 nodes and a test node"), summary);
        assertFalse(summary.contains("README.md"), summary);
        Matcher banner = BANNER.matcher(Files.readString(output));
        assertTrue(banner.find(), "the Master's first-start banner is in the output");
        assertTrue(summary.contains("\n  Administrator:  admin / " + banner.group(1) + " "), summary);
        long master = Long.parseLong(Files.readString(data.resolve("local-cloud/ready")).strip());

        String tree = commandLine(0, "request", "hello", releaseUrl("web"), "--parameter", "greeting=Bonjour").get(0);
        assertTrue(tree.matches("TREE-\\d+  hello"), "the tree's reference first: " + tree);
        String hello = started("hello", tree.split(" ")[0]);
        assertEquals("Hello from hello: Bonjour\n", fetch(hello));

        List<String> ordered = commandLine(0, "request", "ordered", "web", "--parameter", "greeting=Hallo");
        assertTrue(ordered.get(0).matches("SO-\\d+  confirmed"), "the order's reference and state first: " + ordered);
        String orderedTree = ordered.get(1).strip().split(" ")[0];
        assertTrue(ordered.get(1).matches("  TREE-\\d+  ordered  web default"), ordered.toString());
        assertEquals("Hello from ordered: Hallo\n", fetch(started("ordered", orderedTree)));
        List<String> noProduct = commandLine(1, "request", "nothing", "no-such-product");
        assertTrue(String.join("\n", noProduct).contains("No product named \"no-such-product\""), noProduct.toString());

        List<String> gone = commandLine(0, "request", "gone", releaseUrl("web"));
        String goneRoot = gone.get(1).strip().split(" ")[0];
        assertTrue(goneRoot.startsWith("INST-"), gone.toString());
        started("gone", goneRoot);
        assertTrue(commandLine(0, "destroy", goneRoot).get(0).matches("TREE-\\d+  gone is \\w+"));
        await().atMost(DEADLINE).pollInterval(Duration.ofSeconds(1)).until(
                () -> String.join("\n", commandLine(0, "show", goneRoot)).contains("reported destroyed"));
        String destroyed = String.join("\n", commandLine(0, "show", goneRoot));
        assertTrue(destroyed.contains("      url (was) = http://127."), destroyed);
        assertFalse(destroyed.contains("url = "), destroyed);
        List<String> unknown = commandLine(1, "show", "INST-999999");
        assertTrue(unknown.get(0).startsWith("edgewise-node: No tree INST-999999 among yours."), unknown.toString());

        String nodeLogs = nodeLogs();
        assertTrue(nodeLogs.contains("INFO Plan received: version "), nodeLogs);
        assertTrue(nodeLogs.contains(" (hello) instantiated in part"), nodeLogs);
        assertTrue(nodeLogs.contains(" destroyed: the services of part"), nodeLogs);
        List<ProcessHandle> nodes = nodeClients();
        assertEquals(3, nodes.size(), "two nodes and a test node");

        Path secondOutput = data.resolveSibling(data.getFileName() + "-second.out");
        Process second = script(secondOutput, false);
        assertTrue(second.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "a second run ends by itself");
        String refused = Files.readString(secondOutput);
        assertEquals(1, second.exitValue(), refused);
        assertTrue(refused.contains("Another ./edgewise run (pid " + run.pid() + ") is using " + data), refused);
        assertEquals(nodes, nodeClients(), "the second run starts no node");

        // without the run's own lock (a Master started by hand, say), a run still waits for its own Master
        Path lock = data.resolve("run.pid");
        Files.move(lock, data.resolve("run.pid.aside"));
        try {
            Path thirdOutput = data.resolveSibling(data.getFileName() + "-third.out");
            Process third = script(thirdOutput, false);
            assertTrue(third.waitFor(START.toSeconds(), TimeUnit.SECONDS), "a run whose Master cannot start ends by itself");
            String stopped = Files.readString(thirdOutput);
            assertEquals(1, third.exitValue(), stopped);
            assertTrue(stopped.contains("The Master stopped before it was ready"), stopped);
            assertFalse(stopped.contains("Local cloud running"), stopped);
            assertEquals(nodes, nodeClients(), "a run whose Master did not start starts no node");
        } finally {
            Files.move(data.resolve("run.pid.aside"), lock);
        }
        assertEquals("Hello from hello: Bonjour\n", fetch(hello), "the first run serves on");

        String signal = ignoresSigint(run.pid()) ? "TERM" : "INT";
        new ProcessBuilder("kill", "-" + signal, "--", "-" + run.pid()).inheritIO().start().waitFor();

        assertTrue(run.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "the script ends on SIG" + signal);
        assertTrue(Files.readString(output).contains("Stopping the local cloud"));
        assertNothingLeft(run.pid(), master);
        assertEquals(null, fetch(hello));
    }

    @Test
    @Order(2)
    void aLaterRunShowsNoPasswordAndEndsEntirelyWhenItsMasterExits() throws Exception {
        Path output = data.resolveSibling(data.getFileName() + "-later.out");
        Process run = script(output, true);
        String summary = summary(run, output);

        assertFalse(BANNER.matcher(Files.readString(output)).find(), "only a first start shows the password");
        assertTrue(summary.contains("\n  Administrator:  admin / the password printed on the first start"), summary);
        assertEquals(3, nodeClients().size(), "two nodes and a test node");

        long master = Long.parseLong(Files.readString(data.resolve("local-cloud/ready")).strip());
        ProcessHandle.of(master).orElseThrow().destroy();

        assertTrue(run.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "the script ends with its Master");
        assertTrue(Files.readString(output).contains("The Master stopped (exit code"), Files.readString(output));
        assertNothingLeft(run.pid(), master);
    }

    /** {@code ./edgewise run} on this test's data directory and port; as a process group leader if asked. */
    private Process script(Path output, boolean ownGroup) throws IOException {
        List<String> command = new ArrayList<>();
        if (ownGroup) {
            command.add("setsid");
        }
        command.add(root.resolve("edgewise").toString());
        command.add("run");
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = pb.environment();
        for (String name : List.of("EDGEWISE_ADMIN_PASSWORD", "EDGEWISE_RELEASES", "SERVER_ADDRESS", "EDGEWISE_TOKEN",
                "EDGEWISE_MASTER", "JAVA_OPTS")) {
            env.remove(name);
        }
        env.put("EDGEWISE_DATA_DIR", data.toString());
        env.put("PORT", Integer.toString(port));
        env.put("EDGEWISE_LOCAL_NODES", "2");
        env.remove("EDGEWISE_LOCAL_TEST_NODES"); // the script's default: one test node
        env.put("EDGEWISE_LOCAL_ADDRESS_BLOCK", "31"); // addresses of its own, beside the other end-to-end tests
        env.put("EDGEWISE_POLL_INTERVAL", "PT1S");
        env.put("SPRING_APPLICATION_JSON", "{\"edgewise\":{\"allocation\":{\"interval\":\"PT1S\"}}}");
        Files.createDirectories(data.getParent());
        Process process = pb.start();
        started.add(process);
        return process;
    }

    /** Waits for the script's summary; returns it, from its first line to its list of releases. */
    private String summary(Process run, Path output) {
        Pattern summary = Pattern.compile("Local cloud running.*?\n  Releases: [^\n]*\n", Pattern.DOTALL);
        String[] found = new String[1];
        await().atMost(START).pollInterval(Duration.ofMillis(500)).until(() -> {
            String out = Files.readString(output);
            if (!run.isAlive()) {
                throw new IllegalStateException("./edgewise run ended:\n" + out);
            }
            Matcher m = summary.matcher(out);
            found[0] = m.find() ? m.group() : null;
            return found[0] != null;
        });
        return found[0];
    }

    /** The command line's output (standard output, then standard error), once it exited with the given code. */
    private List<String> commandLine(int exit, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LocalCloudHarness.java(), "-jar", nodeJar.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--master", "http://127.0.0.1:" + port, "--token",
                Files.readString(data.resolve("local-cloud/demo-api-token")).strip()));
        Path out = Files.createTempFile(data, "cli", ".out");
        Path err = Files.createTempFile(data, "cli", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", args));
        List<String> lines = new ArrayList<>(Files.readAllLines(out));
        lines.addAll(Files.readAllLines(err));
        assertEquals(exit, p.exitValue(), String.join(" ", args) + ": " + lines);
        return lines;
    }

    /** Waits until `show` says the tree's instance of that title runs and has a URL; returns the URL. */
    private String started(String title, String reference) {
        Pattern url = Pattern.compile("\\n      url = (http://\\S+)");
        String[] found = new String[1];
        await().atMost(DEADLINE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            String shown = String.join("\n", commandLine(0, "show", reference));
            Matcher m = url.matcher(shown);
            if (shown.contains("  " + title + "  requested started, reported started") && m.find()) {
                found[0] = m.group(1);
                return true;
            }
            return false;
        });
        return found[0];
    }

    private String releaseUrl(String name) {
        return root.resolve("releases").resolve(name).toUri().toString().replaceAll("/$", "");
    }

    private String nodeLogs() throws IOException {
        StringBuilder logs = new StringBuilder();
        for (int n = 1; n <= 2; n++) {
            logs.append(Files.readString(data.resolve("local-cloud/local-node-" + n + "/node.log")));
        }
        return logs.toString();
    }

    private List<ProcessHandle> nodeClients() {
        return ofDataDirectory().filter(p -> p.info().commandLine().orElse("").contains(" run --config ")).toList();
    }

    /** Processes whose command line names this test's data directory: nodes, services, PostgreSQL. */
    private Stream<ProcessHandle> ofDataDirectory() {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(data.toString()));
    }

    private void assertNothingLeft(long group, long master) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertFalse(ProcessHandle.of(master).map(ProcessHandle::isAlive).orElse(false), "the Master is gone");
            assertEquals(List.of(), inGroup(group), "nothing of the script's process group runs");
            assertEquals(List.of(), ofDataDirectory().map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                    .toList(), "nothing of the data directory runs");
        });
        assertFalse(Files.exists(data.resolve("run.pid")), "the run's lock is gone");
    }

    private static List<String> inGroup(long group) throws IOException {
        List<String> members = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if (processGroup(Long.parseLong(proc.getFileName().toString())) == group) {
                        members.add(proc.getFileName() + " " + Files.readString(proc.resolve("cmdline")).replace('\0', ' '));
                    }
                } catch (IOException gone) {
                    // ended while we looked
                }
            }
        }
        return members;
    }

    /** The process group of a process, from /proc/PID/stat: the fields after the command's closing parenthesis. */
    private static long processGroup(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
    }

    /**
     * Whether the process ignores SIGINT: what a shell's background job inherits, and then no trap can
     * change. The script of a test run in such a background job is stopped by SIGTERM to its group instead.
     */
    private static boolean ignoresSigint(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring(7).strip(), 16) & 2) != 0;
            }
        }
        return false;
    }

    private static String fetch(String url) {
        return LocalCloudHarness.fetch(java.net.http.HttpClient.newHttpClient(), url);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
