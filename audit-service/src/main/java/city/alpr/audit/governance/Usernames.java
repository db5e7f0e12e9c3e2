package city.alpr.audit.governance;

/** A realm username, as the governance records name the person they concern. */
final class Usernames {

    static final String FORMAT = "[A-Za-z0-9][A-Za-z0-9._@-]{0,63}";
    static final String MESSAGE = "must be a username: 1-64 letters, digits or . _ @ -";

    private Usernames() {
    }
}
