package org.edgewise.ui;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.theme.Theme;

@Theme("edgewise")
@Meta(name = "description", content = "Edgewise: run a distributed cloud, edge or vRAN infrastructure")
public class AppShell implements AppShellConfigurator {
}
