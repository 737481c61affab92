package org.edgewise.catalog;

import static org.edgewise.jooq.Tables.DOCUMENT;
import static org.edgewise.jooq.Tables.SOFTWARE_PRODUCT;
import static org.edgewise.jooq.Tables.SOFTWARE_RELEASE;
import static org.edgewise.jooq.Tables.TEST_RESULT;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.edgewise.access.Actor;
import org.edgewise.document.Document;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.DocumentNotFoundException;
import org.edgewise.document.DocumentQueries;
import org.edgewise.document.FieldChange;
import org.edgewise.document.PageRequest;
import org.edgewise.document.ValidationException;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

/** Software products and their releases. A release is known by its URL. */
@Service
public class Catalog {

    public static final int MAX_URL_LENGTH = 1000;
    public static final int MAX_SOFTWARE_TYPES = 50;
    private static final Pattern SOFTWARE_TYPE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$");

    public record Product(long id, String reference, String name, String state, String description) { }

    public record Release(long id, String reference, String url, String version, String state, long productId,
            String productName, String productState, List<String> softwareTypes, String description) { }

    /**
     * A release to add. Its parameter schemas (software type -> JSON Schema) are read from its
     * {@code release.json} unless given here.
     */
    public record NewRelease(long productId, String url, String version, List<String> softwareTypes, String description,
            JsonNode parameterSchemas) {

        /** A release whose parameter schemas are read from its {@code release.json}. */
        public NewRelease(long productId, String url, String version, List<String> softwareTypes, String description) {
            this(productId, url, version, softwareTypes, description, null);
        }
    }

    /**
     * What a release declares of its parameters: software type -> JSON Schema (an empty object when it
     * declares none), or null with a note saying why its descriptor could not be read.
     */
    public record DeclaredParameters(JsonNode schemas, String note) { }

    /** What may change in a release while it is a draft; its product and URL stay. */
    public record ReleaseDetails(String version, List<String> softwareTypes, String description) { }

    private static final org.edgewise.jooq.tables.Document PRODUCT_DOC = DOCUMENT.as("product_doc");
    private static final Map<String, Field<?>> RELEASE_SORT = Map.of("reference", DOCUMENT.ID, "url",
            SOFTWARE_RELEASE.URL, "version", SOFTWARE_RELEASE.VERSION, "state", DOCUMENT.STATE, "product",
            PRODUCT_DOC.TITLE);
    private static final Map<String, Field<?>> PRODUCT_SORT = Map.of("reference", DOCUMENT.ID, "name", DOCUMENT.TITLE,
            "state", DOCUMENT.STATE);

    private static final String SCHEMAS_FIELD = "parameter schemas";

    private final DSLContext db;
    private final DocumentEngine engine;
    private final ParameterSchemas parameterSchemas;
    private final ReleaseDescriptors descriptors;

    Catalog(DSLContext db, DocumentEngine engine, ParameterSchemas parameterSchemas, ReleaseDescriptors descriptors) {
        this.db = db;
        this.engine = engine;
        this.parameterSchemas = parameterSchemas;
        this.descriptors = descriptors;
    }

    @Transactional
    public Document createProduct(String name, String description, Actor actor) {
        Document doc = engine.create(CatalogWorkflows.PRODUCT, name, null, actor);
        db.insertInto(SOFTWARE_PRODUCT).set(SOFTWARE_PRODUCT.ID, doc.id())
                .set(SOFTWARE_PRODUCT.DESCRIPTION, blankToNull(description)).execute();
        return doc;
    }

    /** A new release of the product with this reference; refused before anything is looked up to those who may not. */
    @Transactional
    public Document createRelease(String productReference, String url, String version, List<String> softwareTypes,
            String description, JsonNode parameterSchemas, Actor actor) {
        engine.requireMayCreate(CatalogWorkflows.RELEASE, null, actor);
        return createRelease(new NewRelease(product(productReference, actor).id(), url, version, softwareTypes,
                description, parameterSchemas), actor);
    }

