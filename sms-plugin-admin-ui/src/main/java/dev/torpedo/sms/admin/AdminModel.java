package dev.torpedo.sms.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Objects;

/**
 * What the admin's macros read besides their view: the texts ({@code t}), the paths ({@code paths}), the CSRF
 * field ({@code torpedoCsrf}) and the layout ({@code torpedoLayout}). The plugin's pages get them on their own; a
 * host that puts a section in a page of its own adds them to that page's model:
 *
 * <pre>{@code
 * @GetMapping("/admin/dados-da-loja")
 * String storePage(HttpServletRequest request, Model model) {
 *     AdminUser user = access.viewer(request);
 *     model.addAllAttributes(adminModel.attributes(request));
 *     model.addAttribute("smsSettings", settings.view(user.store(), user.locale()));
 *     return "dados-da-loja";     // <#import "/torpedo/sms/admin/sections.ftlh" as sms> ... <@sms.settings smsSettings/>
 * }
 * }</pre>
 */
public final class AdminModel {

    private final AdminSettings settings;

    public AdminModel(AdminSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public Map<String, Object> attributes(HttpServletRequest request) {
        return Map.of(
                "t", new Texts(AdminAccess.locale(request)),
                "torpedoLayout", settings.layout(),
                "torpedoCsrf", AdminCsrf.field(request),
                "paths", Map.of("settings", AdminPaths.SETTINGS, "preview", AdminPaths.PREVIEW,
                        "test", AdminPaths.TEST, "credits", AdminPaths.CREDITS, "purchases", AdminPaths.PURCHASES,
                        "operator", AdminPaths.OPERATOR_PURCHASES, "orders", AdminPaths.ORDERS,
                        "messages", AdminPaths.MESSAGES, "assets", AdminPaths.ASSETS));
    }
}
