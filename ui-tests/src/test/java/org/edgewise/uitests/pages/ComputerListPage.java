package org.edgewise.uitests.pages;

public class ComputerListPage extends ListPage<ComputerListPage> {

    public DocumentPage create(String name, String hostname, String region) {
        newButton().click();
        type("computer-name", name);
        type("computer-hostname", hostname);
        type("computer-region", region);
        return save();
    }
}