    @Transactional
    public Document createRelease(NewRelease release, Actor actor) {
        Document product = engine.get(release.productId(), actor);
        if (!product.docType().equals(CatalogWorkflows.PRODUCT)) {
            throw new ValidationException("product", "Choose the product this release belongs to.");
        }
        String url = requireUrl("url", release.url());
        String version = requireVersion(release.version());
        List<String> types = softwareTypes(release.softwareTypes());
        boolean given = release.parameterSchemas() != null && !release.parameterSchemas().isNull();
        ReleaseDescriptors.Declared descriptor = descriptors.declared(url);
        DeclaredParameters declared = !given ? declaredBy(descriptor, "url")
                : new DeclaredParameters(requireValidSchemas("parameterSchemas", release.parameterSchemas()), null);
        Document doc = engine.create(CatalogWorkflows.RELEASE, product.title() + " " + version, null, actor);
        try {
            db.insertInto(SOFTWARE_RELEASE)
                    .set(SOFTWARE_RELEASE.ID, doc.id())
                    .set(SOFTWARE_RELEASE.PRODUCT_ID, product.id())
                    .set(SOFTWARE_RELEASE.URL, url)
                    .set(SOFTWARE_RELEASE.VERSION, version)
                    .set(SOFTWARE_RELEASE.SOFTWARE_TYPES, String.join(",", types))
                    .set(SOFTWARE_RELEASE.DESCRIPTION, blankToNull(release.description()))
                    .set(SOFTWARE_RELEASE.PARAMETER_SCHEMAS, ParameterSchemas.stored(declared.schemas()))
                    .set(SOFTWARE_RELEASE.PARAMETER_SCHEMAS_NOTE, declared.note())
                    .set(SOFTWARE_RELEASE.MOVABLE, descriptor.movable())
                    .set(SOFTWARE_RELEASE.TESTS, descriptor.tests())
                    .execute();
        } catch (DuplicateKeyException e) {
            throw new ValidationException("url", "The release " + url + " is already in the catalogue.");
        }
        engine.recordObservation(doc.id(), List.of(new FieldChange(SCHEMAS_FIELD, null, summary(declared))), actor);
        return doc;
    }

    /** What the release declares of its parameters, as last read. */
    @Transactional(readOnly = true)
    public DeclaredParameters declaredParameters(long releaseId) {
        return db.select(SOFTWARE_RELEASE.PARAMETER_SCHEMAS, SOFTWARE_RELEASE.PARAMETER_SCHEMAS_NOTE)
                .from(SOFTWARE_RELEASE).where(SOFTWARE_RELEASE.ID.eq(releaseId))
                .fetchOptional(r -> new DeclaredParameters(parameterSchemas.parsed(r.value1()), r.value2()))
                .orElseThrow(() -> new DocumentNotFoundException("#" + releaseId));
    }

    /**
     * Reads the parameter schemas from the release's {@code release.json} again, while the release is a
     * draft, and writes the change on its timeline. A descriptor that cannot be read now leaves them as they
     * were and says why.
     */
    @Transactional
    public Document readParametersAgain(long releaseId, Actor actor) {
        Document doc = engine.get(releaseId, actor);
        engine.requireEditable(doc, actor);
        Release release = releases().where(DOCUMENT.ID.eq(doc.id())).fetchOptional(Catalog::toRelease)
                .orElseThrow(() -> new DocumentNotFoundException(doc.reference()));
        DeclaredParameters before = declaredParameters(releaseId);
        DeclaredParameters now = declaredBy(descriptors.declared(release.url()), "url");
        if (now.schemas() == null) {
            throw new ValidationException("url", now.note() + " The parameters stay as they were.");
        }
        Document changed = engine.recordChanges(releaseId, new FieldChange.Collector()
                .compare(SCHEMAS_FIELD, summary(before), summary(now)).changes(), actor);
        db.update(SOFTWARE_RELEASE)
                .set(SOFTWARE_RELEASE.PARAMETER_SCHEMAS, ParameterSchemas.stored(now.schemas()))
                .set(SOFTWARE_RELEASE.PARAMETER_SCHEMAS_NOTE, (String) null)
                .where(SOFTWARE_RELEASE.ID.eq(releaseId))
                .execute();
        return changed;
    }

    /** Read from the release's descriptor; one that cannot be read leaves the release without schemas. */
    private DeclaredParameters declaredBy(ReleaseDescriptors.Declared descriptor, String field) {
        return descriptor.unreadable() != null ? new DeclaredParameters(null, descriptor.unreadable())
                : new DeclaredParameters(requireValidSchemas(field, descriptor.parameterSchemas()), null);
    }

    private JsonNode requireValidSchemas(String field, JsonNode schemas) {
        if (!schemas.isObject()) {
            throw new ValidationException(field, "Parameter schemas are one JSON object: software type -> JSON Schema.");
        }
        schemas.fields().forEachRemaining(type -> parameterSchemas.requireValid(field, type.getKey(), type.getValue()));
        return schemas;
    }

