package org.edgewise;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.vaadin.flow.component.Component;

/** What a console component holds, read on the server without a browser: for tests of views' parts. */
public final class ComponentTree {

    private ComponentTree() {
    }

    /** The component and everything below it, depth first. */
    public static Stream<Component> all(Component root) {
        List<Component> found = new ArrayList<>();
        collect(root, found);
        return found.stream();
    }

    public static Optional<Component> byId(Component root, String id) {
        return all(root).filter(c -> c.getId().filter(id::equals).isPresent()).findFirst();
    }

    /** The first component of this type below the root; fails the test when there is none. */
    public static <T extends Component> T find(Component root, Class<T> type) {
        return all(root).filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + root));
    }

    private static void collect(Component c, List<Component> into) {
        into.add(c);
        c.getChildren().forEach(child -> collect(child, into));
    }
}
