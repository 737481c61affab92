package org.edgewise.uitests.pages;

public class OrganisationListPage extends ListPage<OrganisationListPage> {

    public DocumentPage create(String name, String email) {
        newButton().click();
        type("organisation-name", name);
        type("organisation-email", email);
        return save();
    }
}