    /** The schemas as the timeline shows them: each software type with its parameters' names. */
    private static String summary(DeclaredParameters declared) {
        if (declared.schemas() == null) {
            return "none, " + declared.note();
        }
        if (declared.schemas().isEmpty()) {
            return "none declared";
        }
        List<String> types = new java.util.ArrayList<>();
        declared.schemas().fields().forEachRemaining(type -> {
            List<String> names = new java.util.ArrayList<>();
            type.getValue().path("properties").fieldNames().forEachRemaining(names::add);
            types.add(type.getKey() + " (" + (names.isEmpty() ? "no parameters" : String.join(", ", names)) + ")");
        });
        return String.join("; ", types);
    }

    /** Changes a product's description, while the product may be edited (active). */
    @Transactional
    public Document updateProduct(long id, String description, Actor actor) {
        Document current = engine.get(id, actor);
        Product before = products().where(DOCUMENT.ID.eq(current.id())).fetchOptional(Catalog::toProduct)
                .orElseThrow(() -> new DocumentNotFoundException(current.reference()));
        String clean = blankToNull(description);
        Document doc = engine.recordChanges(id, new FieldChange.Collector()
                .compare("description", before.description(), clean).changes(), actor);
        db.update(SOFTWARE_PRODUCT).set(SOFTWARE_PRODUCT.DESCRIPTION, clean).where(SOFTWARE_PRODUCT.ID.eq(id)).execute();
        return doc;
    }

    /**
     * Changes a release's version, software types and description, while the release may be edited (a
     * draft): once published, nodes build it and customers order it as it is. Its title follows the version.
     */
    @Transactional
    public Document updateRelease(long id, ReleaseDetails details, Actor actor) {
        Document current = engine.get(id, actor);
        Release before = releases().where(DOCUMENT.ID.eq(current.id())).fetchOptional(Catalog::toRelease)
                .orElseThrow(() -> new DocumentNotFoundException(current.reference()));
        String version = requireVersion(details.version());
        List<String> types = softwareTypes(details.softwareTypes());
        String description = blankToNull(details.description());
        FieldChange.Collector changes = new FieldChange.Collector();
        if (!version.equals(before.version())) {
            changes.compare("title", current.title(), before.productName() + " " + version);
        }
        Document doc = engine.recordChanges(id, changes
                .compare("version", before.version(), version)
                .compare("software types", String.join(", ", before.softwareTypes()), String.join(", ", types))
                .compare("description", before.description(), description)
                .changes(), actor);
        db.update(SOFTWARE_RELEASE)
                .set(SOFTWARE_RELEASE.VERSION, version)
                .set(SOFTWARE_RELEASE.SOFTWARE_TYPES, String.join(",", types))
                .set(SOFTWARE_RELEASE.DESCRIPTION, description)
                .where(SOFTWARE_RELEASE.ID.eq(id))
                .execute();
        return doc;
    }

    @Transactional(readOnly = true)
    public Optional<Release> releaseByUrl(String url) {
        return releases().where(SOFTWARE_RELEASE.URL.eq(url)).fetchOptional(Catalog::toRelease);
    }

    /**
     * How a release is shown to this person: staff see its URL; customers its product and version, never its
     * URL, which names where the provider keeps its software.
     */
    @Transactional(readOnly = true)
    public String shownTo(String url, Actor actor) {
        if (actor.isStaff()) {
            return url;
        }
        return releaseByUrl(url).map(r -> r.productName() + " " + r.version()).orElse("a release no longer offered");
    }

    @Transactional(readOnly = true)
    public Release release(String reference, Actor actor) {
        Document doc = engine.get(reference, actor);
        return releases().where(DOCUMENT.ID.eq(doc.id())).fetchOptional(Catalog::toRelease)
                .orElseThrow(() -> new DocumentNotFoundException(reference));
    }

    @Transactional(readOnly = true)
    public List<Release> releasePage(PageRequest page, Actor actor) {
        return releases().where(DocumentQueries.visibleList(CatalogWorkflows.RELEASE, actor, page, SOFTWARE_RELEASE.URL))
                .orderBy(page.sortFields(RELEASE_SORT, DOCUMENT.ID.desc()))
                .offset(page.offset()).limit(page.limit())
                .fetch(Catalog::toRelease);
    }

    @Transactional(readOnly = true)
    public int releaseCount(PageRequest page, Actor actor) {
        return db.fetchCount(releases().where(DocumentQueries.visibleList(CatalogWorkflows.RELEASE, actor, page,
                SOFTWARE_RELEASE.URL)));
    }

