package dev.torpedo.sms.impl.template;

import freemarker.cache.StringTemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateMethodModelEx;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The locked-down FreeMarker configuration, setting by setting: each test shows what one hardening call changes.
 * The catalog's load-time check refuses {@code ?new} and {@code ?api} in approved texts already; these are the
 * second line.
 */
class SafeFreemarkerTest {

    private final Configuration cfg = SafeFreemarker.configuration();

    /** A Java object that reached the model, with a method a template must not call. */
    public record Secret(String token) {
    }

    private String render(String source, Map<String, Object> model, StringWriter out)
            throws IOException, TemplateException {
        new Template("t", source, cfg).process(model, out);
        return out.toString();
    }

    private String render(String source) throws IOException, TemplateException {
        return render(source, Map.of(), new StringWriter());
    }

    @Test
    void newCannotInstantiateAnyClassNotEvenAHarmlessModel() {
        // FreeMarker's default resolver refuses only a few known-dangerous classes; this one it would allow.
        assertThatThrownBy(() -> render("${'freemarker.template.SimpleSequence'?new()?size}"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("not allowed");
    }

    @Test
    void apiIsRefused() {
        assertThatThrownBy(() -> render("${x?api}", Map.of("x", "caneca"), new StringWriter()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("api_builtin_enabled");
    }

    @Test
    void aJavaObjectInTheModelExposesNoneOfItsMethods() {
        assertThatThrownBy(() -> render("${s.token()}", Map.of("s", new Secret("t0k3n")), new StringWriter()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("won't wrap");
    }

    @Test
    void anErrorIsThrownAndNothingOfItIsWrittenIntoTheText() {
        StringWriter out = new StringWriter();

        assertThatThrownBy(() -> render("Seu pedido ${missing}.", Map.of(), out)).isInstanceOf(TemplateException.class);
        assertThat(out.toString()).isEqualTo("Seu pedido ");
    }

    @Test
    void anErrorIsNotLoggedByFreeMarkerTheCallerDecides() {
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger runtime = Logger.getLogger("freemarker.runtime");
        runtime.addHandler(handler);
        try {
            assertThatThrownBy(() -> render("${missing}")).isInstanceOf(TemplateException.class);
        } finally {
            runtime.removeHandler(handler);
        }

        assertThat(records).isEmpty();
    }

    @Test
    void anUncheckedExceptionFromTheModelArrivesAsATemplateException() {
        TemplateMethodModelEx failing = arguments -> {
            throw new IllegalStateException("boom");
        };

        assertThatThrownBy(() -> render("${f()}", Map.of("f", failing), new StringWriter()))
                .isInstanceOf(TemplateException.class)
                .hasRootCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void theOutputIsPlainTextAndRefusesMarkupFromAnotherFormat() throws Exception {
        assertThat(render("${.output_format}")).isEqualTo("plainText");
        assertThatThrownBy(() -> render("<#outputformat 'HTML'><#assign b>${'<b>'}</#assign></#outputformat>${b}"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("differs from the current output format");
    }

    @Test
    void formatsAreBrazilianAndNumbersPrintAsComputersWriteThem() throws Exception {
        assertThat(render("${.locale}")).isEqualTo("pt_BR");
        assertThat(render("${1234.5?string('#,##0.00')}")).isEqualTo("1.234,50");
        assertThat(render("${1234567} ${0.5}")).isEqualTo("1234567 0.5");
    }

    @Test
    void aTemplateLoadedByNameIsNeverSwappedForALocaleVariant() throws Exception {
        // The plugin compiles its texts from source; should a loader ever be set, "t_pt_BR.ftl" stays unused.
        StringTemplateLoader loader = new StringTemplateLoader();
        loader.putTemplate("t.ftl", "approved");
        loader.putTemplate("t_pt_BR.ftl", "not approved");
        cfg.setTemplateLoader(loader);

        StringWriter out = new StringWriter();
        cfg.getTemplate("t.ftl").process(Map.of(), out);

        assertThat(out).hasToString("approved");
    }
}
