package city.alpr.query.feeds;

/** A feed file that is refused whole: the first line that does not fit its layout, and why. */
public class MalformedFeedException extends Exception {

    private final int line;

    MalformedFeedException(int line, String reason) {
        super("line " + line + ": " + reason);
        this.line = line;
    }

    /** The line, counted from 1; 0 for the file as a whole. */
    public int line() {
        return line;
    }
}