    /** The releases of one product, newest first. */
    @Transactional(readOnly = true)
    public List<Release> releasesOf(long productId, Actor actor) {
        return releases().where(SOFTWARE_RELEASE.PRODUCT_ID.eq(productId).and(DocumentQueries.visibleTo(actor)))
                .orderBy(DOCUMENT.ID.desc())
                .fetch(Catalog::toRelease);
    }

    /** Releases customers may order: the published releases of active products. */
    @Transactional(readOnly = true)
    public List<Release> published() {
        return releases().where(DOCUMENT.STATE.eq(CatalogWorkflows.PUBLISHED)).and(PRODUCT_DOC.STATE.eq(CatalogWorkflows.ACTIVE))
                .orderBy(PRODUCT_DOC.TITLE, DOCUMENT.ID.desc())
                .fetch(Catalog::toRelease);
    }

    /**
     * What the shop offers: per active product, by product name, the newest published release whose latest test
     * result passed; a product none of whose published releases has passed its tests yet offers its newest. So a
     * release published after one that passed reaches new customers only once its own tests pass.
     */
    @Transactional(readOnly = true)
    public List<Release> newestPublished() {
        var latest = DSL.select(DSL.max(TEST_RESULT.ID)).from(TEST_RESULT).where(TEST_RESULT.RELEASE_ID.eq(SOFTWARE_RELEASE.ID));
        java.util.Set<Long> passed = new java.util.HashSet<>(db.select(SOFTWARE_RELEASE.ID).from(SOFTWARE_RELEASE)
                .join(DOCUMENT).on(DOCUMENT.ID.eq(DSL.field(latest)))
                .where(DOCUMENT.STATE.eq("passed")).fetch(SOFTWARE_RELEASE.ID));
        Map<Long, Release> newest = new java.util.LinkedHashMap<>();
        Map<Long, Release> newestPassed = new java.util.HashMap<>();
        for (Release r : published()) {
            newest.putIfAbsent(r.productId(), r);
            if (passed.contains(r.id())) {
                newestPassed.putIfAbsent(r.productId(), r);
            }
        }
        newest.replaceAll((product, release) -> newestPassed.getOrDefault(product, release));
        return List.copyOf(newest.values());
    }

    /**
     * The release a new request names, refused unless the requester may request it: it must be in the
     * catalogue; a customer's request takes a published release of an active product, the operator's (for
     * a trial) a draft too; a deprecated release is requested by nobody anymore. A customer is told the same
     * of a draft as of a URL the catalogue does not hold, since drafts are not shown to customers.
     *
     * @param forCustomer whether the rules of customers apply (the request is for a customer's tree)
     * @throws ValidationException naming the request's {@code releaseUrl}
     */
    @Transactional(readOnly = true)
    public Release requestable(String url, boolean forCustomer) {
        Optional<Release> found = releaseByUrl(url);
        if (found.isEmpty() || forCustomer && found.get().state().equals(CatalogWorkflows.DRAFT)) {
            throw new ValidationException("releaseUrl", forCustomer
                    ? "No published release " + url + " is in the catalogue: request one of the catalogue's releases."
                    : "No release " + url + " is in the catalogue: add it there first.");
        }
        Release release = found.get();
        if (release.state().equals(CatalogWorkflows.DEPRECATED)) {
            throw new ValidationException("releaseUrl", "The release " + url + " (" + release.productName() + " "
                    + release.version() + ") is deprecated and can no longer be requested; request a newer release"
                    + " of " + release.productName() + ".");
        }
        if (forCustomer && !release.productState().equals(CatalogWorkflows.ACTIVE)) {
            throw new ValidationException("releaseUrl", "The product " + release.productName() + " is "
                    + release.productState() + ": its releases can no longer be requested.");
        }
        return release;
    }

    @Transactional(readOnly = true)
    public Product product(String reference, Actor actor) {
        Document doc = engine.get(reference, actor);
        return products().where(DOCUMENT.ID.eq(doc.id())).fetchOptional(Catalog::toProduct)
                .orElseThrow(() -> new DocumentNotFoundException(reference));
    }

    @Transactional(readOnly = true)
    public List<Product> productPage(PageRequest page, Actor actor) {
        return products().where(DocumentQueries.visibleList(CatalogWorkflows.PRODUCT, actor, page))
                .orderBy(page.sortFields(PRODUCT_SORT, DOCUMENT.ID.desc()))
                .offset(page.offset()).limit(page.limit())
                .fetch(Catalog::toProduct);
    }

