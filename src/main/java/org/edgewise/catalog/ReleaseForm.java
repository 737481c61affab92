package org.edgewise.catalog;

import java.util.Arrays;
import java.util.List;

import org.edgewise.document.ValidationException;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

/** The fields of a software release. The product is chosen when creating and shown afterwards. */
class ReleaseForm extends FormLayout {

    private final ComboBox<Catalog.Product> product = new ComboBox<>("Product");
    private final TextField productName = new TextField("Product");
    private final TextField url = new TextField("URL");
    private final TextField version = new TextField("Version");
    private final TextField softwareTypes = new TextField("Software types");
    private final TextArea description = new TextArea("Description");

    /** For a new release of one of {@code products}, {@code preset} chosen if given. */
    ReleaseForm(List<Catalog.Product> products, Catalog.Product preset) {
        product.setId("release-product");
        product.setItems(products);
        product.setItemLabelGenerator(p -> p.name() + " (" + p.reference() + ")");
        product.setRequiredIndicatorVisible(true);
        if (preset != null) {
            products.stream().filter(p -> p.id() == preset.id()).findFirst().ifPresent(product::setValue);
        }
        url.setId("release-url");
        url.setRequiredIndicatorVisible(true);
        url.setMaxLength(Catalog.MAX_URL_LENGTH);
        url.setHelperText("Where nodes fetch it: file:, http: or https:");
        version.setId("release-version");
        version.setRequiredIndicatorVisible(true);
        version.setMaxLength(100);
        softwareTypes.setId("release-software-types");
        softwareTypes.setHelperText("Separated by commas, e.g. default, frontend. Empty means default.");
        description.setId("release-description");
        add(product, version, url, softwareTypes, description);
        setColspan(url, 2);
        setColspan(description, 2);
    }

    /** Shows an existing release; its product and URL stay as created, the rest see {@link #setEditable}. */
    ReleaseForm(Catalog.Release release) {
        productName.setValue(release.productName());
        url.setValue(release.url());
        version.setValue(release.version());
        softwareTypes.setValue(String.join(", ", release.softwareTypes()));
        description.setValue(release.description() == null ? "" : release.description());
        productName.setReadOnly(true);
        url.setReadOnly(true);
        url.setId("release-url");
        version.setId("release-version");
        version.setMaxLength(100);
        softwareTypes.setId("release-software-types");
        description.setId("release-description");
        add(productName, version, url, softwareTypes, description);
        setColspan(url, 2);
        setColspan(description, 2);
    }

    /** Version, software types and description may be changed while the release is a draft. */
    void setEditable(boolean editable) {
        version.setReadOnly(!editable);
        version.setRequiredIndicatorVisible(editable);
        softwareTypes.setReadOnly(!editable);
        softwareTypes.setHelperText(editable ? "Separated by commas, e.g. default, frontend. Empty means default."
                : null);
        description.setReadOnly(!editable);
    }

    Catalog.ReleaseDetails details() {
        return new Catalog.ReleaseDetails(version.getValue(), Arrays.asList(softwareTypes.getValue().split(",")),
                description.getValue());
    }

    Catalog.NewRelease newRelease() {
        if (product.getValue() == null) {
            throw new ValidationException("product", "Choose the product this release belongs to.");
        }
        return new Catalog.NewRelease(product.getValue().id(), url.getValue(), version.getValue(),
                Arrays.asList(softwareTypes.getValue().split(",")), description.getValue());
    }
}
