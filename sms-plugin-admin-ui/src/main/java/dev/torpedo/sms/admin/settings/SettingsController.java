package dev.torpedo.sms.admin.settings;

import dev.torpedo.sms.admin.AdminAccess;
import dev.torpedo.sms.admin.AdminPaths;
import dev.torpedo.sms.admin.AdminUser;
import dev.torpedo.sms.admin.ReturnPath;
import dev.torpedo.sms.admin.Texts;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "Envio de SMS": GET shows the section, POST "Gravar" saves it, the preview shows it as typed. */
@Controller
class SettingsController {

    static final String VIEW = "torpedo/sms/admin/settings";
    static final String PREVIEW_VIEW = "torpedo/sms/admin/preview";

    private final AdminAccess access;
    private final SettingsService settings;

    SettingsController(AdminAccess access, SettingsService settings) {
        this.access = access;
        this.settings = settings;
    }

    @GetMapping(AdminPaths.SETTINGS)
    ModelAndView show(HttpServletRequest request) {
        AdminUser user = access.viewer(request);
        return new ModelAndView(VIEW, "view", settings.view(user.store(), user.locale()));
    }

    @PostMapping(AdminPaths.SETTINGS)
    ModelAndView save(HttpServletRequest request, @RequestParam(name = "envio", required = false) String mode,
                      @RequestParam(name = "remetente", required = false) String sender,
                      @RequestParam(name = "contato", required = false) String contact,
                      @RequestParam(name = "linkSair", required = false) String unsubscribeLink,
                      @RequestParam(name = "acao", required = false) String action,
                      @RequestParam(name = ReturnPath.PARAMETER, required = false) String returnTo,
                      RedirectAttributes flash) {
        AdminUser user = access.editor(request);
        SettingsForm form = new SettingsForm(mode, sender, contact, "sim".equals(unsubscribeLink));
        if ("previa".equals(action)) {
            return new ModelAndView(VIEW, "view", settings.preview(user.store(), form, user.locale()));
        }
        SettingsService.Saved saved = settings.save(user.store(), form, user.locale());
        if (!saved.saved()) {
            ModelAndView page = new ModelAndView(VIEW, "view", saved.view());
            page.addObject("returnTo", ReturnPath.or(returnTo, ""));
            page.setStatus(HttpStatusCode.valueOf(422));
            return page;
        }
        flash.addFlashAttribute("notice", new Texts(user.locale()).get("settings.saved"));
        return new ModelAndView("redirect:" + ReturnPath.or(returnTo, AdminPaths.SETTINGS));
    }

    /** The preview alone, for the page's script to refresh it as the merchant types. */
    @GetMapping(AdminPaths.PREVIEW)
    ModelAndView preview(HttpServletRequest request, @RequestParam(name = "remetente", required = false) String sender,
                         @RequestParam(name = "contato", required = false) String contact) {
        AdminUser user = access.viewer(request);
        return new ModelAndView(PREVIEW_VIEW, "view",
                settings.preview(user.store(), new SettingsForm(null, sender, contact), user.locale()));
    }
}
