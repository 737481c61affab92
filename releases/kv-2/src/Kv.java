import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Version 2 of the small key-value data service, with the same data layout as version 1 (each value in a file
 * on disk, so an upgraded instance reads what version 1 stored): PUT /KEY stores, GET /KEY reads, and GET /
 * says how many keys it holds.
 */
public class Kv {
    public static void main(String[] args) throws Exception {
        String address = args[0];
        int port = Integer.parseInt(args[1]);
        Path data = Path.of(args[2]);
        long maxValueBytes = Long.parseLong(args[3]);
        Files.createDirectories(data);
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
        server.createContext("/", exchange -> {
            String key = exchange.getRequestURI().getPath().substring(1);
            if (key.isEmpty()) {
                reply(exchange, 200, "kv 2 ready, " + keys(data) + "\n");
                return;
            }
            if (!key.matches("[A-Za-z0-9_.-]{1,100}")) {
                reply(exchange, 400, "bad key\n");
                return;
            }
            Path file = data.resolve(key);
            switch (exchange.getRequestMethod()) {
                case "PUT" -> {
                    byte[] value = exchange.getRequestBody().readNBytes((int) maxValueBytes + 1);
                    if (value.length > maxValueBytes) {
                        reply(exchange, 413, "a value takes at most " + maxValueBytes + " bytes\n");
                        return;
                    }
                    Path tmp = data.resolve("." + key + ".tmp");
                    Files.write(tmp, value);
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    reply(exchange, 204, "");
                }
                case "GET" -> {
                    if (Files.exists(file)) {
                        reply(exchange, 200, Files.readString(file));
                    } else {
                        reply(exchange, 404, "no " + key + "\n");
                    }
                }
                default -> reply(exchange, 405, "GET or PUT\n");
            }
        });
        server.start();
        System.out.println("kv listening on http://" + address + ":" + port + "/ with data in " + data.toAbsolutePath());
    }

    /** The keys stored: every value file, not those being written. */
    static String keys(Path data) throws IOException {
        try (var files = Files.list(data)) {
            long count = files.filter(f -> !f.getFileName().toString().startsWith(".")).count();
            return count + (count == 1 ? " key" : " keys");
        }
    }

    static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, status == 204 ? -1 : body.length);
        if (status != 204) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }
}
