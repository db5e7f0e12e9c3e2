package city.alpr.common.policy;

import java.util.List;

/**
 * Which agencies are public agencies under Civil Code 1798.90.5, as the Attorney General reads it (bulletin
 * 2023-DLE-06): state and local agencies only, never a federal, tribal or private one. Only they may receive data
 * under a California policy (R34).
 */
public final class PublicAgencies {

    /** The levels of government whose agencies are public agencies. */
    public static final List<String> LEVELS = List.of("local", "state");

    private PublicAgencies() {
    }

    public static boolean isPublic(String level) {
        return LEVELS.contains(level);
    }
}
