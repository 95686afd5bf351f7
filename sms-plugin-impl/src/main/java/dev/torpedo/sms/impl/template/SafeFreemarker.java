package dev.torpedo.sms.impl.template;

import freemarker.core.PlainTextOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.SimpleObjectWrapper;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.Version;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * FreeMarker locked down for approved texts: values are plain strings in a simple hash, no Java class can be
 * reached, and templates cannot load other templates.
 */
final class SafeFreemarker {

    private static final Version VERSION = Configuration.VERSION_2_3_34;

    /**
     * Built-ins that would run text as template code or reach Java. FreeMarker cannot switch {@code ?eval} and
     * {@code ?interpret} off, so an approved text that uses any of these is refused at load.
     */
    static final Pattern FORBIDDEN = Pattern.compile(
            "\\?\\s*(new|api|eval|eval_json|interpret)\\b|<#\\s*(include|import|setting|visit|recurse)\\b");

    private SafeFreemarker() {
    }

    static Configuration configuration() {
        Configuration cfg = new Configuration(VERSION);
        cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        cfg.setAPIBuiltinEnabled(false);
        cfg.setObjectWrapper(new SimpleObjectWrapper(VERSION));
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setOutputFormat(PlainTextOutputFormat.INSTANCE);
        cfg.setLocale(Locale.forLanguageTag("pt-BR"));
        cfg.setLocalizedLookup(false);
        cfg.setNumberFormat("computer");
        return cfg;
    }
}
