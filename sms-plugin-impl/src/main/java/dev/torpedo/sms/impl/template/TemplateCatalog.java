package dev.torpedo.sms.impl.template;

import dev.torpedo.sms.api.TemplateKey;
import dev.torpedo.sms.impl.digest.Sha256;
import freemarker.template.Configuration;
import freemarker.template.SimpleHash;
import freemarker.template.Template;
import freemarker.template.TemplateException;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The carrier-approved texts shipped in the plugin's jar, each checked against the SHA-256 in the catalog's
 * manifest. A text whose bytes changed without a new approval refuses to load, naming the template, and so does
 * one that uses FreeMarker features that could run data as code.
 *
 * <pre>{@code
 * TemplateCatalog catalog = TemplateCatalog.loadApproved();
 * catalog.get(TemplateKey.SHIPPED).approvalReference();   // "TPD-APR-2026-004"
 * }</pre>
 */
public final class TemplateCatalog {

    /** Where the approved texts and their manifest live on the classpath. */
    static final String APPROVED_LOCATION = "dev/torpedo/sms/impl/template/approved/";
    static final String MANIFEST = "manifest.properties";
    static final List<TemplateKey> REQUIRED = List.of(
            TemplateKey.ORDER_RECEIVED, TemplateKey.STATUS_CHANGED, TemplateKey.PAYMENT_APPROVED,
            TemplateKey.SHIPPED, TemplateKey.DELIVERED, TemplateKey.CANCELLED, TemplateKey.BACK_IN_STOCK,
            TemplateKey.TEST);

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final Map<TemplateKey, ApprovedTemplate> templates;
    private final Map<TemplateKey, Template> compiled;

    private TemplateCatalog(Map<TemplateKey, ApprovedTemplate> templates, Map<TemplateKey, Template> compiled) {
        this.templates = Map.copyOf(templates);
        this.compiled = Map.copyOf(compiled);
    }

    /** Loads and verifies the catalog shipped in the jar. */
    public static TemplateCatalog loadApproved() {
        ClassLoader loader = TemplateCatalog.class.getClassLoader();
        return load(name -> {
            try (InputStream in = loader.getResourceAsStream(APPROVED_LOCATION + name)) {
                return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
            }
        });
    }

