package org.edgewise.node;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The requester command line, like {@code slapos request}: request, list, show and destroy instance
 * trees, and supply releases on computers, with a user's API token. Readable tables by default,
 * JSON with {@code --json}.
 */
final class Requester {

    private Requester() {
    }

    abstract static class Base implements Callable<Integer> {
        @Option(names = "--master", defaultValue = "${env:EDGEWISE_MASTER:-http://localhost:8080}",
                description = "The Master's URL (default: $EDGEWISE_MASTER or ${DEFAULT-VALUE}).")
        String master;

        @Option(names = "--token", defaultValue = "${env:EDGEWISE_TOKEN}",
                description = "Your API token (default: $EDGEWISE_TOKEN); make one in the console under Account.")
        String token;

        @Option(names = "--json", description = "Print the Master's JSON answer.")
        boolean json;

        Master master() {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("An API token is needed: --token or EDGEWISE_TOKEN.");
            }
            return new Master(master, token);
        }

        void print(JsonNode body, Runnable table) throws IOException {
            if (json) {
                System.out.println(Master.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body));
            } else {
                table.run();
            }
        }
    }

    @Command(name = "request", description = "Request (or update) the instance tree of a title.")
    static class Request extends Base {
        @Parameters(index = "0", description = "Title of the tree; the same title updates the same tree.")
        String title;

        @Parameters(index = "1", description = "Release URL.")
        String release;

        @Option(names = "--type", defaultValue = "default")
        String type;

        @Option(names = "--parameter", description = "NAME=VALUE, repeatable.")
        Map<String, String> parameters = new LinkedHashMap<>();

        @Option(names = "--sla", description = "KEY=VALUE (computer, region, capability, instance), repeatable.")
        Map<String, String> sla = new LinkedHashMap<>();

        @Option(names = "--state", defaultValue = "started", description = "started, stopped or destroyed.")
        String state;

        @Option(names = "--shared", description = "A shared instance, placed inside a host instance.")
        boolean shared;

        @Override
        public Integer call() throws IOException {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("title", title);
            body.put("releaseUrl", release);
            body.put("softwareType", type);
            body.put("parameters", parameters);
            body.put("sla", sla);
            body.put("state", state);
            body.put("shared", shared);
            JsonNode answer = master().post("/api/v1/trees", body).body();
            print(answer, () -> printInstance(answer.get("root")));
            return 0;
        }
    }

    @Command(name = "list", description = "List your instance trees.")
    static class ListTrees extends Base {
        @Override
        public Integer call() throws IOException {
            JsonNode answer = master().get("/api/v1/trees").body();
            print(answer, () -> {
                List<List<String>> rows = new ArrayList<>();
                rows.add(List.of("TREE", "TITLE", "STATE", "REPORTED", "PLACE"));
                for (JsonNode t : answer) {
                    rows.add(List.of(t.get("reference").asText(), t.get("title").asText(), t.get("state").asText(),
                            t.path("reportedState").asText("-"), t.path("place").isNull() || t.path("place").isMissingNode()
                                    ? "pending: " + t.path("allocationNote").asText("") : t.get("place").asText()));
                }
                table(rows);
            });
            return 0;
        }
    }

    @Command(name = "show", description = "Show a tree, its instances and their connection parameters.")
    static class Show extends Base {
        @Parameters(index = "0", description = "The tree's reference, e.g. TREE-000001.")
        String reference;

        @Override
        public Integer call() throws IOException {
            JsonNode answer = master().get("/api/v1/trees/" + reference).body();
            print(answer, () -> {
                System.out.println(answer.get("reference").asText() + "  " + answer.get("title").asText() + "  ("
                        + answer.get("state").asText() + ")");
                for (JsonNode instance : answer.get("instances")) {
                    printInstance(instance);
                }
            });
            return 0;
        }
    }

    @Command(name = "destroy", description = "Destroy a tree and all its instances.")
    static class Destroy extends Base {
        @Parameters(index = "0")
        String reference;

        @Override
        public Integer call() throws IOException {
            JsonNode answer = master().delete("/api/v1/trees/" + reference).body();
            print(answer, () -> System.out.println(reference + " is " + answer.get("state").asText()));
            return 0;
        }
    }

    @Command(name = "supply", description = "Supply a release on a computer (operators); --remove to remove it.")
    static class Supply extends Base {
        @Parameters(index = "0", description = "Release URL.")
        String release;

        @Parameters(index = "1", description = "Computer reference, e.g. COMP-000001.")
        String computer;

        @Option(names = "--remove")
        boolean remove;

        @Override
        public Integer call() throws IOException {
            JsonNode answer = remove
                    ? master().delete("/api/v1/computers/" + computer + "/software?url="
                            + java.net.URLEncoder.encode(release, java.nio.charset.StandardCharsets.UTF_8)).body()
                    : master().post("/api/v1/computers/" + computer + "/software", Map.of("url", release)).body();
            print(answer, () -> System.out.println(release + " on " + computer + ": requested "
                    + answer.get("requestedState").asText() + ", reported " + answer.path("reportedState").asText("nothing yet")));
            return 0;
        }
    }

    static void printInstance(JsonNode i) {
        String place = i.path("computer").isTextual() ? i.get("computer").asText() + " " + i.get("partition").asText()
                : "pending: " + i.path("allocationNote").asText("");
        System.out.println("  " + i.get("reference").asText() + "  " + i.get("title").asText() + "  requested "
                + i.get("requestedState").asText() + ", reported " + i.path("reportedState").asText("nothing yet")
                + "  " + place);
        var fields = i.path("connectionParameters").fields();
        while (fields.hasNext()) {
            var f = fields.next();
            System.out.println("      " + f.getKey() + " = " + (f.getValue().isTextual() ? f.getValue().asText() : f.getValue()));
        }
    }

    static void table(List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                line.append(String.format("%-" + (widths[c] + 2) + "s", row.get(c)));
            }
            System.out.println(line.toString().stripTrailing());
        }
    }
}
