package io.pdshield.testkit;

/**
 * Declension of Russian personal names (surname, first name, patronymic) into the six cases, for
 * the name forms the corpus uses. Covers the regular paradigms: surnames in -ов/-ев/-ин/-ын and
 * -ский/-цкий (and their feminine forms), indeclinable -ко/-их/-ых; first names in a consonant,
 * -й, -ь, -а, -я, -ия; patronymics in -ич/-на. Enough for the generator's name lists, not a
 * general morphology.
 */
final class RuNames {
    private RuNames() {
    }

    /** Grammatical case. */
    enum Case { NOM, GEN, DAT, ACC, INS, PRE }

    private static boolean endsWith(String s, String... ends) {
        for (String e : ends) if (s.endsWith(e)) return true;
        return false;
    }

    private static String cut(String s, int n) {
        return s.substring(0, s.length() - n);
    }

    static String surname(String nom, boolean female, Case c) {
        if (c == Case.NOM) return nom;
        if (endsWith(nom, "ко", "их", "ых", "аго", "ово")) return nom; // indeclinable
        if (female) {
            if (endsWith(nom, "ская", "цкая")) {
                String stem = cut(nom, 2);
                return c == Case.ACC ? stem + "ую" : stem + "ой";
            }
            if (endsWith(nom, "ова", "ева", "ёва", "ина", "ына")) {
                String stem = cut(nom, 1);
                return c == Case.ACC ? stem + "у" : stem + "ой";
            }
            return nom; // feminine of a consonant-final surname does not decline
        }
        if (endsWith(nom, "ский", "цкий")) {
            String stem = cut(nom, 2);
            return switch (c) {
                case GEN, ACC -> stem + "ого";
                case DAT -> stem + "ому";
                case INS -> stem + "им";
                case PRE -> stem + "ом";
                default -> nom;
            };
        }
        if (endsWith(nom, "ов", "ев", "ёв", "ин", "ын")) {
            return switch (c) {
                case GEN, ACC -> nom + "а";
                case DAT -> nom + "у";
                case INS -> nom + "ым";
                case PRE -> nom + "е";
                default -> nom;
            };
        }
        return consonantNoun(nom, c);
    }

    private static String consonantNoun(String nom, Case c) {
        boolean sibilant = endsWith(nom, "ж", "ш", "ч", "щ", "ц");
        return switch (c) {
            case GEN, ACC -> nom + "а";
            case DAT -> nom + "у";
            case INS -> nom + (sibilant ? "ем" : "ом");
            case PRE -> nom + "е";
            default -> nom;
        };
    }

    static String firstName(String nom, boolean female, Case c) {
        if (c == Case.NOM) return nom;
        switch (nom) {
            case "Павел": return consonantNoun("Павл", c);
            case "Пётр": return consonantNoun("Петр", c);
            case "Любовь":
                return switch (c) {
                    case ACC -> "Любовь";
                    case INS -> "Любовью";
                    default -> "Любови";
                };
            default:
        }
        // a woman's name ending in neither -а, -я nor -ь is not declined: Алсу, Лейсан, Патимат
        if (female && !nom.endsWith("а") && !nom.endsWith("я") && !nom.endsWith("ь")) return nom;
        // a woman's name in -ь declines as Любовь: Айгуль, Айгули, с Айгулью
        if (female && nom.endsWith("ь")) {
            String stem = cut(nom, 1);
            return switch (c) {
                case ACC -> nom;
                case INS -> stem + "ью";
                default -> stem + "и";
            };
        }
        if (nom.endsWith("ия")) {
            String stem = cut(nom, 1);
            return switch (c) {
                case ACC -> stem + "ю";
                case INS -> stem + "ей";
                default -> stem + "и";
            };
        }
        if (nom.endsWith("я")) { // Илья, Наталья
            String stem = cut(nom, 1);
            return switch (c) {
                case GEN -> stem + "и";
                case DAT, PRE -> stem + "е";
                case ACC -> stem + "ю";
                case INS -> stem + (female ? "ей" : "ёй");
                default -> nom;
            };
        }
        if (nom.endsWith("а")) {
            String stem = cut(nom, 1);
            boolean velar = endsWith(stem, "г", "к", "х", "ж", "ш", "ч", "щ");
            return switch (c) {
                case GEN -> stem + (velar ? "и" : "ы");
                case DAT, PRE -> stem + "е";
                case ACC -> stem + "у";
                case INS -> stem + (endsWith(stem, "ж", "ш", "ч", "щ", "ц") ? "ей" : "ой");
                default -> nom;
            };
        }
        if (nom.endsWith("ий")) {
            String stem = cut(nom, 1);
            return switch (c) {
                case GEN, ACC -> stem + "я";
                case DAT -> stem + "ю";
                case INS -> stem + "ем";
                case PRE -> stem + "и";
                default -> nom;
            };
        }
        if (nom.endsWith("й") || nom.endsWith("ь")) {
            String stem = cut(nom, 1);
            return switch (c) {
                case GEN, ACC -> stem + "я";
                case DAT -> stem + "ю";
                case INS -> stem + "ем";
                case PRE -> stem + "е";
                default -> nom;
            };
        }
        return consonantNoun(nom, c);
    }

    static String patronymic(String nom, boolean female, Case c) {
        if (c == Case.NOM) return nom;
        if (female) {
            String stem = cut(nom, 1);
            return switch (c) {
                case GEN -> stem + "ы";
                case DAT, PRE -> stem + "е";
                case ACC -> stem + "у";
                case INS -> stem + "ой";
                default -> nom;
            };
        }
        boolean stressed = nom.equals("Ильич") || nom.equals("Лукич") || nom.equals("Фомич") || nom.equals("Кузьмич");
        return switch (c) {
            case GEN, ACC -> nom + "а";
            case DAT -> nom + "у";
            case INS -> nom + (stressed ? "ом" : "ем");
            case PRE -> nom + "е";
            default -> nom;
        };
    }
}
