package org.edgewise.node;

import java.util.logging.LogManager;

/**
 * The node's log manager, named in {@code java.util.logging.manager} by {@link NodeClient#configureLogging()};
 * public only because the JDK instantiates it by name.
 *
 * <p>The JDK's own log manager closes every handler in a shutdown hook of its own, so whatever the node said
 * while it stopped its services (on SIGTERM or Ctrl-C) would be lost; this one keeps them open until the
 * process ends. Nothing in this program resets the logging otherwise.
 */
public final class NodeLog extends LogManager {

    @Override
    public void reset() {
        // kept open until the process ends: see the class comment
    }
}
