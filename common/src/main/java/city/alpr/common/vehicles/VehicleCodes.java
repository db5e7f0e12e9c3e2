package city.alpr.common.vehicles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One vocabulary for what engines say of a vehicle, so that a description search finds a read whatever engine took
 * it: NCIC's codes for make (VMA), colour (VCO) and body style (VST), each with the words engines use for it
 * (OpenALPR's {@code silver-gray}, Plate Recognizer's {@code SUV}, Genetec's {@code Toyota}). A word outside the
 * vocabulary is kept sealed with the read as sent and is not indexed; a search names a code or one of its words.
 */
public final class VehicleCodes {

    /** A code of the vocabulary and what it stands for. */
    public record Code(String code, String name) {
    }

    /** Which attribute a code describes; each is indexed as its own term ({@code color:BLK}). */
    public enum Attribute {
        MAKE("make", makes()),
        COLOR("color", colors()),
        BODY_TYPE("bodyType", bodyTypes());

        private final String field;
        private final Map<String, String> codesByWord;
        private final List<Code> codes;

        Attribute(String field, Map<String, List<String>> vocabulary) {
            this.field = field;
            Map<String, String> byWord = new LinkedHashMap<>();
            List<Code> all = new ArrayList<>();
            vocabulary.forEach((code, words) -> {
                byWord.put(code, code);
                words.forEach(word -> byWord.put(key(word), code));
                all.add(new Code(code, words.getFirst()));
            });
            this.codesByWord = Map.copyOf(byWord);
            this.codes = List.copyOf(all);
        }

        /** The field of a search or a read that carries it. */
        public String field() {
            return field;
        }

        public List<Code> codes() {
            return codes;
        }

        /** The code of a code or word of the vocabulary (case, spaces and hyphens aside), if it is one. */
        public Optional<String> code(String value) {
            return value == null || value.isBlank() ? Optional.empty()
                    : Optional.ofNullable(codesByWord.get(key(value)));
        }

        /** The term the day's index holds for this code. */
        public String term(String code) {
            return field + ":" + code;
        }
    }

    private VehicleCodes() {
    }

    /**
     * A vehicle's make, colour and body type, as words or codes, as the terms of the vocabulary it has codes for:
     * what ingest indexes a read under, and what a search asks a read to hold.
     */
    public static List<String> terms(String make, String color, String bodyType) {
        List<String> terms = new ArrayList<>();
        Attribute.MAKE.code(make).ifPresent(code -> terms.add(Attribute.MAKE.term(code)));
        Attribute.COLOR.code(color).ifPresent(code -> terms.add(Attribute.COLOR.term(code)));
        Attribute.BODY_TYPE.code(bodyType).ifPresent(code -> terms.add(Attribute.BODY_TYPE.term(code)));
        return terms;
    }

    private static String key(String word) {
        return word.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s_-]+", " ");
    }

    private static Map<String, List<String>> makes() {
        Map<String, List<String>> makes = new LinkedHashMap<>();
        makes.put("ACUR", List.of("Acura"));
        makes.put("AUDI", List.of("Audi"));
        makes.put("BMW", List.of("BMW"));
        makes.put("BUIC", List.of("Buick"));
        makes.put("CADI", List.of("Cadillac"));
        makes.put("CHEV", List.of("Chevrolet", "Chevy"));
        makes.put("CHRY", List.of("Chrysler"));
        makes.put("DODG", List.of("Dodge"));
        makes.put("FIAT", List.of("Fiat"));
        makes.put("FORD", List.of("Ford"));
        makes.put("GMC", List.of("GMC"));
        makes.put("HARL", List.of("Harley-Davidson", "Harley"));
        makes.put("HOND", List.of("Honda"));
        makes.put("HYUN", List.of("Hyundai"));
        makes.put("INFI", List.of("Infiniti"));
        makes.put("JAGU", List.of("Jaguar"));
        makes.put("JEEP", List.of("Jeep"));
        makes.put("KAWK", List.of("Kawasaki"));
        makes.put("KIA", List.of("Kia"));
        makes.put("LNDR", List.of("Land Rover"));
        makes.put("LEXS", List.of("Lexus"));
        makes.put("LINC", List.of("Lincoln"));
        makes.put("MAZD", List.of("Mazda"));
        makes.put("MERZ", List.of("Mercedes-Benz", "Mercedes"));
        makes.put("MINI", List.of("Mini"));
        makes.put("MITS", List.of("Mitsubishi"));
        makes.put("NISS", List.of("Nissan"));
        makes.put("PORS", List.of("Porsche"));
        makes.put("RAM", List.of("Ram"));
        makes.put("SUBA", List.of("Subaru"));
        makes.put("SUZI", List.of("Suzuki"));
        makes.put("TESL", List.of("Tesla"));
        makes.put("TOYT", List.of("Toyota"));
        makes.put("VOLK", List.of("Volkswagen", "VW"));
        makes.put("VOLV", List.of("Volvo"));
        makes.put("YAMA", List.of("Yamaha"));
        return makes;
    }

    private static Map<String, List<String>> colors() {
        Map<String, List<String>> colors = new LinkedHashMap<>();
        colors.put("BGE", List.of("Beige", "gold-beige"));
        colors.put("BLK", List.of("Black"));
        colors.put("BLU", List.of("Blue"));
        colors.put("BRO", List.of("Brown"));
        colors.put("BRZ", List.of("Bronze"));
        colors.put("CPR", List.of("Copper"));
        colors.put("CRM", List.of("Cream", "Ivory"));
        colors.put("DBL", List.of("Dark Blue", "Navy"));
        colors.put("DGR", List.of("Dark Green"));
        colors.put("GLD", List.of("Gold"));
        colors.put("GRN", List.of("Green"));
        colors.put("GRY", List.of("Gray", "Grey"));
        colors.put("LBL", List.of("Light Blue"));
        colors.put("LGR", List.of("Light Green"));
        colors.put("MAR", List.of("Maroon", "Burgundy"));
        colors.put("ONG", List.of("Orange"));
        colors.put("PLE", List.of("Purple"));
        colors.put("PNK", List.of("Pink"));
        colors.put("RED", List.of("Red"));
        colors.put("SIL", List.of("Silver", "silver-gray"));
        colors.put("TAN", List.of("Tan"));
        colors.put("TEA", List.of("Teal"));
        colors.put("WHI", List.of("White"));
        colors.put("YEL", List.of("Yellow"));
        return colors;
    }

    private static Map<String, List<String>> bodyTypes() {
        Map<String, List<String>> types = new LinkedHashMap<>();
        types.put("2D", List.of("Two-door sedan"));
        types.put("4D", List.of("Sedan", "Four-door sedan", "sedan-compact", "sedan-standard"));
        types.put("BU", List.of("Bus"));
        types.put("CP", List.of("Coupe"));
        types.put("CV", List.of("Convertible"));
        types.put("HB", List.of("Hatchback"));
        types.put("MC", List.of("Motorcycle"));
        types.put("PK", List.of("Pickup", "Pickup Truck", "truck-standard"));
        types.put("SW", List.of("Station wagon", "Wagon", "sedan-wagon"));
        types.put("TR", List.of("Truck", "Big Truck", "tractor-trailer"));
        types.put("UT", List.of("Sport utility", "SUV", "suv-crossover", "suv-standard", "Crossover"));
        types.put("VN", List.of("Van", "Minivan", "van-full", "van-mini"));
        return types;
    }
}
