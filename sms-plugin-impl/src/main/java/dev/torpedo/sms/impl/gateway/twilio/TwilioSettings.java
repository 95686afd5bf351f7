package dev.torpedo.sms.impl.gateway.twilio;

import java.util.ArrayList;
import java.util.List;

/**
 * Where and as whom the plugin sends through Twilio. Any value may be missing until the gateway is built; see
 * {@link #missing()}.
 *
 * <pre>{@code
 * var settings = new TwilioSettings("https://api.twilio.com", "AC...", authToken, "+5511999990000", null, null);
 * }</pre>
 *
 * @param baseUrl             the API's root, {@code https://api.twilio.com}
 * @param accountSid          the account ({@code AC...}): Basic auth user and part of the path
 * @param authToken           the auth token: Basic auth password; a secret, never printed
 * @param from                the sending number in E.164, used when there is no messaging service
 * @param messagingServiceSid the messaging service ({@code MG...}); when set it is sent instead of {@code From}
 * @param statusCallbackUrl   where Twilio posts delivery statuses, or null
 */
public record TwilioSettings(String baseUrl, String accountSid, String authToken, String from,
                             String messagingServiceSid, String statusCallbackUrl) {

    public static final String DEFAULT_BASE_URL = "https://api.twilio.com";

    /** The settings that a send needs and that are missing, by property suffix ({@code auth-token}, ...). */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (isBlank(baseUrl)) {
            missing.add("base-url");
        }
        if (isBlank(accountSid)) {
            missing.add("account-sid");
        }
        if (isBlank(authToken)) {
            missing.add("auth-token");
        }
        if (isBlank(from) && isBlank(messagingServiceSid)) {
            missing.add("from (or messaging-service-sid)");
        }
        return missing;
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** The auth token is a secret: it never reaches a log line. */
    @Override
    public String toString() {
        return "TwilioSettings[baseUrl=" + baseUrl + ", accountSid=" + accountSid + ", authToken="
                + (isBlank(authToken) ? "(none)" : "****") + ", from=" + from + ", messagingServiceSid="
                + messagingServiceSid + ", statusCallbackUrl=" + statusCallbackUrl + "]";
    }
}
