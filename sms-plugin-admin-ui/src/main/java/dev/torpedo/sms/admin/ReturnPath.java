package dev.torpedo.sms.admin;

import java.util.regex.Pattern;

/**
 * Where a section's form goes back to once it is saved, when a host's own page carries the section (its "Dados
 * da loja", its order page): only a path of this site, never another site's address, so that the form cannot be
 * turned into a redirect elsewhere.
 */
public final class ReturnPath {

    /** The hidden field a section's form carries when the host's page passes {@code returnTo}. */
    public static final String PARAMETER = "voltar";

    private static final Pattern LOCAL_PATH = Pattern.compile("/(?![/\\\\])[A-Za-z0-9/_.~-]{0,200}");

    private ReturnPath() {
    }

    /** {@code typed} when it is a path of this site, else {@code fallback}. */
    public static String or(String typed, String fallback) {
        return typed != null && LOCAL_PATH.matcher(typed).matches() && !typed.contains("..") ? typed : fallback;
    }
}
