package dev.torpedo.sms.demo;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.security.Principal;

/** Every page's frame knows who is signed in, and whether as the operator, to show the right admin menu. */
@ControllerAdvice
public class DemoPageAdvice {

    /** Who is signed in, for the frame; {@code null} name when nobody is. */
    public record SignedIn(String name, boolean operator) {
    }

    @ModelAttribute("signedIn")
    SignedIn signedIn(Principal user) {
        if (!(user instanceof Authentication authentication) || !authentication.isAuthenticated()) {
            return new SignedIn(null, false);
        }
        return new SignedIn(user.getName(), DemoSecurity.hasRole(user, DemoSecurity.OPERATOR));
    }
}
