package org.edgewise.uitests.pages;

public class ProductListPage extends ListPage<ProductListPage> {

    public DocumentPage create(String name, String description) {
        newButton().click();
        type("product-name", name);
        type("product-description", description);
        return save();
    }
}
