package dev.torpedo.sms.admin;

/** Where the plugin's admin pages live; every path starts with {@link #BASE}. */
public final class AdminPaths {

    public static final String BASE = "/torpedo/sms/admin";
    public static final String SETTINGS = BASE + "/configuracao";
    public static final String PREVIEW = SETTINGS + "/previa";
    public static final String TEST = BASE + "/testar";
    public static final String CREDITS = BASE + "/creditos";
    public static final String PURCHASES = CREDITS + "/compras";
    public static final String OPERATOR_PURCHASES = BASE + "/operador/compras";
    public static final String ORDERS = BASE + "/pedidos";
    public static final String MESSAGES = BASE + "/mensagens";
    /** The plugin's CSS and JavaScript. */
    public static final String ASSETS = "/torpedo/sms/assets";

    private AdminPaths() {
    }
}
