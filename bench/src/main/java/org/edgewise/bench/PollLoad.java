package org.edgewise.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import org.HdrHistogram.Histogram;

/**
 * Simulated nodes polling their plan over real HTTP with keep-alive, from a fixed number of client
 * threads, each serving its share of the computers in turn. Either unchanged polls (If-None-Match with
 * the current ETag, answered 304) or full ones (no If-None-Match, answered 200 with the plan).
 *
 * <p>Three clients: {@code raw} (a plain socket per thread, one request in flight), {@code pipelined}
 * (a plain socket per thread with several requests in flight) and {@code jdk} (java.net.http.HttpClient,
 * synchronous sends from the threads).
 */
final class PollLoad {

    /** One simulated node: its credential and the ETag of the plan it last saw. */
    static final class Node {
        final String credential;
        String etag;
        byte[] conditional;
        byte[] full;
        HttpRequest jdkConditional;
        HttpRequest jdkFull;

        Node(String credential, String etag) {
            this.credential = credential;
            this.etag = etag;
        }
    }

    record Result(String mode, int clients, boolean conditional, double seconds, long answers, long expected,
            long changed, long errors, long connects, long resent, Histogram latencyMicros, Cpu.Split cpu,
            String firstError) {

        double perSecond() {
            return answers / seconds;
        }

        double p50Millis() {
            return latencyMicros.getValueAtPercentile(50) / 1000.0;
        }

        double p99Millis() {
            return latencyMicros.getValueAtPercentile(99) / 1000.0;
        }

        /** One line of the report: throughput, latencies, what went wrong, and the CPU it cost. */
        String describe() {
            return String.format("  %-9s %3d clients: %7.0f polls/s, p50 %6.2f ms, p99 %7.2f ms, %d answers in %.0f s"
                    + "%s%s%s%s | %s", mode, clients, perSecond(), p50Millis(), p99Millis(), answers, seconds,
                    changed > 0 ? ", " + changed + " plans changed" : "",
                    errors > 0 ? ", " + errors + " ERRORS (" + firstError + ")" : "",
                    mode.equals("jdk") ? "" : ", " + connects + " connections",
                    resent > 0 ? ", " + resent + " sent again" : "", cpu.describe()) + String.format(
                    "; Master+PostgreSQL CPU per poll %.0f us", 1e6 * (cpu.master() + cpu.postgres())
                            / Math.max(1, perSecond() * cpu.wall()));
        }
    }

    private static final long MAX_REQUESTS_PER_THREAD = 100_000_000L;

    private final String host;
    private final int port;
    private final List<Node> nodes;
    private final Cpu.Watched watched;

    PollLoad(String host, int port, List<Node> nodes, Cpu.Watched watched) {
        this.host = host;
        this.port = port;
        this.nodes = nodes;
        this.watched = watched;
    }

    /** Unmeasured polls, so that the Master's JIT compiler has done most of its work before the first run. */
    void jitWarmup(int clients, boolean conditional, int seconds) throws InterruptedException {
        System.out.printf("  ... warming up for %d s (not measured)%n", seconds);
        run("raw", clients, conditional, 1, 0, seconds);
    }

