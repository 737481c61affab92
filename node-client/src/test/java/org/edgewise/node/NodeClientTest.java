package org.edgewise.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class NodeClientTest {

    @Test
    void versionNamesTheProgram() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new NodeClient());
        cli.setOut(new PrintWriter(out));

        int exit = cli.execute("--version");

        assertEquals(0, exit);
        assertTrue(out.toString().startsWith("edgewise-node "), out.toString());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new NodeClient());
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("--no-such-option");

        assertEquals(2, exit);
        assertTrue(err.toString().contains("Unknown option: '--no-such-option'"), err.toString());
    }
}
