package dev.torpedo.sms.admin;

/** The hidden field every admin form carries: the host's Spring Security token, or the plugin's own. */
public record CsrfField(String parameterName, String token) {
}
