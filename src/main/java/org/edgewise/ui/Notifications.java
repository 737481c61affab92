package org.edgewise.ui;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** Messages to the person at the screen, in one style everywhere. */
public final class Notifications {

    private Notifications() {
    }

    public static void success(String message) {
        Notification n = Notification.show(message, 3000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    public static void error(String message) {
        Notification n = Notification.show(message, 6000, Notification.Position.MIDDLE);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
        n.addClassName("error-notification");
    }

    /**
     * Runs an action from a button and turns the refusals users can cause (illegal action, bad input,
     * no permission) into a readable message instead of an error page.
     */
    public static boolean attempt(Runnable action) {
        try {
            action.run();
            return true;
        } catch (org.edgewise.document.WorkflowException | org.edgewise.document.ValidationException
                | IllegalArgumentException | org.springframework.security.access.AccessDeniedException
                | org.edgewise.document.DocumentNotFoundException e) {
            error(e.getMessage());
            return false;
        }
    }
}
