package city.alpr.ingest.reads;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import city.alpr.common.plates.PlateText;

/**
 * What someone holding a dump of one day's reads (a replica, a backup) can do with the partial-search index and one
 * plate they know, their own car found by its camera and capture time: treat the stored values as a substitution
 * cipher. If each value stands for one trigram and consecutive values overlap by two characters, the characters of
 * all plates fall into classes (one per character) by unifying the overlaps, and the known plate names the classes
 * of its own characters; every plate spelled with those characters is then read in full.
 */
final class IndexDumpAttack {

    private static final int START = -1;
    private static final int END = -2;

    private final Map<Long, Long> parent = new HashMap<>();
    private final Map<Long, Character> names = new HashMap<>();

    /**
     * @param rows the stored index values of each read, in stored order
     * @param knownRow the row of the attacker's own plate
     * @param knownPlate that plate as it reads
     * @return the plates read in full from the other rows (look-alike form), by row index
     */
    static Map<Integer, String> recover(List<int[]> rows, int knownRow, String knownPlate) {
        IndexDumpAttack attack = new IndexDumpAttack();
        for (int[] row : rows) {
            attack.unifyOverlaps(row);
        }
        attack.nameFrom(rows.get(knownRow), knownPlate);
        Map<Integer, String> read = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            String plate = attack.spell(rows.get(i));
            if (i != knownRow && plate != null) {
                read.put(i, plate);
            }
        }
        return read;
    }

    /** Consecutive trigrams overlap: the second and third character of one are the first and second of the next. */
    private void unifyOverlaps(int[] row) {
        if (row.length == 0) {
            return;
        }
        union(variable(row[0], 0), variable(START, 0));
        union(variable(row[row.length - 1], 2), variable(END, 0));
        for (int i = 0; i + 1 < row.length; i++) {
            union(variable(row[i], 1), variable(row[i + 1], 0));
            union(variable(row[i], 2), variable(row[i + 1], 1));
        }
    }

    private void nameFrom(int[] row, String plate) {
        List<String> trigrams = new ArrayList<>(PlateText.trigrams(PlateText.lookAlike(plate)));
        if (trigrams.size() != row.length) {
            return;
        }
        Set<Long> conflicting = new java.util.HashSet<>();
        for (int i = 0; i < row.length; i++) {
            for (int position = 0; position < 3; position++) {
                long root = find(variable(row[i], position));
                char c = trigrams.get(i).charAt(position);
                Character earlier = names.putIfAbsent(root, c);
                if (earlier != null && earlier != c) {
                    conflicting.add(root);
                }
            }
        }
        conflicting.forEach(names::remove);
    }

    /** The row's plate, if every character of it has been named; null otherwise. */
    private String spell(int[] row) {
        if (row.length == 0) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        List<Long> characters = new ArrayList<>();
        characters.add(variable(row[0], 0));
        characters.add(variable(row[0], 1));
        for (int value : row) {
            characters.add(variable(value, 2));
        }
        for (long character : characters) {
            Character name = names.get(find(character));
            if (name == null) {
                return null;
            }
            text.append(name);
        }
        String spelled = text.toString();
        if (!spelled.startsWith("^") || !spelled.endsWith("$") || spelled.length() < 3) {
            return null;
        }
        String plate = spelled.substring(1, spelled.length() - 1);
        return plate.indexOf('^') >= 0 || plate.indexOf('$') >= 0 ? null : plate;
    }

    private static long variable(int value, int position) {
        return ((long) value << 2) | position;
    }

    private long find(long variable) {
        long root = variable;
        while (parent.getOrDefault(root, root) != root) {
            root = parent.get(root);
        }
        long node = variable;
        while (node != root) {
            long next = parent.getOrDefault(node, node);
            parent.put(node, root);
            node = next;
        }
        return root;
    }

    private void union(long a, long b) {
        long rootA = find(a);
        long rootB = find(b);
        if (rootA != rootB) {
            parent.put(rootA, rootB);
        }
    }
}
