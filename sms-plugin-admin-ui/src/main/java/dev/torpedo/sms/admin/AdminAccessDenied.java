package dev.torpedo.sms.admin;

/** The host's access policy refused the signed-in user (or nobody is signed in): answered 403. */
public final class AdminAccessDenied extends RuntimeException {

    public AdminAccessDenied(String message) {
        super(message, null, false, false);
    }
}
