package dev.torpedo.sms.impl.gateway;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/**
 * Reads WireMock's request journal per message: how often each message reached the provider, and how often the
 * provider really took it (a 2xx that was not a fault).
 *
 * <pre>{@code
 * assertThat(ProviderJournal.accepted(server.getAllServeEvents(), ProviderJournal::externalId)).allSatisfy((message, count) -> assertThat(count).as("requests for message %s", message).isOne());
 * }</pre>
 */
public final class ProviderJournal {

    private ProviderJournal() {
    }

    /** Zenvia's answer to a send, with the message's id made from our external id: {@code zen-<externalId>}. */
    public static ResponseDefinitionBuilder zenviaAccepts() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"id\": \"zen-{{jsonPath request.body '$.externalId'}}\", \"direction\": \"OUT\","
                        + " \"channel\": \"sms\"}")
                .withTransformers("response-template");
    }

    /** The {@code externalId} of a Zenvia send. */
    public static String externalId(LoggedRequest request) {
        return ProviderJson.parse(request.getBodyAsString()).flatMap(json -> ProviderJson.text(json, "externalId"))
                .orElse("?");
    }

    /** Requests per message. */
    public static Map<String, Long> requests(List<ServeEvent> events, Function<LoggedRequest, String> message) {
        Map<String, Long> counts = new TreeMap<>();
        events.forEach(event -> counts.merge(message.apply(event.getRequest()), 1L, Long::sum));
        return counts;
    }

    /** Requests per message that the provider answered with a real 2xx (not a fault, which breaks the connection). */
    public static Map<String, Long> accepted(List<ServeEvent> events, Function<LoggedRequest, String> message) {
        Map<String, Long> counts = new TreeMap<>();
        events.stream()
                .filter(event -> event.getResponseDefinition().getFault() == null)
                .filter(event -> event.getResponse().getStatus() / 100 == 2)
                .forEach(event -> counts.merge(message.apply(event.getRequest()), 1L, Long::sum));
        return counts;
    }
}