    /** Loads and verifies a catalog from a folder holding {@code manifest.properties} and the {@code .ftl} texts. */
    public static TemplateCatalog loadFrom(Path directory) {
        return load(name -> {
            try {
                return Optional.of(Files.readAllBytes(directory.resolve(name)));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
        });
    }

    public ApprovedTemplate get(TemplateKey key) {
        return find(key).orElseThrow(() -> new IllegalArgumentException("No approved template " + key));
    }

    public Optional<ApprovedTemplate> find(TemplateKey key) {
        return Optional.ofNullable(templates.get(key));
    }

    /** Every approved template, in the order of their approval references (the order's messages first). */
    public List<ApprovedTemplate> all() {
        return templates.values().stream()
                .sorted(Comparator.comparing(ApprovedTemplate::approvalReference))
                .toList();
    }

    public Set<TemplateKey> keys() {
        return templates.keySet();
    }

    /** The compiled text; FreeMarker templates are safe to process from many threads. */
    Template compiled(TemplateKey key) {
        Template template = compiled.get(key);
        if (template == null) {
            throw new IllegalArgumentException("No approved template " + key);
        }
        return template;
    }

    @FunctionalInterface
    interface Source {
        Optional<byte[]> read(String name) throws IOException;
    }

    static TemplateCatalog load(Source source) {
        Properties manifest = readManifest(source);
        Configuration cfg = SafeFreemarker.configuration();
        Map<TemplateKey, ApprovedTemplate> templates = new LinkedHashMap<>();
        Map<TemplateKey, Template> compiled = new LinkedHashMap<>();
        for (String name : templateNames(manifest)) {
            ApprovedTemplate template = verify(name, manifest, source);
            templates.put(template.key(), template);
            compiled.put(template.key(), compile(template, cfg));
        }
        for (TemplateKey required : REQUIRED) {
            if (!templates.containsKey(required)) {
                throw new TemplateIntegrityException("The approved template catalog lacks '" + required + "'");
            }
        }
        return new TemplateCatalog(templates, compiled);
    }

    private static Properties readManifest(Source source) {
        try {
            byte[] bytes = source.read(MANIFEST).orElseThrow(() ->
                    new TemplateIntegrityException("The approved template catalog has no " + MANIFEST));
            Properties manifest = new Properties();
            manifest.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
            return manifest;
        } catch (IOException e) {
            throw new TemplateIntegrityException("Cannot read the approved template manifest", e);
        }
    }

    private static Set<String> templateNames(Properties manifest) {
        Set<String> names = new TreeSet<>();
        for (String property : manifest.stringPropertyNames()) {
            int dot = property.lastIndexOf('.');
            if (dot <= 0) {
                throw new TemplateIntegrityException("Unexpected entry in the template manifest: " + property);
            }
            names.add(property.substring(0, dot));
        }
        return names;
    }

    private static ApprovedTemplate verify(String name, Properties manifest, Source source) {
        String category = required(manifest, name, "category");
        String approval = required(manifest, name, "approval");
        String approvedDigest = required(manifest, name, "sha256").toLowerCase();
        TemplateKey key;
        TemplateCategory templateCategory;
        try {
            key = TemplateKey.of(name);
            templateCategory = TemplateCategory.valueOf(category);
        } catch (IllegalArgumentException e) {
            throw new TemplateIntegrityException("Approved template '" + name + "': " + e.getMessage(), e);
        }
        if (!SHA256_HEX.matcher(approvedDigest).matches()) {
            throw new TemplateIntegrityException("Approved template '" + name + "' has no valid SHA-256 in the manifest");
        }
        byte[] bytes;
        try {
            bytes = source.read(name + ".ftl").orElseThrow(() ->
                    new TemplateIntegrityException("Approved template '" + name + "' is missing (" + name + ".ftl)"));
        } catch (IOException e) {
            throw new TemplateIntegrityException("Cannot read approved template '" + name + "'", e);
        }
        String actualDigest = sha256(bytes);
        if (!actualDigest.equals(approvedDigest)) {
            throw new TemplateIntegrityException("Approved template '" + name + "' (approval " + approval
                    + ") was changed: its SHA-256 is " + actualDigest + ", the approved one is " + approvedDigest
                    + ". Refusing to load it; a new text needs a new approval.");
        }
        String text = decode(name, bytes);
        if (SafeFreemarker.FORBIDDEN.matcher(text).find()) {
            throw new TemplateIntegrityException("Approved template '" + name
                    + "' uses a FreeMarker feature that could run data as code (?eval, ?interpret, ?new, ?api, #include)");
        }
        return new ApprovedTemplate(key, templateCategory, approval, approvedDigest, text);
    }

    private static String required(Properties manifest, String name, String attribute) {
        String value = manifest.getProperty(name + "." + attribute);
        if (value == null || value.isBlank()) {
            throw new TemplateIntegrityException("Approved template '" + name + "' has no " + attribute + " in the manifest");
        }
        return value.strip();
    }

    private static String decode(String name, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new TemplateIntegrityException("Approved template '" + name + "' is not UTF-8", e);
        }
    }

    /** Compiles the text and renders it once with every variable empty, so that a bad text fails now, not at send. */
    private static Template compile(ApprovedTemplate approved, Configuration cfg) {
        try {
            Template template = new Template(approved.key().value(), new StringReader(approved.source()), cfg);
            SimpleHash empty = new SimpleHash(cfg.getObjectWrapper());
            TemplateVariables.ALL.forEach(variable -> empty.put(variable, ""));
            template.process(empty, new StringWriter());
            return template;
        } catch (IOException | TemplateException e) {
            throw new TemplateIntegrityException("Approved template '" + approved.key() + "' does not render: "
                    + e.getMessage(), e);
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(Sha256.of(bytes));
    }
}
