package dev.torpedo.sms.impl.template;

import dev.torpedo.sms.api.TemplateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateCatalogTest {

    @TempDir
    Path folder;

    @Test
    void theShippedCatalogHoldsEveryRequiredTemplateWithItsApproval() {
        TemplateCatalog catalog = TemplateCatalog.loadApproved();

        assertThat(catalog.keys()).containsAll(TemplateCatalog.REQUIRED);
        assertThat(catalog.get(TemplateKey.BACK_IN_STOCK).category()).isEqualTo(TemplateCategory.ALERT);
        assertThat(catalog.get(TemplateKey.SHIPPED).category()).isEqualTo(TemplateCategory.ORDER);
        assertThat(catalog.all()).allSatisfy(template -> {
            assertThat(template.approvalReference()).startsWith("TPD-APR-");
            assertThat(template.sha256())
                    .isEqualTo(TemplateCatalog.sha256(template.source().getBytes(StandardCharsets.UTF_8)));
        });
    }

    @Test
    void everyTemplateIsListedInTheOrderOfItsApprovalReference() {
        TemplateCatalog catalog = TemplateCatalog.loadApproved();

        assertThat(catalog.all()).hasSize(catalog.keys().size())
                .extracting(ApprovedTemplate::approvalReference).isSorted();
        assertThat(catalog.all()).extracting(ApprovedTemplate::key).containsExactlyInAnyOrderElementsOf(catalog.keys());
    }

    @Test
    void askingForATemplateTheCatalogLacksNamesIt() {
        assertThatThrownBy(() -> TemplateCatalog.loadApproved().get(TemplateKey.of("no-such-text")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-text");
    }

    @Test
    void aCatalogWithoutItsManifestIsRefused() throws IOException {
        Path dir = copyOfApprovedCatalog();
        Files.delete(dir.resolve(TemplateCatalog.MANIFEST));

        assertThatThrownBy(() -> TemplateCatalog.loadFrom(dir))
                .isInstanceOf(TemplateIntegrityException.class)
                .hasMessageContaining("has no " + TemplateCatalog.MANIFEST);
    }

    @Test
    void aManifestEntryWithoutATemplateNameIsRefused() throws IOException {
        Path dir = copyOfApprovedCatalog();
        Properties manifest = manifest(dir);
        manifest.setProperty(".sha256", "0".repeat(64));
        store(dir, manifest);

        assertThatThrownBy(() -> TemplateCatalog.loadFrom(dir))
                .isInstanceOf(TemplateIntegrityException.class)
                .hasMessageContaining("Unexpected entry in the template manifest: .sha256");
    }

    @Test
    void oneChangedByteMakesLoadingFailNamingTheTemplate() throws IOException {
        Path dir = copyOfApprovedCatalog();
        Path shipped = dir.resolve("order-shipped.ftl");
        byte[] bytes = Files.readAllBytes(shipped);
        bytes[5] ^= 0x01;
        Files.write(shipped, bytes);

        assertThatThrownBy(() -> TemplateCatalog.loadFrom(dir))
                .isInstanceOf(TemplateIntegrityException.class)
                .hasMessageContaining("'order-shipped'")
                .hasMessageContaining("was changed");
    }

    @Test
    void anUntouchedCopyLoads() throws IOException {
        assertThat(TemplateCatalog.loadFrom(copyOfApprovedCatalog()).keys()).containsAll(TemplateCatalog.REQUIRED);
    }

    @Test
    void aMissingTemplateFileIsNamed() throws IOException {
        Path dir = copyOfApprovedCatalog();
        Files.delete(dir.resolve("order-delivered.ftl"));

        assertThatThrownBy(() -> TemplateCatalog.loadFrom(dir))
                .isInstanceOf(TemplateIntegrityException.class)
                .hasMessageContaining("'order-delivered' is missing");
    }

    @Test
    void aCatalogWithoutARequiredTemplateIsRefused() throws IOException {
        Path dir = copyOfApprovedCatalog();
        Properties manifest = manifest(dir);
        manifest.stringPropertyNames().stream().filter(name -> name.startsWith("order-cancelled."))
                .forEach(manifest::remove);
        store(dir, manifest);

        assertThatThrownBy(() -> TemplateCatalog.loadFrom(dir))
                .isInstanceOf(TemplateIntegrityException.class)
                .hasMessageContaining("lacks 'order-cancelled'");
    }

    @Test
    void aTextThatCouldRunDataAsCodeIsRefusedEvenWithAMatchingDigest() throws IOException {
        Path dir = copyOfApprovedCatalog();
        reapprove(dir, "order-delivered", "Seu pedido ${orderNumber} ${productName?interpret}");

        assertThatThrownBy(() -> TemplateCatalog.loadFrom(dir))
                .isInstanceOf(TemplateIntegrityException.class)
                .hasMessageContaining("'order-delivered'")
                .hasMessageContaining("could run data as code");
    }

    @Test
    void aTextThatDoesNotRenderIsRefusedAtLoadNotAtSend() throws IOException {
        Path dir = copyOfApprovedCatalog();
        reapprove(dir, "order-delivered", "Seu pedido ${unknownVariable}");

        assertThatThrownBy(() -> TemplateCatalog.loadFrom(dir))
                .isInstanceOf(TemplateIntegrityException.class)
                .hasMessageContaining("'order-delivered' does not render");
    }

    private Path copyOfApprovedCatalog() throws IOException {
        Properties manifest = new Properties();
        try (InputStream in = resource(TemplateCatalog.MANIFEST)) {
            manifest.load(in);
        }
        try (InputStream in = resource(TemplateCatalog.MANIFEST)) {
            Files.copy(in, folder.resolve(TemplateCatalog.MANIFEST));
        }
        for (String property : manifest.stringPropertyNames()) {
            if (property.endsWith(".sha256")) {
                String file = property.substring(0, property.length() - ".sha256".length()) + ".ftl";
                try (InputStream in = resource(file)) {
                    Files.copy(in, folder.resolve(file));
                }
            }
        }
        return folder;
    }

    /** Replaces a text and its digest, as a new approval would: only the content checks can refuse it. */
    private static void reapprove(Path dir, String name, String text) throws IOException {
        Files.writeString(dir.resolve(name + ".ftl"), text);
        Properties manifest = manifest(dir);
        manifest.setProperty(name + ".sha256", TemplateCatalog.sha256(text.getBytes(StandardCharsets.UTF_8)));
        store(dir, manifest);
    }

    private static InputStream resource(String name) {
        return TemplateCatalog.class.getClassLoader().getResourceAsStream(TemplateCatalog.APPROVED_LOCATION + name);
    }

    private static Properties manifest(Path dir) throws IOException {
        Properties manifest = new Properties();
        try (var reader = Files.newBufferedReader(dir.resolve(TemplateCatalog.MANIFEST))) {
            manifest.load(reader);
        }
        return manifest;
    }

    private static void store(Path dir, Properties manifest) throws IOException {
        try (var writer = Files.newBufferedWriter(dir.resolve(TemplateCatalog.MANIFEST))) {
            manifest.store(writer, null);
        }
    }
}
