package org.edgewise.catalog;

import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

/** The fields of a product: its name and what it offers. */
class ProductForm extends FormLayout {

    private final TextField name = new TextField("Name");
    private final TextArea description = new TextArea("Description");

    ProductForm() {
        name.setId("product-name");
        name.setRequiredIndicatorVisible(true);
        name.setMaxLength(org.edgewise.document.DocumentEngine.MAX_TITLE_LENGTH);
        name.setHelperText("As customers see it, e.g. Web server");
        description.setId("product-description");
        description.setHelperText("A sentence or two on what the service does");
        add(name, description);
        setColspan(description, 2);
    }

    /** Shows a product; its name stays as created, since its releases are named after it. */
    void show(Catalog.Product product) {
        name.setValue(product.name());
        description.setValue(product.description() == null ? "" : product.description());
        name.setReadOnly(true);
        name.setRequiredIndicatorVisible(false);
        name.setHelperText(null);
    }

    /** The description may be changed while the product is active. */
    void setEditable(boolean editable) {
        description.setReadOnly(!editable);
        description.setHelperText(editable ? "A sentence or two on what the service does" : null);
    }

    String name() {
        return name.getValue();
    }

    String description() {
        return description.getValue();
    }
}
