package dev.torpedo.sms.demo.admin;

import dev.torpedo.sms.admin.AdminAccessDenied;
import dev.torpedo.sms.admin.AdminModel;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The host's admin pages carry the plugin's sections, which need the plugin's texts, paths and CSRF field; and a
 * refusal of the plugin's access check is a 403 page here too.
 */
@ControllerAdvice(basePackageClasses = HostAdminAdvice.class)
class HostAdminAdvice {

    private final AdminModel model;

    HostAdminAdvice(AdminModel model) {
        this.model = model;
    }

    @ModelAttribute
    void pluginModel(HttpServletRequest request, Model page) {
        page.addAllAttributes(model.attributes(request));
    }

    @ExceptionHandler(AdminAccessDenied.class)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String denied(Model page) {
        page.addAttribute("status", 403);
        return "error";
    }
}
