package dev.torpedo.sms.demo;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A visitor of the demo over plain HTTP, with its own cookies, who reads each page's CSRF token as a browser's
 * form would carry it: for what a browser test would only slow down (bad input, refusals, headers).
 */
final class HttpVisitor {

    /** A page as received. */
    record Page(int status, String location, String body, HttpResponse<String> response) {
        Document html() {
            return Jsoup.parse(body);
        }

        String text() {
            return html().body().text();
        }
    }

    private final String base;
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private String csrf = "";
    private String languages;

    HttpVisitor(int port) {
        this.base = "http://localhost:" + port;
    }

    /** From now on asks for pages in {@code acceptLanguage}, as a browser set to those languages does. */
    HttpVisitor speaking(String acceptLanguage) {
        this.languages = acceptLanguage;
        return this;
    }

    Page get(String path) {
        Page page = send(request(path).GET().build());
        String token = page.html().select("input[name=_csrf]").val();
        if (!token.isEmpty()) {
            csrf = token;
        }
        return page;
    }

    /** Posts a form with the CSRF token of the last page read. */
    Page post(String path, String... fields) {
        List<String> form = new ArrayList<>(List.of(fields));
        form.add("_csrf");
        form.add(csrf);
        return postRaw(path, form.toArray(String[]::new));
    }

    /** Posts a form as a forger would: without the token. */
    Page postRaw(String path, String... fields) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    HttpVisitor logIn(String user) {
        get("/entrar");
        Page done = post("/entrar", "username", user, "password", DemoLogins.passwordOf(user));
        if (done.status() != 302 || done.location().contains("erro")) {
            throw new AssertionError("Could not log in as " + user + ": " + done.status() + " " + done.location());
        }
        return this;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html");
        return languages == null ? request : request.header("Accept-Language", languages);
    }

    private Page send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Page(response.statusCode(), response.headers().firstValue("Location").orElse(""),
                    response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