    @Transactional(readOnly = true)
    public int productCount(PageRequest page, Actor actor) {
        return db.fetchCount(products().where(DocumentQueries.visibleList(CatalogWorkflows.PRODUCT, actor, page)));
    }

    private org.jooq.SelectOnConditionStep<Record> releases() {
        return db.select(List.of(DOCUMENT.ID, DOCUMENT.REFERENCE, SOFTWARE_RELEASE.URL, SOFTWARE_RELEASE.VERSION,
                        DOCUMENT.STATE, SOFTWARE_RELEASE.PRODUCT_ID, PRODUCT_DOC.TITLE, PRODUCT_DOC.STATE,
                        SOFTWARE_RELEASE.SOFTWARE_TYPES, SOFTWARE_RELEASE.DESCRIPTION))
                .from(DOCUMENT).join(SOFTWARE_RELEASE).on(SOFTWARE_RELEASE.ID.eq(DOCUMENT.ID))
                .join(PRODUCT_DOC).on(PRODUCT_DOC.ID.eq(SOFTWARE_RELEASE.PRODUCT_ID));
    }

    private org.jooq.SelectOnConditionStep<Record> products() {
        return db.select(List.of(DOCUMENT.ID, DOCUMENT.REFERENCE, DOCUMENT.TITLE, DOCUMENT.STATE,
                        SOFTWARE_PRODUCT.DESCRIPTION))
                .from(DOCUMENT).join(SOFTWARE_PRODUCT).on(SOFTWARE_PRODUCT.ID.eq(DOCUMENT.ID));
    }

    private static Release toRelease(Record r) {
        return new Release(r.get(DOCUMENT.ID), r.get(DOCUMENT.REFERENCE), r.get(SOFTWARE_RELEASE.URL),
                r.get(SOFTWARE_RELEASE.VERSION), r.get(DOCUMENT.STATE), r.get(SOFTWARE_RELEASE.PRODUCT_ID),
                r.get(PRODUCT_DOC.TITLE), r.get(PRODUCT_DOC.STATE),
                Arrays.asList(r.get(SOFTWARE_RELEASE.SOFTWARE_TYPES).split(",")),
                r.get(SOFTWARE_RELEASE.DESCRIPTION));
    }

    private static Product toProduct(Record r) {
        return new Product(r.get(DOCUMENT.ID), r.get(DOCUMENT.REFERENCE), r.get(DOCUMENT.TITLE), r.get(DOCUMENT.STATE),
                r.get(SOFTWARE_PRODUCT.DESCRIPTION));
    }

    /**
     * A release URL: {@code file:}, {@code http:} or {@code https:}, at most 1000 characters.
     *
     * @param field the field that holds it, named when it is refused
     */
    public static String requireUrl(String field, String value) {
        String url = value == null ? "" : value.strip();
        if (url.isEmpty()) {
            throw new ValidationException(field, "A release URL is required.");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new ValidationException(field, "A release URL has at most " + MAX_URL_LENGTH + " characters.");
        }
        try {
            String scheme = new URI(url).getScheme();
            if (scheme == null || !List.of("file", "http", "https").contains(scheme.toLowerCase())) {
                throw new ValidationException(field, "A release URL starts with file:, http: or https:, not \"" + url
                        + "\".");
            }
        } catch (URISyntaxException e) {
            throw new ValidationException(field, "\"" + url + "\" is not a URL: " + e.getReason() + ".");
        }
        return url;
    }

    private static String requireVersion(String value) {
        String version = value == null ? "" : value.strip();
        if (version.isEmpty() || version.length() > 100) {
            throw new ValidationException("version", "A release needs a version of at most 100 characters.");
        }
        return version;
    }

    static List<String> softwareTypes(List<String> requested) {
        List<String> types = requested == null ? List.of() : requested.stream().map(String::strip)
                .filter(s -> !s.isEmpty()).distinct().toList();
        if (types.isEmpty()) {
            return List.of("default");
        }
        if (types.size() > MAX_SOFTWARE_TYPES) {
            throw new ValidationException("softwareTypes", "A release has at most " + MAX_SOFTWARE_TYPES
                    + " software types.");
        }
        for (String type : types) {
            if (!SOFTWARE_TYPE.matcher(type).matches()) {
                throw new ValidationException("softwareTypes", "\"" + type + "\" is not a software type: use letters, "
                        + "digits, "
                        + "dots, dashes and underscores.");
            }
        }
        return types;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
