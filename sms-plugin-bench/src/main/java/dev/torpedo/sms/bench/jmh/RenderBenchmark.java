package dev.torpedo.sms.bench.jmh;

import dev.torpedo.sms.api.Contact;
import dev.torpedo.sms.api.Sender;
import dev.torpedo.sms.api.TemplateKey;
import dev.torpedo.sms.impl.template.MessageRenderer;
import dev.torpedo.sms.impl.template.RenderResult;
import dev.torpedo.sms.impl.template.RenderingOptions;
import dev.torpedo.sms.impl.template.TemplateCatalog;
import dev.torpedo.sms.impl.template.TemplateVariables;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * JMH: rendering alone, no database and no phone parsing: the approved template filled in (FreeMarker), framed
 * with the sender and the contact, transliterated to GSM-7 and its segments counted. {@code accented} needs the
 * transliteration; {@code ascii} does not.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RenderBenchmark {

    private static final Sender SENDER = Sender.of("Loja Bench");
    private static final Contact CONTACT = Contact.of("1133334444");

    private final TemplateCatalog catalog = TemplateCatalog.loadApproved();
    private final MessageRenderer renderer = new MessageRenderer(catalog, RenderingOptions.defaults());
    private final Map<String, String> ascii = Map.of(TemplateVariables.CUSTOMER_NAME, "Ana",
            TemplateVariables.ORDER_NUMBER, "2026-100234", TemplateVariables.TOTAL, "R$ 149,90");
    private final Map<String, String> accented = Map.of(TemplateVariables.CUSTOMER_NAME, "Conceição",
            TemplateVariables.ORDER_NUMBER, "2026-100234", TemplateVariables.TOTAL, "R$ 1.249,90");

    @Benchmark
    public RenderResult ascii() {
        return renderer.render(TemplateKey.ORDER_RECEIVED, SENDER, CONTACT, ascii);
    }

    @Benchmark
    public RenderResult accented() {
        return renderer.render(TemplateKey.ORDER_RECEIVED, SENDER, CONTACT, accented);
    }
}
