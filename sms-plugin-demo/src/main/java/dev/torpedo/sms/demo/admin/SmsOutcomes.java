package dev.torpedo.sms.demo.admin;

import dev.torpedo.sms.api.HookResult;
import dev.torpedo.sms.impl.i18n.Reasons;

import java.util.Locale;

/** What the plugin did with an event, in the merchant's words. */
final class SmsOutcomes {

    private static final Locale PT_BR = Locale.forLanguageTag("pt-BR");

    private SmsOutcomes() {
    }

    static String describe(HookResult sms) {
        return switch (sms.outcome()) {
            case QUEUED -> "SMS na fila: sai entre 9h e 18h no horário do cliente.";
            case DUPLICATE -> "Este SMS já estava na fila.";
            case SKIPPED -> "Nenhum SMS: " + Reasons.describe(sms.reason(), PT_BR);
            case REJECTED -> "SMS recusado: " + Reasons.describe(sms.reason(), PT_BR);
        };
    }

    static String describeRestock(HookResult sms) {
        return sms.outcome() == HookResult.Outcome.QUEUED
                ? "Quem pediu \"Avise-me\" vai receber o aviso, entre 9h e 18h no horário de cada um."
                : describe(sms);
    }
}