    Result run(String mode, int clients, boolean conditional, int pipelineDepth, int warmupSeconds, int seconds)
            throws InterruptedException {
        int threads = Math.min(clients, nodes.size());
        int depth = mode.equals("pipelined") ? pipelineDepth : 1;
        HttpClient jdk = mode.equals("jdk") ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(2, r -> {
                    Thread t = new Thread(r, "jdk-http");
                    t.setDaemon(true);
                    return t;
                })).build() : null;
        long start = System.nanoTime();
        long measureFrom = start + warmupSeconds * 1_000_000_000L;
        long measureTo = measureFrom + seconds * 1_000_000_000L;
        Worker[] workers = new Worker[threads];
        Thread[] running = new Thread[threads];
        AtomicReference<String> firstError = new AtomicReference<>();
        Cpu.Mark[] cpuFrom = new Cpu.Mark[1];
        for (int t = 0; t < threads; t++) {
            List<Node> share = new ArrayList<>();
            for (int i = t; i < nodes.size(); i += threads) {
                share.add(nodes.get(i));
            }
            workers[t] = new Worker(share, conditional, depth, jdk, measureFrom, measureTo, firstError);
            running[t] = new Thread(workers[t], "poll-" + t);
            running[t].setDaemon(true);
        }
        for (Thread t : running) {
            t.start();
        }
        Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
        cpuFrom[0] = Cpu.mark(watched);
        Thread.sleep(Math.max(0, (measureTo - System.nanoTime()) / 1_000_000));
        Cpu.Split cpu = Cpu.since(cpuFrom[0], watched);
        for (Thread t : running) {
            t.join(60_000);
            if (t.isAlive()) {
                t.interrupt(); // a socket read times out after 30 s at most
            }
        }
        Histogram all = new Histogram(60_000_000L, 3);
        long answers = 0;
        long expected = 0;
        long changed = 0;
        long errors = 0;
        long connects = 0;
        long resent = 0;
        for (Worker w : workers) {
            all.add(w.histogram);
            answers += w.answers;
            expected += w.expected;
            changed += w.changed;
            errors += w.errors;
            connects += w.connects();
            resent += w.resent;
        }
        return new Result(mode, threads, conditional, seconds, answers, expected, changed, errors, connects, resent, all,
                cpu, firstError.get());
    }

    private final class Worker implements Runnable {
        final List<Node> share;
        final boolean conditional;
        final int depth;
        final HttpClient jdk;
        final long measureFrom;
        final long measureTo;
        final AtomicReference<String> firstError;
        final Histogram histogram = new Histogram(60_000_000L, 3);
        final RawConnection connection = new RawConnection(host, port);
        long answers;
        long expected;
        long changed;
        long errors;
        long resent;
        int jdkConnects;

        Worker(List<Node> share, boolean conditional, int depth, HttpClient jdk, long measureFrom, long measureTo,
                AtomicReference<String> firstError) {
            this.share = share;
            this.conditional = conditional;
            this.depth = depth;
            this.jdk = jdk;
            this.measureFrom = measureFrom;
            this.measureTo = measureTo;
            this.firstError = firstError;
        }

        long connects() {
            return connection.connects + jdkConnects;
        }

        @Override
        public void run() {
            try {
                if (jdk != null) {
                    runJdk();
                } else {
                    runRaw();
                }
            } catch (RuntimeException | IOException e) {
                errors++;
                firstError.compareAndSet(null, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                connection.close();
            }
        }

        private void runRaw() throws IOException {
            byte[] out = new byte[64 * 1024];
            Node[] inFlight = new Node[depth];
            int next = 0;
            int carried = 0; // requests of the last batch that got no answer, sent again first
            long sent = 0;
            while (sent < MAX_REQUESTS_PER_THREAD) {
                long now = System.nanoTime();
                if (now >= measureTo && carried == 0) {
                    return;
                }
                int n = carried;
                while (n < depth) {
                    inFlight[n++] = share.get(next);
                    next = next + 1 == share.size() ? 0 : next + 1;
                }
                resent += carried;
                int length = 0;
                for (int i = 0; i < n; i++) {
                    byte[] request = request(inFlight[i]);
                    System.arraycopy(request, 0, out, length, request.length);
                    length += request.length;
                }
                int answered = 0;
                long sentAt = System.nanoTime();
                try {
                    connection.write(out, length);
                    sent += n;
                    while (answered < n) {
                        connection.read();
                        done(inFlight[answered], connection.status, connection.etag, sentAt, System.nanoTime());
                        answered++;
                        if (connection.closeAfter) {
                            break; // the Master closes after its keep-alive limit; the rest is sent again
                        }
                    }
                } catch (IOException e) {
                    connection.close(); // the connection went away between answers; what got no answer is sent again
                    if (answered == 0 && !connection.isOpen() && e instanceof java.net.ConnectException) {
                        throw e;
                    }
                }
                carried = n - answered;
                if (carried > 0) {
                    System.arraycopy(inFlight, answered, inFlight, 0, carried);
                    if (System.nanoTime() >= measureTo + 10_000_000_000L) {
                        return;
                    }
                }
            }
        }

        private void runJdk() throws IOException, InterruptedException {
            for (long sent = 0; sent < MAX_REQUESTS_PER_THREAD && System.nanoTime() < measureTo; sent++) {
                Node node = share.get((int) (sent % share.size()));
                HttpRequest request = jdkRequest(node);
                long sentAt = System.nanoTime();
                HttpResponse<Void> response = jdk.send(request, HttpResponse.BodyHandlers.discarding());
                done(node, response.statusCode(), response.headers().firstValue("ETag").orElse(null), sentAt,
                        System.nanoTime());
            }
        }

        private void done(Node node, int status, String etag, long sentAt, long answeredAt) {
            boolean measured = answeredAt >= measureFrom && answeredAt <= measureTo;
            if (status == 304 && conditional || status == 200 && !conditional) {
                if (measured) {
                    expected++;
                }
            } else if (status == 200 && conditional) {
                if (measured) {
                    changed++; // the plan moved on: poll with the new ETag from now on
                }
                node.etag = etag;
                node.conditional = null;
                node.jdkConditional = null;
            } else {
                if (measured) {
                    errors++;
                }
                firstError.compareAndSet(null, "status " + status);
            }
            if (measured) {
                answers++;
                histogram.recordValue(Math.max(1, Math.min((answeredAt - sentAt) / 1000, 60_000_000L)));
            }
        }

        private byte[] request(Node node) {
            if (conditional) {
                if (node.conditional == null) {
                    node.conditional = rawRequest(node, node.etag);
                }
                return node.conditional;
            }
            if (node.full == null) {
                node.full = rawRequest(node, null);
            }
            return node.full;
        }

        private byte[] rawRequest(Node node, String etag) {
            return ("GET /api/node/v1/plan HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: Bearer "
                    + node.credential + "\r\n" + (etag == null ? "" : "If-None-Match: " + etag + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }

        private HttpRequest jdkRequest(Node node) {
            if (conditional) {
                if (node.jdkConditional == null) {
                    node.jdkConditional = jdkBuilder(node).header("If-None-Match", node.etag).build();
                }
                return node.jdkConditional;
            }
            if (node.jdkFull == null) {
                node.jdkFull = jdkBuilder(node).build();
            }
            return node.jdkFull;
        }

        private HttpRequest.Builder jdkBuilder(Node node) {
            return HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/api/node/v1/plan"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + node.credential).GET();
        }
    }
}
