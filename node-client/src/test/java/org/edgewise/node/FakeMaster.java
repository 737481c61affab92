package org.edgewise.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/** The node API as a plain HTTP server on a free loopback port, answering as the test's handler says. */
final class FakeMaster implements AutoCloseable {

    private final HttpServer server;

    private FakeMaster(HttpServer server) {
        this.server = server;
    }

    static FakeMaster serving(HttpHandler nodeApi) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/node/v1/", nodeApi);
        server.start();
        return new FakeMaster(server);
    }

    /** Writes a node's settings in {@code dir}: one partition, polling this server; returns their file. */
    Path nodeConfig(Path dir) throws IOException {
        Path file = dir.resolve("node.properties");
        NodeConfig config = NodeConfig.load(file);
        config.master = url();
        config.credential = "not-checked";
        config.partitions = 1;
        config.save(file);
        return file;
    }

    /** The server's base URL, as a node's settings name the Master. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
